import type { RequestHour } from "@/lib/dal/credential-activity";

/** "42 calls · 3 denied (INSUFFICIENT_SCOPE ×2, RATE_LIMITED ×1)", or "1 call" when none was refused. */
export function requestHourSummary(hour: Pick<RequestHour, "calls" | "denied" | "reasons">): string {
  const calls = `${hour.calls.toLocaleString("en-US")} ${hour.calls === 1 ? "call" : "calls"}`;
  if (hour.denied === 0) return calls;
  const reasons = hour.reasons.map((reason) => `${reason.code} ×${reason.count}`).join(", ");
  return `${calls} · ${hour.denied.toLocaleString("en-US")} denied (${reasons})`;
}

/** Timeline items grouped by their UTC day, keeping the items' order (newest first). */
export function groupByDay<Item extends { at: Date }>(items: Item[]): { day: string; items: Item[] }[] {
  const groups: { day: string; items: Item[] }[] = [];
  for (const item of items) {
    const day = item.at.toISOString().slice(0, 10);
    const last = groups.at(-1);
    if (last?.day === day) last.items.push(item);
    else groups.push({ day, items: [item] });
  }
  return groups;
}
