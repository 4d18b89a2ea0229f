import { CalendarClock, CircleSlash } from "lucide-react";
import { DateCell } from "@/components/console/date-cell";
import { Badge } from "@/components/ui/badge";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const absolute = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** "Expires in 3 days" / "Expires in 5 hours": how soon, in the largest whole unit that fits. */
export function expiresInText(left: number): string {
  if (left < DAY) {
    const hours = Math.max(1, Math.ceil(left / HOUR));
    return `Expires in ${hours} ${hours === 1 ? "hour" : "hours"}`;
  }
  // Rounded: a key set to expire "in 7 days" a moment ago still reads 7, not 6.
  const days = Math.round(left / DAY);
  return `Expires in ${days} ${days === 1 ? "day" : "days"}`;
}

interface ExpiryCellProps {
  expiresAt: Date | null;
  now: Date;
  /** The organization's warning window (Organization.expiryWarningDays). */
  warningDays: number;
  /** Rolled credentials end on purpose: their end is shown by the rotation status instead. */
  quiet?: boolean;
}

/**
 * The Expires cell of keys and tokens: "Never", "in 45 days", a warning badge ("Expires in 3
 * days") inside the organization's warning window, or "Expired".
 */
export function ExpiryCell({ expiresAt, now, warningDays, quiet = false }: ExpiryCellProps) {
  if (!expiresAt) return <span className="text-muted-foreground">Never</span>;
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) {
    return (
      <span className="flex flex-col items-start gap-1 text-muted-foreground">
        <Badge variant="secondary">
          <CircleSlash aria-hidden />
          Expired
        </Badge>
        <DateCell value={expiresAt} now={now} />
      </span>
    );
  }
  if (quiet || left > warningDays * DAY) return <DateCell value={expiresAt} now={now} />;
  return (
    <Badge variant="warning" title={`${absolute.format(expiresAt)} UTC`}>
      <CalendarClock aria-hidden />
      {expiresInText(left)}
    </Badge>
  );
}
