// Not server-only: started from instrumentation.ts, outside the React server layer.
import { db } from "@/lib/db/client";
import { startRecurring } from "@/lib/recurring";
import { recordSystemAudit } from "./system-audit";

/**
 * Expiry needs no write to take effect: every lookup compares expiresAt with the clock, so a key
 * is refused from its expiry's millisecond on. What this sweep adds is the record: one
 * "expired" audit event per key or token, dated at its expiry, written once however many
 * instances sweep (the UPDATE … WHERE expiryRecordedAt IS NULL claims each row for one of them).
 */
export const EXPIRY_SWEEP_INTERVAL_MS = 30_000;

export async function recordExpirations(now = new Date()): Promise<number> {
  return db.$transaction(async (tx) => {
    const keys = await tx.apiKey.findMany({
      where: { expiresAt: { lte: now }, expiryRecordedAt: null, deletedAt: null },
      select: { id: true, organizationId: true, projectId: true, environmentId: true, name: true, expiresAt: true, rolledToId: true },
      take: 500,
    });
    const tokens = await tx.accessToken.findMany({
      where: { expiresAt: { lte: now }, expiryRecordedAt: null, revokedAt: null },
      select: { id: true, organizationId: true, name: true, expiresAt: true, rolledToId: true },
      take: 500,
    });
    let recorded = 0;
    for (const key of keys) {
      const { count } = await tx.apiKey.updateMany({ where: { id: key.id, expiryRecordedAt: null }, data: { expiryRecordedAt: now } });
      if (count === 0) continue;
      recorded += 1;
      await recordSystemAudit(
        tx,
        key.organizationId,
        {
          action: "api_key.expired",
          target: { type: "api_key", id: key.id },
          projectId: key.projectId,
          environmentId: key.environmentId,
          metadata: { name: key.name, reason: key.rolledToId ? "rolled" : "expiry" },
        },
        key.expiresAt ?? now,
      );
    }
    for (const token of tokens) {
      const { count } = await tx.accessToken.updateMany({ where: { id: token.id, expiryRecordedAt: null }, data: { expiryRecordedAt: now } });
      if (count === 0) continue;
      recorded += 1;
      await recordSystemAudit(
        tx,
        token.organizationId,
        { action: "access_token.expired", target: { type: "access_token", id: token.id }, metadata: { name: token.name, reason: token.rolledToId ? "rolled" : "expiry" } },
        token.expiresAt ?? now,
      );
    }
    return recorded;
  });
}

/** Sweeps at start and every 30 s for the life of the process; a failed sweep is logged and retried. */
export function startExpirySweep(): void {
  startRecurring("expiry sweep", EXPIRY_SWEEP_INTERVAL_MS, () => recordExpirations());
}
