import type { Metadata, Route } from "next";
import Link from "next/link";
import { ShieldCheck, ShieldX } from "lucide-react";
import { InvalidQueryAlert } from "@/components/console/invalid-query-alert";
import { PageHeader } from "@/components/console/page-header";
import { Pagination } from "@/components/console/pagination";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { canReadAuditLog } from "@/lib/auth/permissions";
import { AUDIT_FORBIDDEN_MESSAGE, listAuditEvents, listAuditFilterOptions } from "@/lib/dal/audit-log";
import { requireMember } from "@/lib/dal/session";
import { auditLogParamsSchema, type AuditLogParams } from "@/lib/validations/audit-log";
import { fromDate } from "@/lib/validations/logs";
import { AuditFilters } from "./_components/audit-filters";
import { AuditTable } from "./_components/audit-table";

export const metadata: Metadata = { title: "Audit Log" };

const DESCRIPTION = "Every change to the organization's projects, environments, keys and tokens, and every sign-in: who, what, when and from where.";

/** A query value as the schema should see it: absent, not "", when the filter is off. */
function queryValue(value: string | string[] | undefined): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

export default async function AuditLogPage({ params, searchParams }: PageProps<"/[orgSlug]/audit-log">) {
  const [{ orgSlug }, query] = await Promise.all([params, searchParams]);
  const ctx = await requireMember(orgSlug);
  const base = `/${ctx.organizationSlug}/audit-log`;

  if (!canReadAuditLog(ctx.role)) {
    return (
      <>
        <PageHeader title="Audit Log" description={DESCRIPTION} />
        <div className="px-6 py-8 lg:px-10">
          <EmptyState icon={<ShieldX />} title={AUDIT_FORBIDDEN_MESSAGE} description="Ask an owner or admin of the organization for the events you need." />
        </div>
      </>
    );
  }

  const parsed = auditLogParamsSchema.safeParse({
    target: queryValue(query.target),
    actor: queryValue(query.actor),
    action: queryValue(query.action),
    from: queryValue(query.from),
    to: queryValue(query.to),
    page: queryValue(query.page),
  });
  if (!parsed.success) {
    return (
      <>
        <PageHeader title="Audit Log" description={DESCRIPTION} />
        <div className="px-6 py-8 lg:px-10">
          <InvalidQueryAlert error={parsed.error} resetHref={base} resetLabel="Clear the filters" />
        </div>
      </>
    );
  }

  const filters = parsed.data;
  const now = new Date();
  const [log, options] = await Promise.all([
    listAuditEvents(ctx, { ...filters, from: fromDate(filters.from, now), to: filters.to ? new Date(filters.to) : undefined }),
    listAuditFilterOptions(ctx),
  ]);
  const hrefFor = (next: Partial<AuditLogParams>) => {
    const merged = { ...filters, ...next };
    const search = new URLSearchParams();
    for (const name of ["target", "actor", "action", "from", "to"] as const) {
      const value = merged[name];
      if (value) search.set(name, value);
    }
    if (merged.page > 1) search.set("page", String(merged.page));
    const text = search.toString();
    return text ? `${base}?${text}` : base;
  };
  const filtered = [filters.target, filters.actor, filters.action, filters.from, filters.to].some((value) => value !== undefined);

  return (
    <>
      <PageHeader title="Audit Log" description={DESCRIPTION} />
      <div className="grid gap-8 px-6 py-8 lg:px-10">
        <section aria-labelledby="audit-heading">
          <Card className="gap-0 overflow-hidden py-0">
            <CardHeader className="border-b py-5">
              <CardTitle id="audit-heading" className="flex items-center gap-2 text-base">
                <ShieldCheck className="size-4 text-muted-foreground" aria-hidden />
                Events
                {log.total > 0 ? <span className="text-sm font-normal text-muted-foreground tabular-nums">{log.total.toLocaleString("en-US")}</span> : null}
              </CardTitle>
              <CardDescription>Only owners and admins see this log. Hover a time for the exact moment, in UTC.</CardDescription>
            </CardHeader>
            <AuditFilters
              base={base}
              targets={options.targets}
              actors={options.actors}
              current={{ target: filters.target ?? "", actor: filters.actor ?? "", action: filters.action ?? "", from: filters.from ?? "", to: filters.to ?? "" }}
            />
            {log.total === 0 ? (
              <div className="p-6">
                <EmptyState
                  icon={<ShieldCheck />}
                  title={filtered ? "No events match these filters" : "No events yet"}
                  description={filtered ? <Link href={base as Route}>Clear the filters</Link> : "Changes and sign-ins appear here as they happen."}
                  className="min-h-40"
                />
              </div>
            ) : (
              <>
                <AuditTable rows={log.rows} now={now} />
                <Pagination page={log.page} pageCount={log.pageCount} pageSize={log.pageSize} total={log.total} hrefFor={(page) => hrefFor({ page })} label="Events" />
              </>
            )}
          </Card>
        </section>
      </div>
    </>
  );
}
