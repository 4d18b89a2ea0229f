// Not server-only: called by the usage flusher, which also runs at shutdown outside React.
import { db, type Transaction } from "@/lib/db/client";
import { announceInvalidation, invalidateLocally } from "./invalidation";
import { recordSystemAudit } from "./system-audit";
import type { ResolvedCredential } from "./types";

export interface FirstUse {
  kind: ResolvedCredential["kind"];
  id: string;
  at: Date;
}

/**
 * Records credentials' first use, and starts the overlap of the keys they replaced with
 * "until 1 hour after the new key is first used": the old key's expiry becomes first use + the
 * overlap (never later than its own expiry) and is announced to every instance. Runs in the
 * usage batch, so the request that used the key never waits for it; the overlap is an hour
 * long, so a batch's delay of about a second does not matter.
 */
export async function recordFirstUses(uses: readonly FirstUse[]): Promise<void> {
  if (uses.length === 0) return;
  const stale: string[] = [];
  await db.$transaction(async (tx) => {
    for (const use of uses) stale.push(...(await recordFirstUse(tx, use)));
    await announceInvalidation(tx, stale);
  });
  invalidateLocally(stale);
}

/** Returns the hashes of the replaced credentials whose expiry it set. */
async function recordFirstUse(tx: Transaction, use: FirstUse): Promise<string[]> {
  const isToken = use.kind === "access_token";
  // Only the first write wins: a later batch (or another instance) finds firstUsedAt set.
  const first = isToken
    ? await tx.accessToken.updateMany({ where: { id: use.id, firstUsedAt: null }, data: { firstUsedAt: use.at } })
    : await tx.apiKey.updateMany({ where: { id: use.id, firstUsedAt: null }, data: { firstUsedAt: use.at } });
  if (first.count === 0) return [];
  const table = isToken ? "AccessToken" : "ApiKey";
  const replaced = await tx.$queryRawUnsafe<Array<{ id: string; hash: string; organizationId: string; expiresAt: Date; name: string }>>(
    // The table name is one of two constants above; every value is a bind parameter.
    `UPDATE "${table}"
        SET "expiresAt" = LEAST(COALESCE("expiresAt", 'infinity'::timestamp), (CAST($1 AS timestamptz) AT TIME ZONE 'UTC') + make_interval(secs => "overlapAfterFirstUseSeconds")),
            "overlapAfterFirstUseSeconds" = NULL
      WHERE "rolledToId" = $2 AND "overlapAfterFirstUseSeconds" IS NOT NULL
      RETURNING id, hash, "organizationId", "expiresAt", name`,
    use.at.toISOString(),
    use.id,
  );
  for (const old of replaced) {
    await recordSystemAudit(tx, old.organizationId, {
      action: isToken ? "access_token.overlap_started" : "api_key.overlap_started",
      target: { type: isToken ? "access_token" : "api_key", id: old.id },
      metadata: { name: old.name, rolledToId: use.id, firstUsedAt: use.at.toISOString(), after: { expiresAt: old.expiresAt.toISOString() } },
    });
  }
  return replaced.map((old) => old.hash);
}
