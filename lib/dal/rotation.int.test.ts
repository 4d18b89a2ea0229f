import { beforeAll, describe, expect, it } from "vitest";
import { recordExpirations } from "@/lib/credentials/expiry";
import { lookupCredential } from "@/lib/credentials/resolve";
import { flushUsage, recordUse } from "@/lib/credentials/usage";
import { createAccessToken, rollAccessToken } from "@/lib/dal/access-tokens";
import { createApiKey, listApiKeys, rollApiKey, updateApiKey } from "@/lib/dal/api-keys";
import { db } from "@/lib/db";
import type { RollOverlap } from "@/lib/keys/rotation";
import { dataCall } from "@/test/data-client";
import { expectDalError, signUp, type TestAccount } from "@/test/factories";

// Rotation windows and expiry transitions, on the verification path itself (lookupCredential),
// with the clock moved explicitly: the old key is accepted until its window ends, refused from
// the next millisecond, never past its own expiry; the first-use window starts only once the
// new key is used.

const HOUR = 3_600_000;
let owner: TestAccount;

async function secretKey(name: string, expiresAt: Date | null = null) {
  return createApiKey(owner.ctx, { projectSlug: owner.projectSlug, environment: "dev", kind: "secret", name, expiresAt });
}

async function accepted(key: string, at: Date): Promise<boolean | string> {
  const result = await lookupCredential(key, at);
  return result.ok ? true : result.code;
}

beforeAll(async () => {
  owner = await signUp();
});

