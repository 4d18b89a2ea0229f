import { CalendarClock } from "lucide-react";
import type { Route } from "next";
import Link from "next/link";
import type { ExpiringSummary } from "@/lib/dal/expiring";

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

/** "2 keys and 1 token expire within 7 days": the sentence of the banner, or null when nothing expires. */
export function expiringText({ keys, tokens, warningDays }: Pick<ExpiringSummary, "keys" | "tokens" | "warningDays">): string | null {
  const parts = [keys ? count(keys, "key") : null, tokens ? count(tokens, "token") : null].filter(Boolean);
  if (parts.length === 0) return null;
  return `${parts.join(" and ")} ${keys + tokens === 1 ? "expires" : "expire"} within ${count(warningDays, "day")}`;
}

/** Across the console: keys and tokens about to stop working, with a link to the first of them. */
export function ExpiringBanner({ orgSlug, summary }: { orgSlug: string; summary: ExpiringSummary }) {
  const text = expiringText(summary);
  if (!text) return null;
  const href = summary.firstKey
    ? `/${orgSlug}/${summary.firstKey.projectSlug}/api-keys?env=${encodeURIComponent(summary.firstKey.environment)}`
    : `/${orgSlug}/access-tokens?sort=expiresAt&dir=asc`;
  return (
    <div role="status" className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-warning/30 bg-warning/10 px-6 py-2 text-sm text-warning lg:px-10">
      <CalendarClock className="size-4 shrink-0" aria-hidden />
      <span className="font-medium">{text}.</span>
      <span className="text-foreground/70">Roll or extend in time, or requests will start failing.</span>
      <Link href={href as Route} className="font-medium underline underline-offset-4 hover:text-foreground">
        {summary.firstKey ? "Review keys" : "Review tokens"}
      </Link>
    </div>
  );
}
