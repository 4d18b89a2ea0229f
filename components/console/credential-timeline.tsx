import { Activity, Ban, CirclePlus, History, type LucideIcon } from "lucide-react";
import type { Route } from "next";
import Link from "next/link";
import { DateCell } from "@/components/console/date-cell";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { AuditEventRow } from "@/lib/dal/audit-log";
import type { RequestHour, Timeline } from "@/lib/dal/credential-activity";
import { cn } from "@/lib/utils";
import { auditActionLabel } from "@/lib/validations/audit-log";
import { groupByDay, requestHourSummary } from "./credential-timeline.utils";

const dayFormat = new Intl.DateTimeFormat("en-US", { weekday: "long", month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
const hourFormat = new Intl.DateTimeFormat("en-US", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" });
const windowFormat = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });

interface CredentialTimelineProps {
  timeline: Timeline;
  now: Date;
  /** The page's URL without ?before: the newest window. */
  base: string;
}

/**
 * One credential's history: lifecycle events (who, from where) and its requests per hour, newest
 * first and grouped by UTC day. Each page covers a fixed window; "Load older" moves it back.
 */
export function CredentialTimeline({ timeline, now, base }: CredentialTimelineProps) {
  const latest = timeline.before.getTime() >= now.getTime();
  return (
    <section aria-labelledby="activity-heading">
      <Card className="gap-0 overflow-hidden py-0">
        <CardHeader className="border-b py-5">
          <CardTitle id="activity-heading" className="flex items-center gap-2 text-base">
            <History className="size-4 text-muted-foreground" aria-hidden />
            Activity
          </CardTitle>
          <CardDescription>
            {latest ? "The last 30 days" : `${windowFormat.format(timeline.from)} – ${windowFormat.format(timeline.before)}`}: lifecycle events, and requests per hour
            with the reasons any were denied. Requests are recorded within a second.
          </CardDescription>
        </CardHeader>
        {timeline.items.length === 0 ? (
          <div className="p-6">
            <EmptyState icon={<History />} title="No activity in this period" className="min-h-32" />
          </div>
        ) : (
          <ol aria-label="Activity by day" className="divide-y">
            {groupByDay(timeline.items).map((group) => (
              <li key={group.day}>
                <h3 className="bg-muted/40 px-6 py-2 text-xs font-medium tracking-wide text-muted-foreground uppercase">
                  <time dateTime={group.day}>{dayFormat.format(new Date(group.day))}</time>
                </h3>
                <ol className="divide-y">
                  {group.items.map((item) =>
                    item.kind === "event" ? (
                      <EventItem key={item.event.id} event={item.event} now={now} />
                    ) : (
                      <RequestsItem key={item.at.toISOString()} requests={item.requests} />
                    ),
                  )}
                </ol>
              </li>
            ))}
          </ol>
        )}
        {timeline.hasOlder || !latest ? (
          <nav aria-label="Activity pages" className="flex items-center justify-end gap-2 border-t px-6 py-3">
            {!latest ? (
              <Button variant="ghost" size="sm" asChild>
                <Link href={base as Route} scroll={false}>
                  Newest
                </Link>
              </Button>
            ) : null}
            {timeline.hasOlder ? (
              <Button variant="outline" size="sm" asChild>
                <Link href={`${base}?before=${encodeURIComponent(timeline.from.toISOString())}` as Route} scroll={false}>
                  Load older
                </Link>
              </Button>
            ) : null}
          </nav>
        ) : null}
      </Card>
    </section>
  );
}

function eventIcon(action: string): { icon: LucideIcon; tone: string } {
  if (action.endsWith(".deleted") || action.endsWith(".revoked")) return { icon: Ban, tone: "bg-destructive/10 text-destructive" };
  return { icon: CirclePlus, tone: "bg-success/10 text-success" };
}

function TimelineRow({ icon: Icon, tone, children, aside }: { icon: LucideIcon; tone: string; children: React.ReactNode; aside: React.ReactNode }) {
  return (
    <li className="flex items-start gap-4 px-6 py-4">
      <span className={cn("mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-full", tone)} aria-hidden>
        <Icon className="size-3.5" />
      </span>
      <div className="grid min-w-0 flex-1 gap-0.5 text-sm">{children}</div>
      <div className="shrink-0 text-right text-sm text-muted-foreground tabular-nums">{aside}</div>
    </li>
  );
}

function EventItem({ event, now }: { event: AuditEventRow; now: Date }) {
  const { icon, tone } = eventIcon(event.action);
  const actor = event.actor.type === "user" && event.actor.email ? `${event.actor.name} (${event.actor.email})` : event.actor.name;
  return (
    <TimelineRow icon={icon} tone={tone} aside={<DateCell value={event.createdAt} now={now} />}>
      <p className="font-medium">{auditActionLabel(event.action)}</p>
      <p className="truncate text-muted-foreground">
        by {actor}
        {event.ip ? (
          <>
            {" · "}
            <span className="font-mono text-xs">{event.ip}</span>
          </>
        ) : null}
      </p>
    </TimelineRow>
  );
}

function RequestsItem({ requests }: { requests: RequestHour }) {
  const end = new Date(requests.hour.getTime() + 3_600_000);
  return (
    <TimelineRow
      icon={Activity}
      tone={requests.denied > 0 ? "bg-warning/10 text-warning" : "bg-muted text-muted-foreground"}
      aside={
        <time dateTime={requests.hour.toISOString()} className="font-mono text-xs">
          {hourFormat.format(requests.hour)}–{hourFormat.format(end)} UTC
        </time>
      }
    >
      <p className="font-medium">{requestHourSummary(requests)}</p>
    </TimelineRow>
  );
}
