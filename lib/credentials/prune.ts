// Not server-only: the usage flusher (lib/credentials/usage.ts) runs outside the React server layer.
import { db } from "@/lib/db/client";

// Matches the schema default of Project.logRetentionDays; applies to rows whose project is gone
// (RequestLog has no foreign key, so a deleted project's rows would otherwise stay forever).
const FALLBACK_RETENTION_DAYS = 30;
export const PRUNE_INTERVAL_MS = 3_600_000;

/**
 * Deletes request-log rows older than their project's retention, in one statement, and returns
 * how many went. `now` is explicit so tests can move the clock.
 */
export async function pruneRequestLogs(now: Date): Promise<number> {
  // Timestamps are stored as UTC `timestamp(3)`; the ISO text is converted the same way.
  return db.$executeRaw`
    DELETE FROM "RequestLog" AS r
    WHERE r."createdAt" < (CAST(${now.toISOString()} AS timestamptz) AT TIME ZONE 'UTC')
      - make_interval(days => COALESCE((SELECT p."logRetentionDays" FROM "Project" AS p WHERE p."id" = r."projectId"), ${FALLBACK_RETENTION_DAYS}::int))`;
}

const globalForPrune = globalThis as typeof globalThis & { __keywardLastPrune?: number };

/**
 * Prunes at most once an hour per process; called by the usage flusher after a successful batch
 * write, so a busy instance keeps its log bounded without a separate scheduler. Never throws:
 * a failed prune is logged and tried again next hour.
 */
export async function maybePrune(now: Date = new Date()): Promise<void> {
  const last = globalForPrune.__keywardLastPrune;
  if (last !== undefined && now.getTime() - last < PRUNE_INTERVAL_MS) return;
  globalForPrune.__keywardLastPrune = now.getTime();
  try {
    await pruneRequestLogs(now);
  } catch (error) {
    console.error("[logs] pruning the request log failed:", error instanceof Error ? error.message : error);
  }
}
