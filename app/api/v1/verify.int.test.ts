import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/keys/verify/route";
import { PUBLISHABLE_KEY_SCOPES, SECRET_KEY_SCOPES } from "@/lib/api/data-auth";
import { rateLimitPerSecond, takeRequest } from "@/lib/api/rate-limit";
import { flushUsage } from "@/lib/credentials/usage";
import { deleteApiKey } from "@/lib/dal/api-keys";
import { db } from "@/lib/db";
import { generateKey } from "@/lib/keys/format";
import { createFixture, insertAccessToken, insertApiKey, jsonOfSize, type Fixture } from "@/test/api-client";
import { signUp, type TestAccount } from "@/test/factories";

// POST /api/v1/keys/verify: who may ask (secret keys of the project, tokens with apikey:read),
// every verdict code with its exact body, bad bodies, revocation taking effect at once, usage.

const URL_PATH = "/api/v1/keys/verify";

interface Sent {
  /** Caller credential; omitted, none is sent. */
  caller?: string;
  header?: "bearer" | "api-key";
  body?: unknown;
  rawBody?: string;
  contentType?: string | null;
  headers?: Record<string, string>;
}

async function verify(sent: Sent): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const headers = new Headers({ "user-agent": "vitest/verify", "x-forwarded-for": "198.51.100.9" });
  if (sent.caller !== undefined) {
    if ((sent.header ?? "bearer") === "bearer") headers.set("authorization", `Bearer ${sent.caller}`);
    else headers.set("x-api-key", sent.caller);
  }
  const text = sent.rawBody ?? (sent.body === undefined ? undefined : JSON.stringify(sent.body));
  const contentType = sent.contentType === undefined ? (text !== undefined ? "application/json" : null) : sent.contentType;
  if (contentType !== null) headers.set("content-type", contentType);
  for (const [name, value] of Object.entries(sent.headers ?? {})) headers.set(name, value);
  const request = new NextRequest(new URL(URL_PATH, "http://localhost"), {
    method: "POST",
    headers,
    body: text === undefined ? undefined : new TextEncoder().encode(text),
  });
  const response = await POST(request, { params: Promise.resolve(undefined) });
  const raw = await response.text();
  return { status: response.status, body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {}, headers: response.headers };
}

/** What a key without roles or context answers: its kind's defaults apply (and unknown keys). */
const UNRESTRICTED = { restricted: false, roles: [], permissions: [], context: {} };
const NOTHING = { keyId: null, kind: null, projectId: null, environment: null, scopes: [], expiresAt: null, ...UNRESTRICTED, meta: {} };

/** Changes the last character, so the checksum no longer matches. */
function corrupt(key: string): string {
  return key.slice(0, -1) + (key.endsWith("A") ? "B" : "A");
}

/** Waits until early in a one-second rate window, so a filled budget is still full when used. */
async function earlyInSecond(): Promise<void> {
  while (Date.now() % 1000 > 300) await new Promise((resolve) => setTimeout(resolve, 20));
}

let owner: TestAccount;
let stranger: TestAccount;
let shop: Fixture; // the owner's project: secret key in dev (the usual caller)
let other: Fixture; // another project of the same organization
let strangerShop: Fixture;
const k = {} as Record<
  | "pkDev"
  | "skProd"
  | "tokenRead"
  | "tokenReadApiKeyType"
  | "tokenNoRead"
  | "tokenAll"
  | "tokenExpired"
  | "tokenRevoked"
  | "strangerToken"
  | "strangerPk"
  | "expiredSk"
  | "revokedSk"
  | "strangerRevokedSk",
  { id: string; key: string }
>;
let prodRowId: string;

