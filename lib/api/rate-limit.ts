/**
 * Per-credential request limit: a fixed one-second window, in process memory. Cheap enough for
 * the hot path (a Map lookup); each instance limits on its own, which bounds abuse without a
 * shared store. KEYWARD_API_RATE_LIMIT sets requests per second per token (default 100),
 * KEYWARD_API_ADDRESS_RATE_LIMIT per client address before any credential is looked up (1,000).
 */
// On globalThis, like the credential cache: one budget per process whatever bundle counts it.
const globalForRate = globalThis as typeof globalThis & { __keywardRateWindows?: Map<string, { windowStart: number; count: number }> };
const windows = (globalForRate.__keywardRateWindows ??= new Map());
const MAX_TRACKED = 100_000;

export function rateLimitPerSecond(): number {
  return positiveInteger(process.env.KEYWARD_API_RATE_LIMIT, 100);
}

/** Requests per second per client address, counted before any credential is looked up. */
export function addressRateLimitPerSecond(): number {
  return positiveInteger(process.env.KEYWARD_API_ADDRESS_RATE_LIMIT, 1_000);
}

function positiveInteger(value: string | undefined, fallback: number): number {
  const configured = Number(value);
  return Number.isInteger(configured) && configured > 0 ? configured : fallback;
}

/** Counts one request for `subject`; returns seconds to wait when over the limit, else null. */
export function takeRequest(subject: string, now = Date.now(), limit = rateLimitPerSecond()): number | null {
  const windowStart = now - (now % 1000);
  const current = windows.get(subject);
  if (!current || current.windowStart !== windowStart) {
    if (windows.size >= MAX_TRACKED) windows.clear();
    windows.set(subject, { windowStart, count: 1 });
    return null;
  }
  current.count += 1;
  return current.count > limit ? 1 : null;
}
