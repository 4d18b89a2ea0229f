import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/dal/api-keys";
import { db } from "@/lib/db";
import { insertAccessToken } from "@/test/api-client";
import { signUp, type TestAccount } from "@/test/factories";
import { lookupCredential } from "./resolve";
import type { ResolvedCredential } from "./types";
import { flushUsage, recordRequest, recordUse, type RequestLogEntry } from "./usage";

// The usage batch is one statement: the request log and the last-used times commit together or
// not at all (and are then retried), and a last-used time is only ever raised.

let owner: TestAccount;
let key: ResolvedCredential;
let token: ResolvedCredential;

async function resolved(plaintext: string): Promise<ResolvedCredential> {
  const found = await lookupCredential(plaintext);
  if (!found.ok) throw new Error(`Test setup: credential refused (${found.code})`);
  return found.credential;
}

function entry(credential: ResolvedCredential, path: string): Omit<RequestLogEntry, "createdAt"> {
  return {
    organizationId: credential.organizationId,
    projectId: credential.kind === "access_token" ? null : credential.projectId,
    environmentId: credential.kind === "access_token" ? null : credential.environmentId,
    credentialKind: credential.kind,
    credentialId: credential.id,
    credentialName: credential.name,
    method: "GET",
    path,
    status: 200,
    code: null,
    latencyMs: 3,
    ip: "198.51.100.20",
  };
}

const lastUsedOf = async () => ({
  key: (await db.apiKey.findUniqueOrThrow({ where: { id: key.id }, select: { lastUsedAt: true } })).lastUsedAt,
  token: (await db.accessToken.findUniqueOrThrow({ where: { id: token.id }, select: { lastUsedAt: true } })).lastUsedAt,
});

beforeAll(async () => {
  owner = await signUp();
  const created = await createApiKey(owner.ctx, { projectSlug: owner.projectSlug, environment: "dev", kind: "secret", name: "batched" });
  key = await resolved(created.plaintext);
  token = await resolved((await insertAccessToken({ organizationId: owner.ctx.organizationId, scopes: ["project:read"] })).token);
});

afterEach(async () => {
  await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS keyward_test_refuse_log ON "RequestLog"`);
});

describe("the usage batch", () => {
  it("writes the request log and raises last-used times of keys and tokens in one flush", async () => {
    const at = new Date(Date.now() - 5_000);
    recordUse(key, at, entry(key, "/v1/data/batched"));
    recordUse(token, at, entry(token, "/api/v1/projects"));
    recordRequest({ ...entry(key, "/v1/data/expired"), status: 401, code: "EXPIRED" }, at);
    await flushUsage();

    expect(await lastUsedOf()).toEqual({ key: at, token: at });
    const logged = await db.requestLog.findMany({ where: { credentialId: { in: [key.id, token.id] } }, orderBy: { path: "asc" } });
    expect(logged.map((row) => [row.credentialKind, row.path, row.status, row.code, row.createdAt.getTime(), row.ip])).toEqual([
      ["access_token", "/api/v1/projects", 200, null, at.getTime(), "198.51.100.20"],
      ["secret", "/v1/data/batched", 200, null, at.getTime(), "198.51.100.20"],
      ["secret", "/v1/data/expired", 401, "EXPIRED", at.getTime(), "198.51.100.20"],
    ]);
    expect(logged.every((row) => /^c[a-z0-9]{24}$/.test(row.id))).toBe(true);
  });

  it("never lowers a last-used time another instance wrote later", async () => {
    const later = new Date(Date.now() + 3_600_000);
    await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: later } });
    recordUse(key, new Date(), entry(key, "/v1/data/older"));
    await flushUsage();
    expect((await lastUsedOf()).key).toEqual(later);
    expect(await db.requestLog.count({ where: { credentialId: key.id, path: "/v1/data/older" } })).toBe(1);
  });

  it("commits nothing when part of it fails, and writes it all on the next flush", async () => {
    await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: null } });
    await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION keyward_test_refuse_log() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'request log refused by the test'; END $$`);
    await db.$executeRawUnsafe(`CREATE TRIGGER keyward_test_refuse_log BEFORE INSERT ON "RequestLog" FOR EACH ROW EXECUTE FUNCTION keyward_test_refuse_log()`);
    const at = new Date();
    recordUse(key, at, entry(key, "/v1/data/retried"));
    await flushUsage();
    // The log insert failed, so the key's last-used update in the same statement did not commit.
    expect((await lastUsedOf()).key).toBeNull();
    expect(await db.requestLog.count({ where: { path: "/v1/data/retried" } })).toBe(0);

    await db.$executeRawUnsafe(`DROP TRIGGER keyward_test_refuse_log ON "RequestLog"`);
    await flushUsage();
    expect((await lastUsedOf()).key).toEqual(at);
    expect(await db.requestLog.count({ where: { path: "/v1/data/retried" } })).toBe(1);
  });
});
