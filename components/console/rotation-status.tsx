"use client";

import { ArrowDownLeft, ArrowUpRight, Hourglass } from "lucide-react";
import { useEffect, useState } from "react";

const MINUTE = 60_000;

export interface RotationInfo {
  expiresAt: Date | null;
  overlapAfterFirstUseSeconds: number | null;
  /** Set once rolled; the masked value of the replacement when it is on the same page. */
  rolled: boolean;
  replacedBy: string | null;
  replaces: string | null;
  /** Requests the old credential served in the last hour; undefined when not counted. */
  requestsLastHour?: number;
}

/** "59 min", "23 h 5 min", "6 days": the time left, coarse enough to read at a glance. */
export function remainingText(ms: number): string {
  if (ms < MINUTE) return "less than a minute";
  const minutes = Math.floor(ms / MINUTE);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  return `${Math.floor(hours / 24)} days`;
}

/** The clock, ticking every 30 s on the client only, so the countdown stays honest without a reload. */
function useNow(initial: Date): number {
  const [now, setNow] = useState(() => initial.getTime());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

/**
 * Under a rolled credential's name: the countdown to its end (or the wait for the replacement's
 * first use), its traffic in the last hour, and which credential replaced it; under the
 * replacement, which one it replaces.
 */
export function RotationStatus({ info, noun, now: serverNow }: { info: RotationInfo; noun: "key" | "token"; now: Date }) {
  const now = useNow(serverNow);
  if (info.rolled) {
    // The backend clears the first-use overlap (and sets the expiry) when the replacement is first used.
    const waiting = info.overlapAfterFirstUseSeconds !== null;
    const left = info.expiresAt ? info.expiresAt.getTime() - now : null;
    let countdown: string;
    if (waiting) countdown = `Waiting for the new ${noun}'s first use`;
    else if (left === null) countdown = "Still working";
    else if (left <= 0) countdown = "Stopped working";
    else countdown = `Stops working in ${remainingText(left)}`;
    return (
      <span className="grid gap-0.5 text-xs">
        <span className="inline-flex items-start gap-1 font-medium text-warning">
          <Hourglass className="mt-0.5 size-3 shrink-0" aria-hidden />
          {countdown}
        </span>
        {info.requestsLastHour !== undefined ? (
          <span className="text-muted-foreground tabular-nums">
            {info.requestsLastHour.toLocaleString("en-US")} {info.requestsLastHour === 1 ? "request" : "requests"} in the last hour
          </span>
        ) : null}
        <span className="flex min-w-0 items-center gap-1 text-muted-foreground">
          <ArrowUpRight className="size-3 shrink-0" aria-hidden />
          {/* The spaces keep "Replaced by sk_…" one phrase for screen readers and copy-paste. */}
          <span className="shrink-0">Replaced by</span>{" "}
          {info.replacedBy ? <span className="min-w-0 truncate font-mono">{info.replacedBy}</span> : <span className="truncate">a newer {noun}</span>}
        </span>
      </span>
    );
  }
  if (info.replaces) {
    return (
      <span className="flex min-w-0 items-center gap-1 text-xs text-muted-foreground">
        <ArrowDownLeft className="size-3 shrink-0" aria-hidden />
        <span className="shrink-0">Replaces</span>{" "}
        <span className="min-w-0 truncate font-mono">{info.replaces}</span>
      </span>
    );
  }
  return null;
}
