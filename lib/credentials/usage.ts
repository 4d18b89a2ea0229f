// Not server-only: instrumentation.ts (outside the React server layer) flushes it at shutdown.
import { db } from "@/lib/db/client";
import { maybePrune } from "./prune";
import type { ResolvedCredential } from "./types";

/**
 * Last-used times and the request log, buffered in memory and written in batches at least once
 * a second (and by flushUsage() at shutdown), so verification never waits on a write.
 */
export interface RequestLogEntry {
  organizationId: string;
  projectId: string | null;
  environmentId: string | null;
  credentialKind: ResolvedCredential["kind"];
  credentialId: string;
  credentialName: string;
  method: string;
  path: string;
  status: number;
  /** The API error code of a refused request (lib/api/errors.ts); absent on success. */
  code?: string | null;
  latencyMs: number;
  ip: string | null;
  createdAt: Date;
}

export const FLUSH_INTERVAL_MS = 1_000;
// Bounds memory when the database is unreachable for long: the oldest entries go first.
const MAX_BUFFERED_LOGS = 50_000;

interface UsageState {
  lastUsed: Map<string, { kind: ResolvedCredential["kind"]; id: string; at: Date }>;
  logs: RequestLogEntry[];
  dropped: number;
  timer?: ReturnType<typeof setInterval>;
  flushing?: Promise<void>;
}

const globalForUsage = globalThis as typeof globalThis & { __keywardUsage?: UsageState };
const state: UsageState = (globalForUsage.__keywardUsage ??= { lastUsed: new Map(), logs: [], dropped: 0 });

function ensureTimer(): void {
  if (state.timer) return;
  state.timer = setInterval(() => void flushUsage(), FLUSH_INTERVAL_MS);
  // Never keeps the process alive on its own; shutdown calls flushUsage() explicitly.
  state.timer.unref();
}

export function recordUse(credential: ResolvedCredential, at: Date, log?: Omit<RequestLogEntry, "createdAt">): void {
  const key = `${credential.kind}:${credential.id}`;
  const previous = state.lastUsed.get(key);
  if (!previous || previous.at < at) state.lastUsed.set(key, { kind: credential.kind, id: credential.id, at });
  if (log) {
    if (state.logs.length >= MAX_BUFFERED_LOGS) {
      state.logs.shift();
      state.dropped += 1;
    }
    state.logs.push({ ...log, createdAt: at });
  }
  ensureTimer();
}

/** Writes everything buffered. Concurrent calls share one flush; failures keep the data for the next. */
export function flushUsage(): Promise<void> {
  state.flushing ??= writeBuffered().finally(() => {
    state.flushing = undefined;
  });
  return state.flushing;
}

async function writeBuffered(): Promise<void> {
  const lastUsed = [...state.lastUsed.values()];
  const logs = state.logs;
  if (lastUsed.length === 0 && logs.length === 0) return;
  state.lastUsed = new Map();
  state.logs = [];
  try {
    await db.$transaction([
      ...lastUsed.map(({ kind, id, at }) =>
        kind === "access_token"
          ? db.accessToken.updateMany({ where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: at } }] }, data: { lastUsedAt: at } })
          : db.apiKey.updateMany({ where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: at } }] }, data: { lastUsedAt: at } }),
      ),
      db.requestLog.createMany({ data: logs }),
    ]);
    void maybePrune();
  } catch (error) {
    // Put it back (newer values win) and retry on the next tick.
    for (const item of lastUsed) {
      const key = `${item.kind}:${item.id}`;
      const current = state.lastUsed.get(key);
      if (!current || current.at < item.at) state.lastUsed.set(key, item);
    }
    state.logs = [...logs, ...state.logs].slice(-MAX_BUFFERED_LOGS);
    console.error("[usage] batch write failed; will retry:", error instanceof Error ? error.message : error);
  }
}
