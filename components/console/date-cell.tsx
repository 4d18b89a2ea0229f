const DAY = 86_400_000;
const absolute = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const short = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
const relative = new Intl.RelativeTimeFormat("en-US", { numeric: "auto" });

/**
 * A date as "3 min ago" / "Nov 25, 2026", with the exact UTC time on hover. Formatted in UTC
 * with a fixed locale so server and browser render the same text.
 */
export function DateCell({ value, now, empty = "—" }: { value: Date | null; now: Date; empty?: string }) {
  if (!value) return <span className="text-muted-foreground">{empty}</span>;
  const ago = now.getTime() - value.getTime();
  let text: string;
  if (ago < 60_000) text = "just now";
  else if (ago < 3_600_000) text = relative.format(-Math.floor(ago / 60_000), "minute");
  else if (ago < DAY) text = relative.format(-Math.floor(ago / 3_600_000), "hour");
  else if (ago < 7 * DAY) text = relative.format(-Math.floor(ago / DAY), "day");
  else text = short.format(value);
  return (
    <time dateTime={value.toISOString()} title={`${absolute.format(value)} UTC`} className="whitespace-nowrap">
      {text}
    </time>
  );
}
