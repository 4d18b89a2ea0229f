// Not server-only: instrumentation.ts (outside the React server layer) flushes it at shutdown.
import { randomBytes } from "node:crypto";
import { runPrepared, type PreparedStatement } from "@/lib/db/client";
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
    await runPrepared(WRITE_USAGE, [
      JSON.stringify(logs.map((log) => ({ ...log, id: requestLogId() }))),
      JSON.stringify(lastUsed.map(({ kind, id, at }) => ({ kind, id, at }))),
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
 * The whole batch in one statement, so it commits or fails as one without a transaction of its
 * own: the request log inserted and the last-used times raised (never lowered: another instance
 * may have written a later one), each from a single JSON parameter, which never meets
 * PostgreSQL's bind-parameter limit. `createdAt` and `lastUsedAt` are UTC `timestamp(3)`, like
 * every Prisma DateTime. On PGlite, which runs in this thread, this takes about 3 ms for 100
 * entries where Prisma's createMany took 270–800 ms for 800, and a Prisma transaction of the
 * same INSERT and updates about 15 ms: time every request waiting meanwhile would have lost.
 */
const WRITE_USAGE: PreparedStatement = {
  name: "write_usage",
  writes: true,
  text: `WITH logs AS (
      INSERT INTO "RequestLog" (id, "organizationId", "projectId", "environmentId", "credentialKind", "credentialId",
        "credentialName", method, path, status, code, "latencyMs", ip, "createdAt")
      SELECT x.id, x."organizationId", x."projectId", x."environmentId", x."credentialKind", x."credentialId",
        x."credentialName", x.method, x.path, x.status, x.code, x."latencyMs", x.ip, x."createdAt" AT TIME ZONE 'UTC'
      FROM jsonb_to_recordset($1::jsonb) AS x(id text, "organizationId" text, "projectId" text, "environmentId" text,
        "credentialKind" text, "credentialId" text, "credentialName" text, method text, path text, status int, code text,
        "latencyMs" int, ip text, "createdAt" timestamptz)
      RETURNING 1),
    used AS (SELECT u.kind, u.id, u.at AT TIME ZONE 'UTC' AS at FROM jsonb_to_recordset($2::jsonb) AS u(kind text, id text, at timestamptz)),
    keys AS (
      UPDATE "ApiKey" k SET "lastUsedAt" = used.at FROM used
      WHERE used.kind <> 'access_token' AND k.id = used.id AND (k."lastUsedAt" IS NULL OR k."lastUsedAt" < used.at)
      RETURNING 1),
    tokens AS (
      UPDATE "AccessToken" t SET "lastUsedAt" = used.at FROM used
      WHERE used.kind = 'access_token' AND t.id = used.id AND (t."lastUsedAt" IS NULL OR t."lastUsedAt" < used.at)
      RETURNING 1)
    SELECT (SELECT count(*) FROM logs)::text, (SELECT count(*) FROM keys)::text, (SELECT count(*) FROM tokens)::text`,
};

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