beforeAll(async () => {
  owner = await signUp({ name: "Verify Owner" });
  stranger = await signUp({ name: "Verify Stranger" });
  shop = await createFixture(owner.ctx);
  other = await createFixture(owner.ctx);
  strangerShop = await createFixture(stranger.ctx);
  const org = owner.ctx.organizationId;
  prodRowId = (await db.environment.findFirstOrThrow({ where: { projectId: shop.projectRowId, slug: "prod" }, select: { id: true } })).id;
  const inShop = { organizationId: org, projectId: shop.projectRowId };
  k.pkDev = await insertApiKey({ ...inShop, environmentId: shop.environmentRowId, kind: "publishable" });
  k.skProd = await insertApiKey({ ...inShop, environmentId: prodRowId, kind: "secret" });
  k.expiredSk = await insertApiKey({ ...inShop, environmentId: shop.environmentRowId, kind: "secret" });
  await db.apiKey.update({ where: { id: k.expiredSk.id }, data: { expiresAt: new Date(Date.now() - 60_000) } });
  k.revokedSk = await insertApiKey({ ...inShop, environmentId: shop.environmentRowId, kind: "secret" });
  await db.apiKey.update({ where: { id: k.revokedSk.id }, data: { deletedAt: new Date() } });
  const tok = async (scopes: Parameters<typeof insertAccessToken>[0]["scopes"], extra: Partial<Parameters<typeof insertAccessToken>[0]> = {}) => {
    const inserted = await insertAccessToken({ organizationId: org, scopes, ...extra });
    return { id: inserted.id, key: inserted.token };
  };
  k.tokenRead = await tok(["apikey:read"]);
  k.tokenReadApiKeyType = await tok(["apikey:read"], { type: "API_KEY" });
  k.tokenNoRead = await tok(["project:read"]);
  k.tokenAll = await tok(["*:*"], { expiresAt: new Date("2099-01-01T00:00:00.000Z") });
  k.tokenExpired = await tok(["project:read"], { expiresAt: new Date(Date.now() - 60_000) });
  k.tokenRevoked = await tok(["apikey:read"], { revokedAt: new Date() });
  const strangerToken = await insertAccessToken({ organizationId: stranger.ctx.organizationId, scopes: ["apikey:read"] });
  k.strangerToken = { id: strangerToken.id, key: strangerToken.token };
  k.strangerPk = await insertApiKey({
    organizationId: stranger.ctx.organizationId,
    projectId: strangerShop.projectRowId,
    environmentId: strangerShop.environmentRowId,
    kind: "publishable",
  });
  k.strangerRevokedSk = await insertApiKey({
    organizationId: stranger.ctx.organizationId,
    projectId: strangerShop.projectRowId,
    environmentId: strangerShop.environmentRowId,
  });
  await db.apiKey.update({ where: { id: k.strangerRevokedSk.id }, data: { deletedAt: new Date() } });
});

