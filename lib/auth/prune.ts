// Not server-only: started from instrumentation.ts, outside the React server layer.
import { db } from "@/lib/db/client";
import { startRecurring } from "@/lib/recurring";
import { THROTTLE } from "./throttle";

export const SIGN_IN_PRUNE_INTERVAL_MS = 3_600_000;

/**
 * Deletes sessions past their expiry and sign-in throttle rows that no longer count (their
 * window is over and so is any lockout): neither would ever be read again, and both tables
 * only grow otherwise. A throttle row that an attempt renews meanwhile is re-checked by the
 * DELETE after its lock and kept.
 */
export async function pruneSignInState(now = new Date()): Promise<{ sessions: number; throttles: number }> {
  const windowStart = new Date(now.getTime() - THROTTLE.windowMs);
  const sessions = await db.session.deleteMany({ where: { expiresAt: { lte: now } } });
  const throttles = await db.signInThrottle.deleteMany({
    where: { windowStart: { lt: windowStart }, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
  });
  return { sessions: sessions.count, throttles: throttles.count };
}

/** Prunes at start and then hourly for the life of the process; a failure is logged and retried next hour. */
export function startSignInStatePrune(): void {
  startRecurring("sign-in state prune", SIGN_IN_PRUNE_INTERVAL_MS, () => pruneSignInState());
}
