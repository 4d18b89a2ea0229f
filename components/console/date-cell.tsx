const DAY = 86_400_000;
const absolute = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const short = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
const relative = new Intl.RelativeTimeFormat("en-US", { numeric: "auto" });

/**
 * A date as "3 minutes ago" / "in 2 days" / "Nov 25, 2026", with the exact UTC time on hover. Formatted in UTC
 * with a fixed locale so server and browser render the same text.
 */
export function DateCell({ value, now, empty = "—" }: { value: Date | null; now: Date; empty?: string }) {
  if (!value) return <span className="text-muted-foreground">{empty}</span>;
  const ago = now.getTime() - value.getTime();
  // Past dates count back ("3 hours ago"), future ones forward ("in 3 days").
  const sign = ago < 0 ? 1 : -1;
  const distance = Math.abs(ago);
  let text: string;
  if (distance < 60_000) text = ago < 0 ? "in a moment" : "just now";
  else if (distance < 3_600_000) text = relative.format(sign * Math.floor(distance / 60_000), "minute");
  else if (distance < DAY) text = relative.format(sign * Math.floor(distance / 3_600_000), "hour");
  else if (distance < 7 * DAY) text = relative.format(sign * Math.floor(distance / DAY), "day");
  else text = short.format(value);
  return (
    <time dateTime={value.toISOString()} title={`${absolute.format(value)} UTC`} className="whitespace-nowrap">
      {text}
    </time>
  );
}