describe("who may call it", () => {
  const cases: Array<{ name: string; sent: () => Sent; status: number; code: string }> = [
    { name: "no credential", sent: () => ({ body: { key: k.pkDev.key } }), status: 401, code: "UNAUTHENTICATED" },
    { name: "a malformed credential", sent: () => ({ caller: corrupt(shop.key), body: { key: k.pkDev.key } }), status: 401, code: "UNAUTHENTICATED" },
    { name: "an unknown secret key", sent: () => ({ caller: generateKey("secret"), body: { key: k.pkDev.key } }), status: 401, code: "UNAUTHENTICATED" },
    { name: "a revoked token", sent: () => ({ caller: k.tokenRevoked.key, body: { key: k.pkDev.key } }), status: 401, code: "UNAUTHENTICATED" },
    { name: "an expired token", sent: () => ({ caller: k.tokenExpired.key, body: { key: k.pkDev.key } }), status: 401, code: "UNAUTHENTICATED" },
    { name: "a deleted secret key", sent: () => ({ caller: k.revokedSk.key, body: { key: k.pkDev.key } }), status: 401, code: "UNAUTHENTICATED" },
    {
      name: "an API_KEY token in Authorization",
      sent: () => ({ caller: k.tokenReadApiKeyType.key, body: { key: k.pkDev.key } }),
      status: 401,
      code: "UNAUTHENTICATED",
    },
    {
      name: "two credentials at once",
      sent: () => ({ caller: shop.key, headers: { "x-api-key": k.tokenReadApiKeyType.key }, body: { key: k.pkDev.key } }),
      status: 401,
      code: "UNAUTHENTICATED",
    },
    { name: "a bad Authorization header", sent: () => ({ headers: { authorization: "Basic abc" }, body: { key: k.pkDev.key } }), status: 401, code: "UNAUTHENTICATED" },
    { name: "a publishable key", sent: () => ({ caller: k.pkDev.key, header: "api-key", body: { key: k.pkDev.key } }), status: 403, code: "FORBIDDEN" },
    { name: "a token without apikey:read", sent: () => ({ caller: k.tokenNoRead.key, body: { key: k.pkDev.key } }), status: 403, code: "INSUFFICIENT_SCOPE" },
  ];
  for (const c of cases) {
    it(`refuses ${c.name}: ${c.status} ${c.code}`, async () => {
      const response = await verify(c.sent());
      expect(response.status).toBe(c.status);
      expect((response.body.error as { code: string }).code).toBe(c.code);
      if (c.status === 401) expect(response.headers.get("www-authenticate")).toBe('Bearer realm="keyward"');
    });
  }

  it("accepts a secret key in either header, and tokens in the header their type names", async () => {
    for (const sent of [
      { caller: shop.key },
      { caller: shop.key, header: "api-key" as const },
      { caller: k.tokenRead.key },
      { caller: k.tokenReadApiKeyType.key, header: "api-key" as const },
      { caller: k.tokenAll.key },
    ]) {
      const response = await verify({ ...sent, body: { key: k.pkDev.key } });
      expect(response.status).toBe(200);
      expect(response.body.code).toBe("VALID");
    }
  });

  it("limits each caller's requests per second (429), before reading the body", async () => {
    const caller = await insertApiKey({ organizationId: owner.ctx.organizationId, projectId: shop.projectRowId, environmentId: shop.environmentRowId });
    await earlyInSecond();
    for (let i = 0; i < rateLimitPerSecond(); i++) takeRequest(`secret:${caller.id}`);
    const response = await verify({ caller: caller.key, body: { key: k.pkDev.key } });
    expect(response.status).toBe(429);
    expect((response.body.error as { code: string }).code).toBe("RATE_LIMITED");
    expect(response.headers.get("retry-after")).toBe("1");
  });
});

