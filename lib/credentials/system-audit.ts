// Not server-only: the background jobs (expiry sweep, usage flush) run outside the React server
// layer, where lib/dal cannot be imported.
import type { Transaction } from "@/lib/db/client";
import type { AuditEntry } from "@/lib/dal/audit";

/** An event no one caused directly (a key reaching its expiry), in the caller's transaction. */
export async function recordSystemAudit(tx: Transaction, organizationId: string, entry: AuditEntry, at = new Date()): Promise<void> {
  await tx.auditEvent.create({
    data: {
      organizationId,
      actorType: "system",
      action: entry.action,
      targetType: entry.target.type,
      targetId: entry.target.id,
      projectId: entry.projectId,
      environmentId: entry.environmentId,
      metadata: entry.metadata ?? {},
      createdAt: at,
    },
  });
}
