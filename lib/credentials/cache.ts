import type { ResolvedCredential } from "./types";

/**
 * The verification path's in-process cache, keyed by the credential's SHA-256. A hit costs one
 * Map lookup; entries live at most TTL_MS so that any change missed by invalidation (see
 * invalidation.ts) still takes effect within that time. Deleted and revoked credentials are
 * cached too: they never come back, and refusing them must not cost a query either.
 */
export const TTL_MS = 60_000;
const MAX_ENTRIES = 100_000;

/**
 * `missing` caches a hash that matches no credential. That is safe for the full TTL: a hash is
 * only ever presented again by someone holding the same 178-bit string, which no new credential
 * will be, and it keeps checksum-valid garbage from costing a query each time.
 */
export type CacheEntry = { state: "valid"; credential: ResolvedCredential } | { state: "revoked" } | { state: "missing" };

interface CacheState {
  entries: Map<string, { entry: CacheEntry; cachedAt: number }>;
  /**
   * False while cross-instance invalidation is not known to work (a PostgreSQL LISTEN connection
   * is down): every lookup then goes to the database, so a revocation elsewhere is never missed.
   */
  trusted: boolean;
}

// On globalThis: Next may load this module once per route bundle, and a revocation seen by one
// route (the console's delete action) must reach the cache every other route reads.
const globalForCache = globalThis as typeof globalThis & { __keywardCredentialCache?: CacheState };
const state: CacheState = (globalForCache.__keywardCredentialCache ??= { entries: new Map(), trusted: true });
const entries = state.entries;

export function getCached(hash: string, now = Date.now()): CacheEntry | undefined {
  if (!state.trusted) return undefined;
  const found = entries.get(hash);
  if (!found) return undefined;
  if (now - found.cachedAt > TTL_MS) {
    entries.delete(hash);
    return undefined;
  }
  return found.entry;
}

export function setCached(hash: string, entry: CacheEntry, now = Date.now()): void {
  if (!state.trusted) return;
  if (entries.size >= MAX_ENTRIES) {
    // Maps iterate in insertion order: drop the oldest entry.
    const oldest = entries.keys().next();
    if (!oldest.done) entries.delete(oldest.value);
  }
  entries.set(hash, { entry, cachedAt: now });
}

export function invalidate(hash: string): void {
  entries.delete(hash);
}

export function setCacheTrusted(value: boolean): void {
  state.trusted = value;
  if (!value) entries.clear();
}

export function clearCache(): void {
  entries.clear();
}