describe("verdicts", () => {
  const shopKey = (kind: "publishable" | "secret", environment: string, scopes: readonly string[]) => ({
    kind,
    projectId: shop.projectId,
    environment,
    scopes: [...scopes],
    expiresAt: null,
    ...UNRESTRICTED,
    meta: {},
  });
  const cases: Array<{ name: string; caller: () => string; body: () => Record<string, unknown>; expect: () => Record<string, unknown> }> = [
    {
      name: "VALID: a publishable key of the caller's environment",
      caller: () => shop.key,
      body: () => ({ key: k.pkDev.key }),
      expect: () => ({ valid: true, code: "VALID", keyId: k.pkDev.id, ...shopKey("publishable", "dev", PUBLISHABLE_KEY_SCOPES) }),
    },
    {
      name: "VALID: the calling secret key itself, with scopes it holds",
      caller: () => shop.key,
      body: () => ({ key: shop.key, scopes: ["table:data:create", "table:read"], environment: "dev" }),
      expect: () => ({ valid: true, code: "VALID", keyId: shop.keyId, ...shopKey("secret", "dev", SECRET_KEY_SCOPES) }),
    },
    {
      name: "VALID: a token verifies a secret key in any environment of its organization",
      caller: () => k.tokenRead.key,
      body: () => ({ key: k.skProd.key, environment: "prod" }),
      expect: () => ({ valid: true, code: "VALID", keyId: k.skProd.id, ...shopKey("secret", "prod", SECRET_KEY_SCOPES) }),
    },
    {
      name: "VALID: a token verifies a token of its organization (no project or environment)",
      caller: () => k.tokenRead.key,
      body: () => ({ key: k.tokenAll.key, scopes: ["*:*", "apikey:delete"] }),
      expect: () => ({
        valid: true,
        code: "VALID",
        keyId: k.tokenAll.id,
        kind: "access_token",
        projectId: null,
        environment: null,
        scopes: ["*:*"],
        expiresAt: "2099-01-01T00:00:00.000Z",
        ...UNRESTRICTED,
        meta: {},
      }),
    },
    { name: "MALFORMED: a bad checksum", caller: () => shop.key, body: () => ({ key: corrupt(k.pkDev.key) }), expect: () => ({ valid: false, code: "MALFORMED", ...NOTHING }) },
    { name: "MALFORMED: not a key at all", caller: () => k.tokenRead.key, body: () => ({ key: "hello" }), expect: () => ({ valid: false, code: "MALFORMED", ...NOTHING }) },
    { name: "NOT_FOUND: an unknown key", caller: () => shop.key, body: () => ({ key: generateKey("publishable") }), expect: () => ({ valid: false, code: "NOT_FOUND", ...NOTHING }) },
    { name: "NOT_FOUND: an unknown token", caller: () => k.tokenRead.key, body: () => ({ key: generateKey("access_token") }), expect: () => ({ valid: false, code: "NOT_FOUND", ...NOTHING }) },
    {
      name: "NOT_FOUND: a secret key asks about another project's key",
      caller: () => shop.key,
      body: () => ({ key: other.key }),
      expect: () => ({ valid: false, code: "NOT_FOUND", ...NOTHING }),
    },
    {
      name: "NOT_FOUND: a secret key asks about an access token",
      caller: () => shop.key,
      body: () => ({ key: k.tokenAll.key }),
      expect: () => ({ valid: false, code: "NOT_FOUND", ...NOTHING }),
    },
    {
      name: "NOT_FOUND: another organization's token asks about this organization's key",
      caller: () => k.strangerToken.key,
      body: () => ({ key: k.pkDev.key }),
      expect: () => ({ valid: false, code: "NOT_FOUND", ...NOTHING }),
    },
    {
      name: "NOT_FOUND: a token asks about another organization's key",
      caller: () => k.tokenAll.key,
      body: () => ({ key: k.strangerPk.key }),
      expect: () => ({ valid: false, code: "NOT_FOUND", ...NOTHING }),
    },
    {
      name: "NOT_FOUND: another organization's revoked key (not REVOKED, which would reveal it)",
      caller: () => k.tokenAll.key,
      body: () => ({ key: k.strangerRevokedSk.key }),
      expect: () => ({ valid: false, code: "NOT_FOUND", ...NOTHING }),
    },
    {
      name: "NOT_FOUND: another project's expired key",
      caller: () => other.key,
      body: () => ({ key: k.expiredSk.key }),
      expect: () => ({ valid: false, code: "NOT_FOUND", ...NOTHING }),
    },
    { name: "REVOKED: a deleted key", caller: () => shop.key, body: () => ({ key: k.revokedSk.key }), expect: () => ({ valid: false, code: "REVOKED", ...NOTHING }) },
    { name: "REVOKED: a revoked token", caller: () => k.tokenRead.key, body: () => ({ key: k.tokenRevoked.key }), expect: () => ({ valid: false, code: "REVOKED", ...NOTHING }) },
    { name: "EXPIRED: an expired key", caller: () => shop.key, body: () => ({ key: k.expiredSk.key }), expect: () => ({ valid: false, code: "EXPIRED", ...NOTHING }) },
    { name: "EXPIRED: an expired token", caller: () => k.tokenAll.key, body: () => ({ key: k.tokenExpired.key }), expect: () => ({ valid: false, code: "EXPIRED", ...NOTHING }) },
    {
      name: "WRONG_ENVIRONMENT: a dev secret key asks about a prod key of its project",
      caller: () => shop.key,
      body: () => ({ key: k.skProd.key }),
      expect: () => ({ valid: false, code: "WRONG_ENVIRONMENT", keyId: k.skProd.id, ...shopKey("secret", "prod", SECRET_KEY_SCOPES) }),
    },
    {
      name: "WRONG_ENVIRONMENT: the body names another environment than the key's",
      caller: () => k.tokenRead.key,
      body: () => ({ key: k.pkDev.key, environment: "prod" }),
      expect: () => ({ valid: false, code: "WRONG_ENVIRONMENT", keyId: k.pkDev.id, ...shopKey("publishable", "dev", PUBLISHABLE_KEY_SCOPES) }),
    },
    {
      name: "INSUFFICIENT_SCOPE: a publishable key cannot write",
      caller: () => shop.key,
      body: () => ({ key: k.pkDev.key, scopes: ["table:data:read", "table:data:create"] }),
      expect: () => ({ valid: false, code: "INSUFFICIENT_SCOPE", keyId: k.pkDev.id, ...shopKey("publishable", "dev", PUBLISHABLE_KEY_SCOPES) }),
    },
    {
      name: "INSUFFICIENT_SCOPE: a secret key holds no management scopes",
      caller: () => k.tokenRead.key,
      body: () => ({ key: shop.key, scopes: ["apikey:read"] }),
      expect: () => ({ valid: false, code: "INSUFFICIENT_SCOPE", keyId: shop.keyId, ...shopKey("secret", "dev", SECRET_KEY_SCOPES) }),
    },
    {
      name: "INSUFFICIENT_SCOPE: a token lacking a requested scope",
      caller: () => k.tokenRead.key,
      body: () => ({ key: k.tokenNoRead.key, scopes: ["project:read", "project:delete"] }),
      expect: () => ({
        valid: false,
        code: "INSUFFICIENT_SCOPE",
        keyId: k.tokenNoRead.id,
        kind: "access_token",
        projectId: null,
        environment: null,
        scopes: ["project:read"],
        expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown as string,
        ...UNRESTRICTED,
        meta: {},
      }),
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const response = await verify({ caller: c.caller(), body: c.body() });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(c.expect());
    });
  }

  it("RATE_LIMITED: the verified key's own per-second budget is spent", async () => {
    const key = await insertApiKey({ organizationId: owner.ctx.organizationId, projectId: shop.projectRowId, environmentId: shop.environmentRowId, kind: "publishable" });
    await earlyInSecond();
    for (let i = 0; i < rateLimitPerSecond(); i++) takeRequest(`verify:${key.id}`);
    const response = await verify({ caller: k.tokenRead.key, body: { key: key.key } });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ valid: false, code: "RATE_LIMITED", keyId: key.id, ...shopKey("publishable", "dev", PUBLISHABLE_KEY_SCOPES) });
  });

  it("a key deleted with deleteApiKey answers REVOKED on the very next verification", async () => {
    const key = await insertApiKey({ organizationId: owner.ctx.organizationId, projectId: shop.projectRowId, environmentId: shop.environmentRowId });
    expect((await verify({ caller: shop.key, body: { key: key.key } })).body.code).toBe("VALID");
    await deleteApiKey(owner.ctx, { keyId: key.id });
    expect((await verify({ caller: shop.key, body: { key: key.key } })).body).toEqual({ valid: false, code: "REVOKED", ...NOTHING });
  });

  it("MALFORMED answers from the checksum alone, for every key shape", async () => {
    for (const kind of ["publishable", "secret", "access_token"] as const) {
      const response = await verify({ caller: k.tokenRead.key, body: { key: corrupt(generateKey(kind)) } });
      expect(response.body).toEqual({ valid: false, code: "MALFORMED", ...NOTHING });
    }
  });
});

