/**
 * Per-credential request limit: a fixed one-second window, in process memory. Cheap enough for
 * the hot path (a Map lookup); each instance limits on its own, which bounds abuse without a
 * shared store. KEYWARD_API_RATE_LIMIT sets requests per second per token (default 100).
 */
const windows = new Map<string, { windowStart: number; count: number }>();
const MAX_TRACKED = 100_000;

export function rateLimitPerSecond(): number {
  const configured = Number(process.env.KEYWARD_API_RATE_LIMIT);
  return Number.isInteger(configured) && configured > 0 ? configured : 100;
}

/** Counts one request for `subject`; returns seconds to wait when over the limit, else null. */
export function takeRequest(subject: string, now = Date.now()): number | null {
  const windowStart = now - (now % 1000);
  const current = windows.get(subject);
  if (!current || current.windowStart !== windowStart) {
    if (windows.size >= MAX_TRACKED) windows.clear();
    windows.set(subject, { windowStart, count: 1 });
    return null;
  }
  current.count += 1;
  return current.count > rateLimitPerSecond() ? 1 : null;
}
