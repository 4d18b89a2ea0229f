// Not server-only: instrumentation.ts (outside the React server layer) flushes it at shutdown.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { recordFirstUses, type FirstUse } from "./first-use";
import { maybePrune } from "./prune";
import type { ResolvedCredential } from "./types";

/**
 * Last-used times and the request log, buffered in memory and written in batches four times a
 * second (and by flushUsage() at shutdown), so verification never waits on a write. Small,
 * frequent batches matter on PGlite: it runs in this process, and a batch write blocks every
 * request for as long as it takes.
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

export const FLUSH_INTERVAL_MS = 250;
// Bounds memory when the database is unreachable for long: the oldest entries go first.
const MAX_BUFFERED_LOGS = 50_000;

interface UsageState {
  lastUsed: Map<string, { kind: ResolvedCredential["kind"]; id: string; at: Date }>;
  logs: RequestLogEntry[];
  /** Credentials used for the first time, to record (and start overlaps) in the next batch. */
  firstUses: Map<string, FirstUse>;
  /** Already recorded by this process: the cached credential still says "never used" for a while. */
  firstUsesRecorded: Set<string>;
  dropped: number;
  timer?: ReturnType<typeof setInterval>;
  flushing?: Promise<void>;
  /** A flush waiting for the running one: it writes what was buffered after that one began. */
  queued?: Promise<void>;
}

const globalForUsage = globalThis as typeof globalThis & { __keywardUsage?: UsageState };
const state: UsageState = (globalForUsage.__keywardUsage ??= {
  lastUsed: new Map(),
  logs: [],
  firstUses: new Map(),
  firstUsesRecorded: new Set(),
  dropped: 0,
});

function ensureTimer(): void {
  if (state.timer) return;
  // A tick while a flush runs (a slow or unreachable database) is skipped, never queued.
  state.timer = setInterval(() => {
    if (!state.flushing) void flushUsage();
  }, FLUSH_INTERVAL_MS);
  // Never keeps the process alive on its own; shutdown calls flushUsage() explicitly.
  state.timer.unref();
}

export function recordUse(credential: ResolvedCredential, at: Date, log?: Omit<RequestLogEntry, "createdAt">): void {
  const key = `${credential.kind}:${credential.id}`;
  const previous = state.lastUsed.get(key);
  if (!previous || previous.at < at) state.lastUsed.set(key, { kind: credential.kind, id: credential.id, at });
  if (!credential.firstUsed && !state.firstUsesRecorded.has(key) && !state.firstUses.has(key)) {
    state.firstUses.set(key, { kind: credential.kind, id: credential.id, at });
  }
  if (log) recordRequest(log, at);
  else ensureTimer();
}

/**
 * Logs a request without counting it as a use: a refused credential (expired) is named in its
 * timeline, but its "Last used" stays the last time it worked.
 */
export function recordRequest(log: Omit<RequestLogEntry, "createdAt">, at: Date): void {
  if (state.logs.length >= MAX_BUFFERED_LOGS) {
    state.logs.shift();
    state.dropped += 1;
  }
  state.logs.push({ ...log, createdAt: at });
  ensureTimer();
}

/**
 * Writes everything buffered until now; failures keep the data for the next flush. A flush
 * already running took only what was buffered when it began, so a call during it waits for it
 * and then flushes once more (calls in the meantime share that second flush).
 */
export function flushUsage(): Promise<void> {
  if (!state.flushing) return startFlush();
  state.queued ??= state.flushing.then(() => {
    state.queued = undefined;
    return startFlush();
  });
  return state.queued;
}

function startFlush(): Promise<void> {
  state.flushing = writeBuffered().finally(() => {
    state.flushing = undefined;
  });
  return state.flushing;
}

async function writeBuffered(): Promise<void> {
  const lastUsed = [...state.lastUsed.values()];
  const logs = state.logs;
  if (lastUsed.length === 0 && logs.length === 0 && state.firstUses.size === 0) return;
  state.lastUsed = new Map();
  state.logs = [];
  try {
    await db.$transaction([
      ...lastUsed.map(({ kind, id, at }) =>
        kind === "access_token"
          ? db.accessToken.updateMany({ where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: at } }] }, data: { lastUsedAt: at } })
          : db.apiKey.updateMany({ where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: at } }] }, data: { lastUsedAt: at } }),
      ),
      insertRequestLogs(logs),
    ]);
    await writeFirstUses();
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

/** A separate transaction: a failure here must not cost the request log, nor the reverse. */
async function writeFirstUses(): Promise<void> {
  const uses = state.firstUses;
  if (uses.size === 0) return;
  state.firstUses = new Map();
  try {
    await recordFirstUses([...uses.values()]);
    for (const key of uses.keys()) state.firstUsesRecorded.add(key);
  } catch (error) {
    for (const [key, use] of uses) if (!state.firstUses.has(key)) state.firstUses.set(key, use);
    console.error("[usage] recording first uses failed; will retry:", error instanceof Error ? error.message : error);
  }
}

/**
 * All the entries in one INSERT whose rows come from a single JSON parameter. Prisma's
 * createMany took 270–800 ms for 800 entries on PGlite (blocking the event loop throughout);
 * this takes 35–60 ms, and one parameter never meets PostgreSQL's bind-parameter limit.
 * `createdAt` is stored as UTC `timestamp(3)`, like every Prisma DateTime.
 */
function insertRequestLogs(logs: RequestLogEntry[]) {
  const rows = logs.map((log) => ({ ...log, id: requestLogId() }));
  return db.$executeRaw`
    INSERT INTO "RequestLog" (id, "organizationId", "projectId", "environmentId", "credentialKind", "credentialId",
      "credentialName", method, path, status, code, "latencyMs", ip, "createdAt")
    SELECT x.id, x."organizationId", x."projectId", x."environmentId", x."credentialKind", x."credentialId",
      x."credentialName", x.method, x.path, x.status, x.code, x."latencyMs", x.ip, x."createdAt" AT TIME ZONE 'UTC'
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(id text, "organizationId" text, "projectId" text,
      "environmentId" text, "credentialKind" text, "credentialId" text, "credentialName" text, method text, path text,
      status int, code text, "latencyMs" int, ip text, "createdAt" timestamptz)`;
}

let idCounter = 0;

/**
 * The shape of the schema's `@default(cuid())` ids, which raw SQL does not apply: "c", the time
 * and a per-process counter (so ids of one process sort in write order, the log's tie-break
 * after createdAt), then 48 random bits; 25 lowercase characters.
 */
function requestLogId(): string {
  idCounter = (idCounter + 1) % 36 ** 4;
  return `c${Date.now().toString(36).padStart(8, "0")}${idCounter.toString(36).padStart(4, "0")}${randomBytes(6).toString("hex")}`;
}