describe("usage", () => {
  it("a VALID verification counts as a use of the verified key, with a request-log entry", async () => {
    const key = await insertApiKey({ organizationId: owner.ctx.organizationId, projectId: shop.projectRowId, environmentId: shop.environmentRowId, kind: "publishable" });
    const response = await verify({ caller: shop.key, body: { key: key.key } });
    expect(response.body.code).toBe("VALID");
    await flushUsage();
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: key.id }, select: { lastUsedAt: true } });
    expect(row.lastUsedAt).not.toBeNull();
    const logs = await db.requestLog.findMany({ where: { credentialId: key.id } });
    expect(logs.map((log) => ({ method: log.method, path: log.path, status: log.status, projectId: log.projectId, environmentId: log.environmentId }))).toEqual([
      { method: "POST", path: URL_PATH, status: 200, projectId: shop.projectRowId, environmentId: shop.environmentRowId },
    ]);
  });

  it("a refused verification records no use of the verified key", async () => {
    const key = await insertApiKey({ organizationId: owner.ctx.organizationId, projectId: shop.projectRowId, environmentId: shop.environmentRowId, kind: "publishable" });
    expect((await verify({ caller: shop.key, body: { key: key.key, scopes: ["table:delete"] } })).body.code).toBe("INSUFFICIENT_SCOPE");
    await flushUsage();
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id }, select: { lastUsedAt: true } })).lastUsedAt).toBeNull();
    expect(await db.requestLog.count({ where: { credentialId: key.id } })).toBe(0);
  });
});

