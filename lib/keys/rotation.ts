/**
 * "Roll key": how long the replaced credential keeps working. Not server-only: the roll dialog
 * offers the same choices the server accepts.
 */
export const ROLL_OVERLAPS = ["now", "1h", "24h", "7d", "first_use_1h"] as const;
export type RollOverlap = (typeof ROLL_OVERLAPS)[number];

export const ROLL_OVERLAP_LABELS: Record<RollOverlap, string> = {
  now: "Now (no overlap)",
  "1h": "1 hour",
  "24h": "24 hours",
  "7d": "7 days",
  first_use_1h: "Until 1 hour after the new key is first used",
};

const HOUR_MS = 3_600_000;
const FIXED_OVERLAP_MS: Record<Exclude<RollOverlap, "first_use_1h">, number> = { now: 0, "1h": HOUR_MS, "24h": 24 * HOUR_MS, "7d": 7 * 24 * HOUR_MS };
/** For "first_use_1h": the overlap that starts when the replacement is first used. */
export const FIRST_USE_OVERLAP_SECONDS = 3_600;

/**
 * The old credential's new end of life. A fixed overlap ends it at `now + overlap`; the
 * first-use overlap leaves its expiry alone until the replacement is used. Either way it never
 * outlives its own expiry.
 */
export function rolledExpiry(overlap: RollOverlap, now: Date, ownExpiry: Date | null): { expiresAt: Date | null; overlapAfterFirstUseSeconds: number | null } {
  if (overlap === "first_use_1h") return { expiresAt: ownExpiry, overlapAfterFirstUseSeconds: FIRST_USE_OVERLAP_SECONDS };
  return { expiresAt: earliest(ownExpiry, new Date(now.getTime() + FIXED_OVERLAP_MS[overlap])), overlapAfterFirstUseSeconds: null };
}

export function earliest(a: Date | null, b: Date): Date {
  return a && a < b ? a : b;
}
