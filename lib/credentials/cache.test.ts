import { afterEach, describe, expect, it } from "vitest";
import { cachedOrLoad, clearCache, invalidate, setCacheTrusted, TTL_MS, type CacheEntry } from "./cache";

// The cache's contract under concurrency, with loads whose timing the test controls: the
// database-backed lookups in resolve.int.test.ts cannot pin down which of two racing steps
// finishes first.

const REVOKED: CacheEntry = { state: "revoked" };
const MISSING: CacheEntry = { state: "missing" };

/** A load that answers when the test says so, counting how often it was started. */
function controlledLoad() {
  const pending: Array<(entry: CacheEntry) => void> = [];
  const fail: Array<(error: Error) => void> = [];
  return {
    load: () =>
      new Promise<CacheEntry>((resolve, reject) => {
        pending.push(resolve);
        fail.push(reject);
      }),
    get started() {
      return pending.length;
    },
    answer: (index: number, entry: CacheEntry) => pending[index]?.(entry),
    fail: (index: number, error: Error) => fail[index]?.(error),
  };
}

let hashCounter = 0;
const freshHash = () => `hash-${++hashCounter}`;

afterEach(() => {
  setCacheTrusted(true);
  clearCache();
});

describe("the credential cache", () => {
  it("lets concurrent misses of one hash share one load", async () => {
    const hash = freshHash();
    const db = controlledLoad();
    const waiting = Array.from({ length: 20 }, () => cachedOrLoad(hash, db.load));
    expect(db.started).toBe(1);
    db.answer(0, MISSING);
    const answers = await Promise.all(waiting);
    expect(answers.every((entry) => entry === MISSING)).toBe(true);
    // Stored: the next lookup is a hit and starts nothing.
    expect(cachedOrLoad(hash, db.load)).toBe(MISSING);
    expect(db.started).toBe(1);
  });

  it("does not keep an answer read before an invalidation of its hash, and does not share it with later callers", async () => {
    const hash = freshHash();
    const db = controlledLoad();
    const before = cachedOrLoad(hash, db.load);
    // The key is deleted (here or in another instance) while the first read is on its way.
    invalidate(hash);
    const after = cachedOrLoad(hash, db.load);
    expect(db.started).toBe(2);

    // The later read answers first; the stale one must not overwrite it.
    db.answer(1, REVOKED);
    expect(await after).toBe(REVOKED);
    db.answer(0, MISSING);
    expect(await before).toBe(MISSING);
    expect(cachedOrLoad(hash, db.load)).toBe(REVOKED);
  });

  it("does not keep an answer read before an invalidation of any other hash either", async () => {
    // A read that began before a whole project's keys were invalidated may have seen any of them.
    const hash = freshHash();
    const db = controlledLoad();
    const reading = cachedOrLoad(hash, db.load);
    invalidate(freshHash());
    db.answer(0, MISSING);
    expect(await reading).toBe(MISSING);
    void cachedOrLoad(hash, db.load);
    expect(db.started).toBe(2);
  });

  it("stores nothing from a load that began before the cache was emptied", async () => {
    const hash = freshHash();
    const db = controlledLoad();
    const reading = cachedOrLoad(hash, db.load);
    clearCache();
    db.answer(0, MISSING);
    await reading;
    void cachedOrLoad(hash, db.load);
    expect(db.started).toBe(2);
  });

  it("sends every caller to the database while it is not trusted, and stores nothing", async () => {
    const hash = freshHash();
    const db = controlledLoad();
    setCacheTrusted(false);
    const waiting = [cachedOrLoad(hash, db.load), cachedOrLoad(hash, db.load), cachedOrLoad(hash, db.load)];
    expect(db.started).toBe(3);
    for (let i = 0; i < 3; i++) db.answer(i, MISSING);
    await Promise.all(waiting);
    void cachedOrLoad(hash, db.load);
    expect(db.started).toBe(4);
  });

  it("passes a failed load to everyone waiting on it, keeps nothing, and tries again on the next call", async () => {
    const hash = freshHash();
    const db = controlledLoad();
    const waiting = [cachedOrLoad(hash, db.load), cachedOrLoad(hash, db.load)];
    db.fail(0, new Error("database unreachable"));
    for (const one of waiting) await expect(one).rejects.toThrow("database unreachable");
    const retry = cachedOrLoad(hash, db.load);
    expect(db.started).toBe(2);
    db.answer(1, REVOKED);
    expect(await retry).toBe(REVOKED);
  });

  it("reads again once an entry is older than the TTL", async () => {
    const hash = freshHash();
    const db = controlledLoad();
    const start = Date.now();
    const first = cachedOrLoad(hash, db.load, start);
    db.answer(0, MISSING);
    await first;
    expect(cachedOrLoad(hash, db.load, start + TTL_MS)).toBe(MISSING);
    void cachedOrLoad(hash, db.load, start + TTL_MS + 1);
    expect(db.started).toBe(2);
  });
});