describe("bad bodies", () => {
  const cases: Array<{ name: string; sent: () => Sent; status: number; code: string; field?: string }> = [
    { name: "not JSON", sent: () => ({ rawBody: "key=x", contentType: "application/x-www-form-urlencoded" }), status: 415, code: "UNSUPPORTED_MEDIA_TYPE" },
    { name: "no body and no type", sent: () => ({}), status: 415, code: "UNSUPPORTED_MEDIA_TYPE" },
    { name: "broken JSON", sent: () => ({ rawBody: '{"key":' }), status: 400, code: "MALFORMED_JSON" },
    { name: "empty JSON body", sent: () => ({ rawBody: "" }), status: 400, code: "MALFORMED_JSON" },
    { name: "null", sent: () => ({ body: null }), status: 400, code: "VALIDATION_FAILED" },
    { name: "an array", sent: () => ({ body: [k.pkDev.key] }), status: 400, code: "VALIDATION_FAILED" },
    { name: "no key", sent: () => ({ body: {} }), status: 400, code: "VALIDATION_FAILED", field: "key" },
    { name: "an empty key", sent: () => ({ body: { key: "" } }), status: 400, code: "VALIDATION_FAILED", field: "key" },
    { name: "a numeric key", sent: () => ({ body: { key: 42 } }), status: 400, code: "VALIDATION_FAILED", field: "key" },
    { name: "a 201-character key", sent: () => ({ body: { key: "k".repeat(201) } }), status: 400, code: "VALIDATION_FAILED", field: "key" },
    { name: "an unknown scope", sent: () => ({ body: { key: k.pkDev.key, scopes: ["table:drop"] } }), status: 400, code: "VALIDATION_FAILED", field: "scopes" },
    { name: "scopes not a list", sent: () => ({ body: { key: k.pkDev.key, scopes: "table:read" } }), status: 400, code: "VALIDATION_FAILED", field: "scopes" },
    {
      name: "31 scopes",
      sent: () => ({ body: { key: k.pkDev.key, scopes: Array.from({ length: 31 }, () => "table:read") } }),
      status: 400,
      code: "VALIDATION_FAILED",
      field: "scopes",
    },
    { name: "a bad environment", sent: () => ({ body: { key: k.pkDev.key, environment: "PROD!" } }), status: 400, code: "VALIDATION_FAILED", field: "environment" },
    { name: "an unknown field", sent: () => ({ body: { key: k.pkDev.key, projectId: shop.projectId } }), status: 400, code: "VALIDATION_FAILED", field: "projectId" },
    { name: "a body over 16 KiB", sent: () => ({ rawBody: jsonOfSize(17 * 1024, "key") }), status: 413, code: "PAYLOAD_TOO_LARGE" },
  ];
  for (const c of cases) {
    it(`${c.name}: ${c.status} ${c.code}`, async () => {
      const response = await verify({ caller: shop.key, ...c.sent() });
      expect(response.status).toBe(c.status);
      const error = response.body.error as { code: string; details?: { fieldErrors?: Record<string, string[]> } };
      expect(error.code).toBe(c.code);
      if (c.field) expect(Object.keys(error.details?.fieldErrors ?? {})).toContain(c.field);
    });
  }

  it("a 200-character key is accepted (and is MALFORMED, not an error)", async () => {
    const response = await verify({ caller: shop.key, body: { key: "k".repeat(200) } });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ valid: false, code: "MALFORMED", ...NOTHING });
  });

  it("an unauthenticated bad body is 401, not 400 (the caller is checked first)", async () => {
    expect((await verify({ rawBody: "{" })).status).toBe(401);
  });
});
