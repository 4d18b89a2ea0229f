import pg from "pg";
import type { Transaction } from "@/lib/db";
import type { DatabaseTarget } from "@/lib/db/config";
import { clearCache, invalidate, setCacheTrusted } from "./cache";

/**
 * Deleting or revoking a credential must take effect everywhere: at once in this process (the
 * cache entry is dropped after commit), and within a second in every other instance on the same
 * PostgreSQL database, which LISTEN on this channel. NOTIFY is transactional, so instances hear
 * about a revocation exactly when it commits, never before and never for a rolled-back one.
 */
export const INVALIDATION_CHANNEL = "keyward_credentials";
// NOTIFY payloads are limited to 8000 bytes; 100 hashes of 64 hex characters fit easily.
const HASHES_PER_NOTIFY = 100;

/** Inside the transaction that deletes, revokes or moves the credentials with these hashes. */
export async function announceInvalidation(tx: Transaction, hashes: string[]): Promise<void> {
  for (let i = 0; i < hashes.length; i += HASHES_PER_NOTIFY) {
    const payload = hashes.slice(i, i + HASHES_PER_NOTIFY).join(",");
    // $executeRaw: pg_notify returns void, which $queryRaw cannot deserialise.
    await tx.$executeRaw`SELECT pg_notify(${INVALIDATION_CHANNEL}, ${payload})`;
  }
}

/** After the transaction committed: this process stops accepting them at once. */
export function invalidateLocally(hashes: string[]): void {
  for (const hash of hashes) invalidate(hash);
}

interface ListenerState {
  client?: pg.Client;
  stopped: boolean;
}
const globalForListener = globalThis as typeof globalThis & { __keywardInvalidationListener?: ListenerState };

/**
 * Keeps a dedicated connection LISTENing for invalidations. While it is down the cache is not
 * trusted (every lookup reads the database), so a revocation is never missed; it reconnects
 * with backoff and trusts the cache again, emptied, once listening.
 */
export function startInvalidationListener(target: DatabaseTarget): void {
  if (target.kind !== "postgres" || globalForListener.__keywardInvalidationListener) return;
  const state: ListenerState = { stopped: false };
  globalForListener.__keywardInvalidationListener = state;
  let delay = 250;

  const connect = async () => {
    if (state.stopped) return;
    const client = new pg.Client({ connectionString: target.url, connectionTimeoutMillis: 5_000 });
    const retry = () => {
      setCacheTrusted(false);
      if (state.client === client) state.client = undefined;
      client.removeAllListeners();
      client.end().catch(() => undefined);
      if (!state.stopped) setTimeout(() => void connect(), delay).unref();
      delay = Math.min(delay * 2, 5_000);
    };
    client.on("error", retry);
    client.on("end", () => {
      if (state.client === client) retry();
    });
    client.on("notification", (message) => {
      if (message.channel !== INVALIDATION_CHANNEL || !message.payload) return;
      for (const hash of message.payload.split(",")) invalidate(hash);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${INVALIDATION_CHANNEL}`);
      state.client = client;
      delay = 250;
      clearCache();
      setCacheTrusted(true);
    } catch {
      retry();
    }
  };
  // Until the first LISTEN succeeds, nothing is cached.
  setCacheTrusted(false);
  void connect();
}

export async function stopInvalidationListener(): Promise<void> {
  const state = globalForListener.__keywardInvalidationListener;
  if (!state) return;
  state.stopped = true;
  globalForListener.__keywardInvalidationListener = undefined;
  await state.client?.end().catch(() => undefined);
}