describe("rolling a key", () => {
  for (const [overlap, hours] of [
    ["1h", 1],
    ["24h", 24],
    ["7d", 24 * 7],
  ] as Array<[RollOverlap, number]>) {
    it(`keeps the old key for ${overlap}, then refuses it from the next millisecond`, async () => {
      const { key: old, plaintext: oldKey } = await secretKey(`roll ${overlap}`);
      const before = Date.now();
      const rolled = await rollApiKey(owner.ctx, { keyId: old.id, overlap });
      const end = rolled.previous.expiresAt;
      expect(end).not.toBeNull();
      expect(end?.getTime()).toBeGreaterThanOrEqual(before + hours * HOUR);
      expect(end?.getTime()).toBeLessThanOrEqual(Date.now() + hours * HOUR);
      const endMs = end?.getTime() ?? 0;

      expect(await accepted(oldKey, new Date())).toBe(true);
      expect(await accepted(oldKey, new Date(endMs - 1))).toBe(true);
      expect(await accepted(oldKey, new Date(endMs))).toBe("EXPIRED");
      expect(await accepted(rolled.plaintext, new Date(endMs + 1))).toBe(true);
    });
  }

  it("with no overlap refuses the old key on the very next request", async () => {
    const { key: old, plaintext: oldKey } = await secretKey("roll now");
    expect(await accepted(oldKey, new Date())).toBe(true); // cached
    const rolled = await rollApiKey(owner.ctx, { keyId: old.id, overlap: "now" });
    expect(await accepted(oldKey, new Date())).toBe("EXPIRED");
    expect(await accepted(rolled.plaintext, new Date())).toBe(true);
  });

  it("never keeps the old key past its own expiry", async () => {
    const ownExpiry = new Date(Date.now() + 30 * 60_000);
    const { key: old, plaintext: oldKey } = await secretKey("short-lived", ownExpiry);
    const rolled = await rollApiKey(owner.ctx, { keyId: old.id, overlap: "7d" });
    expect(rolled.previous.expiresAt).toEqual(ownExpiry);
    expect(await accepted(oldKey, new Date(ownExpiry.getTime() + 1))).toBe("EXPIRED");
    // The replacement inherits the expiry too.
    expect(rolled.key.expiresAt).toEqual(ownExpiry);
  });

  it("starts the first-use window only when the new key is first used", async () => {
    const { key: old, plaintext: oldKey } = await secretKey("roll on first use");
    const rolled = await rollApiKey(owner.ctx, { keyId: old.id, overlap: "first_use_1h" });
    expect(rolled.previous).toMatchObject({ expiresAt: null, overlapAfterFirstUseSeconds: 3600 });

    // Other traffic (the old key itself) starts nothing; a week later the old key still works.
    const oldResolved = await lookupCredential(oldKey);
    if (!oldResolved.ok) throw new Error("old key refused");
    recordUse(oldResolved.credential, new Date());
    await flushUsage();
    expect(await accepted(oldKey, new Date(Date.now() + 7 * 24 * HOUR))).toBe(true);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: old.id } })).expiresAt).toBeNull();

    const newResolved = await lookupCredential(rolled.plaintext);
    if (!newResolved.ok) throw new Error("new key refused");
    const firstUse = new Date();
    recordUse(newResolved.credential, firstUse);
    await flushUsage();

    const stored = await db.apiKey.findUniqueOrThrow({ where: { id: old.id } });
    expect(stored.overlapAfterFirstUseSeconds).toBeNull();
    expect(stored.expiresAt?.getTime()).toBe(firstUse.getTime() + HOUR);
    expect(await accepted(oldKey, new Date(firstUse.getTime() + HOUR - 1))).toBe(true);
    expect(await accepted(oldKey, new Date(firstUse.getTime() + HOUR))).toBe("EXPIRED");
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: rolled.key.id } })).firstUsedAt).toEqual(firstUse);
    const started = await db.auditEvent.findFirstOrThrow({ where: { targetId: old.id, action: "api_key.overlap_started" } });
    expect(started).toMatchObject({ actorType: "system", organizationId: owner.ctx.organizationId });
  });

  it("caps the first-use window at the old key's own expiry", async () => {
    const ownExpiry = new Date(Date.now() + 10 * 60_000);
    const { key: old } = await secretKey("first use, short-lived", ownExpiry);
    const rolled = await rollApiKey(owner.ctx, { keyId: old.id, overlap: "first_use_1h" });
    const resolved = await lookupCredential(rolled.plaintext);
    if (!resolved.ok) throw new Error("new key refused");
    recordUse(resolved.credential, new Date());
    await flushUsage();
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: old.id } })).expiresAt).toEqual(ownExpiry);
  });

  it("inherits name, prefix, roles and context, and audits both sides", async () => {
    const { key: old } = await createApiKey(owner.ctx, {
      projectSlug: owner.projectSlug,
      environment: "dev",
      kind: "secret",
      name: "inheritor",
      prefix: "acme",
      context: { customerId: "c1", tier: 2, beta: true },
    });
    const rolled = await rollApiKey(owner.ctx, { keyId: old.id, overlap: "24h" });
    expect(rolled.plaintext.startsWith("acme_sk_")).toBe(true);
    expect(rolled.key).toMatchObject({ name: "inheritor", prefix: "acme", context: { customerId: "c1", tier: 2, beta: true }, rolledFromId: old.id });
    expect(rolled.previous.rolledToId).toBe(rolled.key.id);
    const rolledEvent = await db.auditEvent.findFirstOrThrow({ where: { targetId: old.id, action: "api_key.rolled" } });
    expect(rolledEvent.metadata).toMatchObject({ overlap: "24h", rolledToId: rolled.key.id });
    const created = await db.auditEvent.findFirstOrThrow({ where: { targetId: rolled.key.id, action: "api_key.created" } });
    expect(created.metadata).toMatchObject({ rolledFromId: old.id });
  });

  it("rolls a key once: a second roll, or two at once, conflict", async () => {
    const { key } = await secretKey("rolled twice");
    const results = await Promise.allSettled([
      rollApiKey(owner.ctx, { keyId: key.id, overlap: "1h" }),
      rollApiKey(owner.ctx, { keyId: key.id, overlap: "1h" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    await expectDalError(rollApiKey(owner.ctx, { keyId: key.id, overlap: "1h" }), "CONFLICT");
    expect(await db.apiKey.count({ where: { rolledFrom: { id: key.id } } })).toBe(1);
  });

  it("refuses publishable keys, expired keys and other organizations' keys, changing nothing", async () => {
    const { key: publishable } = await createApiKey(owner.ctx, { projectSlug: owner.projectSlug, environment: "dev", kind: "publishable", name: "pk" });
    await expectDalError(rollApiKey(owner.ctx, { keyId: publishable.id, overlap: "1h" }), "INVALID");
    const { key: expired } = await secretKey("expired");
    await db.apiKey.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expectDalError(rollApiKey(owner.ctx, { keyId: expired.id, overlap: "1h" }), "CONFLICT");
    const stranger = await signUp();
    const { key: mine } = await secretKey("not theirs");
    await expectDalError(rollApiKey(stranger.ctx, { keyId: mine.id, overlap: "1h" }), "NOT_FOUND");
    expect(await db.apiKey.findUniqueOrThrow({ where: { id: mine.id } })).toMatchObject({ rolledToId: null, expiresAt: null });
  });

  it("rolls access tokens with the same windows", async () => {
    const { token, plaintext } = await createAccessToken(owner.ctx, {
      name: "ci token",
      type: "BEARER_TOKEN",
      scopes: ["apikey:read"],
      expiresAt: new Date(Date.now() + 30 * 24 * HOUR),
      prefix: "ci",
    });
    const rolled = await rollAccessToken(owner.ctx, { tokenId: token.id, overlap: "1h" });
    expect(rolled.plaintext.startsWith("ci_at_")).toBe(true);
    expect(rolled.token).toMatchObject({ name: "ci token", scopes: ["apikey:read"], expiresAt: token.expiresAt });
    const end = rolled.previous.expiresAt?.getTime() ?? 0;
    expect(await accepted(plaintext, new Date(end - 1))).toBe(true);
    expect(await accepted(plaintext, new Date(end))).toBe("EXPIRED");
  });
});

describe("expiry", () => {
  it("moves an expired key to the inactive list, refuses it, and records the expiry once", async () => {
    const { key, plaintext } = await secretKey("expiring", new Date(Date.now() + 60_000));
    const expiresAt = new Date(Date.now() - 5_000);
    await db.apiKey.update({ where: { id: key.id }, data: { expiresAt } });
    expect(await accepted(plaintext, new Date())).toBe("EXPIRED");

    const query = { projectSlug: owner.projectSlug, environment: "dev", kind: "secret" as const, page: 1, search: "expiring" };
    expect((await listApiKeys(owner.ctx, query)).rows).toEqual([]);
    const inactive = await listApiKeys(owner.ctx, { ...query, status: "inactive" });
    expect(inactive.rows.map((row) => [row.id, row.status])).toEqual([[key.id, "expired"]]);

    // Two instances sweeping at once record it once, dated at the expiry.
    await Promise.all([recordExpirations(), recordExpirations()]);
    await recordExpirations();
    const events = await db.auditEvent.findMany({ where: { targetId: key.id, action: "api_key.expired" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorType: "system", createdAt: expiresAt });
  });

  it("records a new expiry again after an edit moves it", async () => {
    const { key } = await secretKey("extended", new Date(Date.now() + 60_000));
    await db.apiKey.update({ where: { id: key.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    await recordExpirations();
    await expectDalError(updateApiKey(owner.ctx, { keyId: key.id, expiresAt: new Date(Date.now() - 1) }), "INVALID");
    await updateApiKey(owner.ctx, { keyId: key.id, expiresAt: new Date(Date.now() + 60_000) });
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).expiryRecordedAt).toBeNull();
  });
});

describe("traffic that outlives a key", () => {
  it("is logged under the expired key with its reason, without counting as a use", async () => {
    const { key, plaintext } = await secretKey("outlived");
    await rollApiKey(owner.ctx, { keyId: key.id, overlap: "now" });
    const response = await dataCall("GET", "/v1/tables", { apiKey: plaintext });
    expect(response.status).toBe(401);
    await flushUsage();
    const logged = await db.requestLog.findMany({ where: { credentialId: key.id } });
    expect(logged).toEqual([expect.objectContaining({ status: 401, code: "EXPIRED", credentialName: "outlived", path: "/v1/tables" })]);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt).toBeNull();
  });
});
