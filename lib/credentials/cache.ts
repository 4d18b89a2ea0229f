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
  /** Database reads in flight, one per hash: concurrent misses of one hash share a single query. */
  loading: Map<string, Promise<CacheEntry>>;
  /**
   * Bumped by every invalidation. A read that began before one may have seen the row as it was
   * before the change committed; its answer still goes to the requests that were waiting for it
   * (they arrived before the change), but is not stored.
   */
  generation: number;
  /**
   * False while cross-instance invalidation is not known to work (a PostgreSQL LISTEN connection
   * is down): every lookup then goes to the database, so a revocation elsewhere is never missed.
   */
  trusted: boolean;
}

// On globalThis: Next may load this module once per route bundle, and a revocation seen by one
// route (the console's delete action) must reach the cache every other route reads.
const globalForCache = globalThis as typeof globalThis & { __keywardCredentialCache?: CacheState };
const state: CacheState = (globalForCache.__keywardCredentialCache ??= { entries: new Map(), loading: new Map(), generation: 0, trusted: true });
const { entries, loading } = state;

/**
 * The cached entry of this hash, or `load()`'s. When every entry of a busy key expires at once,
 * its in-flight requests wait for one query, not one each. While the cache is not trusted, every
 * caller reads the database itself, so nothing read before a missed revocation is shared.
 */
export function cachedOrLoad(hash: string, load: (hash: string) => Promise<CacheEntry>, now = Date.now()): CacheEntry | Promise<CacheEntry> {
  const cached = getCached(hash, now);
  if (cached) return cached;
  if (!state.trusted) return load(hash);
  const pending = loading.get(hash);
  if (pending) return pending;

  const generation = state.generation;
  const read = load(hash)
    .then((entry) => {
      if (state.generation === generation) setCached(hash, entry, now);
      return entry;
    })
    .finally(() => {
      if (loading.get(hash) === read) loading.delete(hash);
    });
  loading.set(hash, read);
  return read;
}

function getCached(hash: string, now: number): CacheEntry | undefined {
  if (!state.trusted) return undefined;
  const found = entries.get(hash);
  if (!found) return undefined;
  if (now - found.cachedAt > TTL_MS) {
    entries.delete(hash);
    return undefined;
  }
  return found.entry;
}

function setCached(hash: string, entry: CacheEntry, now: number): void {
  if (!state.trusted) return;
  if (entries.size >= MAX_ENTRIES) {
    // Maps iterate in insertion order: drop the oldest entry.
    const oldest = entries.keys().next();
    if (!oldest.done) entries.delete(oldest.value);
  }
  entries.set(hash, { entry, cachedAt: now });
}

export function invalidate(hash: string): void {
  state.generation++;
  entries.delete(hash);
  loading.delete(hash);
}

export function setCacheTrusted(value: boolean): void {
  state.trusted = value;
  if (!value) clearCache();
}

export function clearCache(): void {
  state.generation++;
  entries.clear();
  loading.clear();
}
