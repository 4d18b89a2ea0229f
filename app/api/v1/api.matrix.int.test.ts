import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RESOURCE_SCOPES, type ResourceScope, type Scope } from "@/lib/auth/scopes";
import type { AuditAction } from "@/lib/dal/audit";
import { createAccessToken, revokeAccessToken } from "@/lib/dal/access-tokens";
import { newProjectPublicId } from "@/lib/dal/accounts";
import { db } from "@/lib/db";
import { generateKey, hashKey, parseKey } from "@/lib/keys/format";
import {
  API_ROUTES,
  call,
  createFixture,
  errorOf,
  insertAccessToken,
  insertApiKey,
  pathsOf,
  stateFingerprint,
  type ApiResponse,
  type Fixture,
  type InsertedToken,
  type Method,
} from "@/test/api-client";
import { signUp, type TestAccount } from "@/test/factories";

// The authorization matrix of the management API: every endpoint against every kind of
// credential. Each cell asserts the exact status and error code; denied cells also assert that
// nothing changed, and allowed cells that the change really happened and was audited as the
// token's. Endpoints that change things get a fresh project, environment and key per cell.

interface Endpoint {
  method: Method;
  /** Which URL of the fixture (see pathsOf). */
  url: keyof ReturnType<typeof pathsOf>;
  scope: ResourceScope;
  ok: 200 | 201 | 204;
  /** Changes state: gets a fresh fixture per cell, and writes these audit events (in order). */
  audit?: AuditAction | AuditAction[];
  /** A valid body, fresh per call (names and slugs must be unique), for the fixture it acts on. */
  body?: (fixture: Pick<Fixture, "roleId">) => Record<string, unknown>;
  /** Checks the 2xx response and what it did, as organization A's owner would see it. */
  verify(input: { response: ApiResponse; fixture: Fixture; sent: Record<string, unknown> | undefined }): Promise<void>;
}

let unique = 0;
const next = () => ++unique;

let owner: TestAccount;
let other: TestAccount;
/** Organization A's ids, to check list responses never show another organization's rows. */
async function projectIdsOf(organizationId: string): Promise<Set<string>> {
  const rows = await db.project.findMany({ where: { organizationId }, select: { publicId: true } });
  return new Set(rows.map((row) => row.publicId));
}

interface KeyBody {
  id: string;
  key?: string;
  kind: string;
  maskedKey: string;
  publishableKey: string | null;
}

interface RoleBody {
  id: string;
  name: string;
  description: string;
  grants: unknown[];
  assignedCount: number;
}

const ORDERS_WRITER = [{ table: "orders", actions: ["read", "write"], conditions: [{ field: "region", equals: { value: "eu" } }] }];

const ENDPOINTS: Endpoint[] = [
  {
    method: "GET",
    url: "projects",
    scope: "project:read",
    ok: 200,
    async verify({ response }) {
      const body = response.body as { data: Array<{ id: string }>; nextCursor: string | null };
      expect(body.data.length).toBeGreaterThan(0);
      const ours = await projectIdsOf(owner.ctx.organizationId);
      for (const project of body.data) expect(ours.has(project.id)).toBe(true);
    },
  },
  {
    method: "POST",
    url: "projects",
    scope: "project:create",
    ok: 201,
    audit: "project.created",
    body: () => ({ name: `Matrix project ${next()}` }),
    async verify({ response, sent }) {
      const body = response.body as { id: string; name: string; environments: string[] };
      expect(body).toMatchObject({ name: sent?.name, environments: ["dev", "prod"] });
      const row = await db.project.findUniqueOrThrow({
        where: { publicId: body.id },
        select: { organizationId: true, name: true, environments: { select: { slug: true }, orderBy: { slug: "asc" } } },
      });
      expect(row).toEqual({ organizationId: owner.ctx.organizationId, name: sent?.name, environments: [{ slug: "dev" }, { slug: "prod" }] });
    },
  },
  {
    method: "GET",
    url: "project",
    scope: "project:read",
    ok: 200,
    async verify({ response, fixture }) {
      expect(response.body).toMatchObject({ id: fixture.projectId, environments: ["dev", "prod"] });
    },
  },
  {
    method: "PATCH",
    url: "project",
    scope: "project:update",
    ok: 200,
    audit: "project.updated",
    body: () => ({ name: `Renamed ${next()}` }),
    async verify({ response, fixture, sent }) {
      expect(response.body).toMatchObject({ id: fixture.projectId, name: sent?.name });
      const row = await db.project.findUniqueOrThrow({ where: { id: fixture.projectRowId }, select: { name: true } });
      expect(row.name).toBe(sent?.name);
    },
  },
  {
    method: "DELETE",
    url: "project",
    scope: "project:delete",
    ok: 204,
    audit: "project.deleted",
    async verify({ response, fixture }) {
      expect(response.body).toBeNull();
      expect(await db.project.count({ where: { id: fixture.projectRowId } })).toBe(0);
      expect(await db.apiKey.count({ where: { projectId: fixture.projectRowId } })).toBe(0);
    },
  },
  {
    method: "GET",
    url: "environments",
    scope: "environment:read",
    ok: 200,
    async verify({ response }) {
      const body = response.body as { data: Array<{ slug: string }>; nextCursor: string | null };
      expect(body.data.map((env) => env.slug)).toEqual(["dev", "prod"]);
    },
  },
  {
    method: "POST",
    url: "environments",
    scope: "environment:create",
    ok: 201,
    audit: "environment.created",
    body: () => ({ slug: `env-${next()}` }),
    async verify({ response, fixture, sent }) {
      expect(response.body).toMatchObject({ slug: sent?.slug });
      expect(await db.environment.count({ where: { projectId: fixture.projectRowId, slug: sent?.slug as string } })).toBe(1);
    },
  },
  {
    method: "GET",
    url: "environment",
    scope: "environment:read",
    ok: 200,
    async verify({ response }) {
      expect(response.body).toMatchObject({ slug: "dev" });
    },
  },
  {
    method: "PATCH",
    url: "environment",
    scope: "environment:update",
    ok: 200,
    audit: "environment.updated",
    body: () => ({ slug: `renamed-${next()}` }),
    async verify({ response, fixture, sent }) {
      expect(response.body).toMatchObject({ slug: sent?.slug });
      const row = await db.environment.findUniqueOrThrow({ where: { id: fixture.environmentRowId }, select: { slug: true } });
      expect(row.slug).toBe(sent?.slug);
      // Keys stay bound to the renamed environment.
      const key = await db.apiKey.findUniqueOrThrow({ where: { id: fixture.keyId }, select: { environmentId: true, deletedAt: true } });
      expect(key).toEqual({ environmentId: fixture.environmentRowId, deletedAt: null });
    },
  },
  {
    method: "DELETE",
    url: "environment",
    scope: "environment:delete",
    ok: 204,
    audit: "environment.deleted",
    async verify({ response, fixture }) {
      expect(response.body).toBeNull();
      expect(await db.environment.count({ where: { id: fixture.environmentRowId } })).toBe(0);
      expect(await db.environment.count({ where: { projectId: fixture.projectRowId } })).toBe(1);
      expect(await db.apiKey.count({ where: { id: fixture.keyId } })).toBe(0);
    },
  },
  {
    method: "GET",
    url: "keys",
    scope: "apikey:read",
    ok: 200,
    async verify({ response, fixture }) {
      const body = response.body as { data: KeyBody[]; nextCursor: string | null };
      expect(body.data.map((key) => key.id)).toContain(fixture.keyId);
      for (const key of body.data) {
        expect(key).not.toHaveProperty("key");
        expect(key).not.toHaveProperty("hash");
        if (key.kind === "secret") expect(key.publishableKey).toBeNull();
      }
    },
  },
  {
    method: "POST",
    url: "keys",
    scope: "apikey:create",
    ok: 201,
    // A secret key is created and its value shown once: both are lifecycle events.
    audit: ["api_key.created", "api_key.secret_shown"],
    body: () => ({ name: `matrix key ${next()}`, kind: "secret" }),
    async verify({ response, fixture, sent }) {
      const body = response.body as KeyBody & { name: string; environment: string };
      expect(body).toMatchObject({ name: sent?.name, kind: "secret", environment: "dev", publishableKey: null });
      const plaintext = body.key ?? "";
      expect(parseKey(plaintext)).toEqual({ ok: true, kind: "secret", prefix: null });
      const row = await db.apiKey.findUniqueOrThrow({
        where: { hash: hashKey(plaintext) },
        select: { id: true, environmentId: true, publicValue: true, start: true, last4: true, createdById: true },
      });
      expect(row).toEqual({
        id: body.id,
        environmentId: fixture.environmentRowId,
        publicValue: null,
        start: "sk_",
        last4: plaintext.slice(-4),
        createdById: null,
      });
      expect(body.maskedKey).toBe(`sk_…${plaintext.slice(-4)}`);
    },
  },
  {
    method: "GET",
    url: "key",
    scope: "apikey:read",
    ok: 200,
    async verify({ response, fixture }) {
      expect(response.body).toMatchObject({ id: fixture.keyId, kind: "secret", publishableKey: null, environment: "dev" });
      expect(response.body).not.toHaveProperty("key");
    },
  },
  {
    method: "PATCH",
    url: "key",
    scope: "apikey:update",
    ok: 200,
    audit: "api_key.updated",
    body: (fixture) => ({ name: `patched key ${next()}`, roleIds: [fixture.roleId], context: { region: "eu" } }),
    async verify({ response, fixture, sent }) {
      expect(response.body).toMatchObject({
        id: fixture.keyId,
        name: sent?.name,
        roles: [{ id: fixture.roleId, name: "orders reader" }],
        context: { region: "eu" },
        status: "active",
      });
      const row = await db.apiKey.findUniqueOrThrow({
        where: { id: fixture.keyId },
        select: { name: true, context: true, roles: { select: { roleId: true } } },
      });
      expect(row).toEqual({ name: sent?.name, context: { region: "eu" }, roles: [{ roleId: fixture.roleId }] });
    },
  },
  {
    method: "POST",
    url: "keyRoll",
    scope: "apikey:update",
    ok: 201,
    // The replacement is created and shown once, then the old key is marked rolled.
    audit: ["api_key.created", "api_key.secret_shown", "api_key.rolled"],
    body: () => ({ overlap: "1h" }),
    async verify({ response, fixture }) {
      const body = response.body as KeyBody & { rolledFromId: string; previous: KeyBody & { rolledToId: string; expiresAt: string } };
      expect(parseKey(body.key ?? "")).toEqual({ ok: true, kind: "secret", prefix: null });
      expect(body).toMatchObject({ kind: "secret", rolledFromId: fixture.keyId, previous: { id: fixture.keyId, rolledToId: body.id } });
      const inAnHour = Date.now() + 3_600_000;
      expect(Math.abs(Date.parse(body.previous.expiresAt) - inAnHour)).toBeLessThan(60_000);
      const old = await db.apiKey.findUniqueOrThrow({ where: { id: fixture.keyId }, select: { rolledToId: true, expiresAt: true, deletedAt: true } });
      expect(old).toEqual({ rolledToId: body.id, expiresAt: new Date(body.previous.expiresAt), deletedAt: null });
      expect(await db.apiKey.findUniqueOrThrow({ where: { hash: hashKey(body.key ?? "") }, select: { id: true } })).toEqual({ id: body.id });
    },
  },
  {
    method: "DELETE",
    url: "key",
    scope: "apikey:delete",
    ok: 204,
    audit: "api_key.deleted",
    async verify({ response, fixture }) {
      expect(response.body).toBeNull();
      const list = await call("GET", `${pathsOf(fixture).keys}?limit=100`, { token: tokens.star.token, header: "api-key" });
      expect(list.status).toBe(200);
      expect((list.body as { data: KeyBody[] }).data.map((key) => key.id)).not.toContain(fixture.keyId);
      expect((await call("GET", pathsOf(fixture).key, { token: tokens.star.token, header: "api-key" })).status).toBe(404);
      const row = await db.apiKey.findUniqueOrThrow({ where: { id: fixture.keyId }, select: { deletedAt: true, deletedById: true } });
      expect(row.deletedAt).toBeInstanceOf(Date);
      expect(row.deletedById).toBeNull();
    },
  },
  {
    method: "GET",
    url: "roles",
    scope: "role:read",
    ok: 200,
    async verify({ response, fixture }) {
      const body = response.body as { data: RoleBody[]; nextCursor: string | null };
      expect(body).toEqual({
        data: [expect.objectContaining({ id: fixture.roleId, name: "orders reader", grants: [{ table: "orders", actions: ["read"], conditions: [] }] })],
        nextCursor: null,
      });
    },
  },
  {
    method: "POST",
    url: "roles",
    scope: "role:create",
    ok: 201,
    audit: "role.created",
    body: () => ({ name: `matrix role ${next()}`, grants: ORDERS_WRITER }),
    async verify({ response, fixture, sent }) {
      const body = response.body as RoleBody;
      expect(body).toMatchObject({ name: sent?.name, description: "", grants: ORDERS_WRITER, assignedCount: 0 });
      const row = await db.keyRole.findUniqueOrThrow({ where: { id: body.id }, select: { projectId: true, organizationId: true, permissions: true } });
      expect(row).toEqual({ projectId: fixture.projectRowId, organizationId: owner.ctx.organizationId, permissions: ORDERS_WRITER });
    },
  },
  {
    method: "GET",
    url: "role",
    scope: "role:read",
    ok: 200,
    async verify({ response, fixture }) {
      expect(response.body).toMatchObject({ id: fixture.roleId, name: "orders reader", assignedCount: 0 });
    },
  },
  {
    method: "PATCH",
    url: "role",
    scope: "role:update",
    ok: 200,
    audit: "role.updated",
    body: () => ({ description: `patched ${next()}` }),
    async verify({ response, fixture, sent }) {
      // Fields left out keep their value.
      expect(response.body).toMatchObject({ id: fixture.roleId, name: "orders reader", description: sent?.description });
      const row = await db.keyRole.findUniqueOrThrow({ where: { id: fixture.roleId }, select: { name: true, description: true, permissions: true } });
      expect(row).toEqual({ name: "orders reader", description: sent?.description, permissions: [{ table: "orders", actions: ["read"], conditions: [] }] });
    },
  },
  {
    method: "DELETE",
    url: "role",
    scope: "role:delete",
    ok: 204,
    audit: "role.deleted",
    async verify({ response, fixture }) {
      expect(response.body).toBeNull();
      expect(await db.keyRole.count({ where: { id: fixture.roleId } })).toBe(0);
    },
  },
  {
    method: "GET",
    url: "tokenSelf",
    scope: "token:read",
    ok: 200,
    async verify({ response }) {
      const body = response.body as { id: string; name: string; scopes: string[]; status: string; maskedToken: string };
      const row = await db.accessToken.findUniqueOrThrow({ where: { id: body.id }, select: { name: true, organizationId: true, start: true, last4: true } });
      expect(row.organizationId).toBe(owner.ctx.organizationId);
      expect(body).toMatchObject({ name: row.name, status: "active", maskedToken: `${row.start}…${row.last4}` });
      expect(JSON.stringify(body)).not.toMatch(/hash/);
    },
  },
  {
    method: "POST",
    url: "tokenRoll",
    scope: "token:roll",
    ok: 201,
    // The calling token's replacement is created and shown once, then the caller is marked rolled.
    audit: ["access_token.created", "access_token.secret_shown", "access_token.rolled"],
    body: () => ({ overlap: "1h" }),
    async verify({ response }) {
      const body = response.body as { id: string; token: string; type: string; name: string; scopes: string[]; rolledFromId: string; previous: { id: string; name: string; scopes: string[]; rolledToId: string; expiresAt: string } };
      expect(body.token).toMatch(/^at_/);
      expect(body).toMatchObject({ rolledFromId: body.previous.id, name: body.previous.name, scopes: body.previous.scopes, previous: { rolledToId: body.id } });
      const inAnHour = Date.now() + 3_600_000;
      expect(Math.abs(new Date(body.previous.expiresAt).getTime() - inAnHour)).toBeLessThan(10_000);
      const [replacement, previous] = await Promise.all(
        [body.id, body.previous.id].map((id) =>
          db.accessToken.findUniqueOrThrow({ where: { id }, select: { hash: true, organizationId: true, createdById: true, rolledToId: true } }),
        ),
      );
      expect(replacement?.hash).toBe(hashKey(body.token));
      // Same organization and creator: a token cannot move itself elsewhere or outlive its creator.
      expect(replacement).toMatchObject({ organizationId: previous?.organizationId, createdById: previous?.createdById, rolledToId: null });
      expect(previous?.rolledToId).toBe(body.id);
      // The new token works at once, in the header of its type.
      const header = body.type === "API_KEY" ? "api-key" : "bearer";
      expect((await call("GET", "/api/v1/projects", { token: body.token, header })).status).not.toBe(401);
    },
  },
];

type Expectation =
  | { status: 401; message: RegExp }
  | { status: 403 }
  | { status: "ok" }
  | { status: "foreign" };

interface Cell {
  name: (endpoint: Endpoint) => string;
  expect: Expectation;
  /** The credential, and how it is presented, for this endpoint. */
  credential(endpoint: Endpoint): { token?: string; header?: "bearer" | "api-key"; tokenId?: string };
}

const tokens = {} as {
  star: InsertedToken;
  starBearer: InsertedToken;
  revoked: InsertedToken;
  expired: InsertedToken;
  unrelated: InsertedToken;
  allBut: Map<ResourceScope, InsertedToken>;
  only: Map<ResourceScope, InsertedToken>;
  otherOrg: InsertedToken;
  publishableKey: string;
  secretKey: string;
};

/** A real token with its last character changed: same shape, checksum no longer matches. */
function withBadChecksum(token: string): string {
  const last = token.at(-1);
  return token.slice(0, -1) + (last === "A" ? "B" : "A");
}

const CELLS: Cell[] = [
  {
    name: () => "no credential → 401",
    expect: { status: 401, message: /Authentication required/ },
    credential: () => ({}),
  },
  {
    name: () => "malformed token (bad checksum) → 401",
    expect: { status: 401, message: /malformed/ },
    credential: () => ({ token: withBadChecksum(tokens.starBearer.token) }),
  },
  {
    name: () => "unknown well-formed at_ token → 401",
    expect: { status: 401, message: /not valid/ },
    credential: () => ({ token: generateKey("access_token") }),
  },
  {
    name: () => "revoked token → 401",
    expect: { status: 401, message: /revoked/ },
    credential: () => ({ token: tokens.revoked.token }),
  },
  {
    name: () => "expired token → 401",
    expect: { status: 401, message: /expired/ },
    credential: () => ({ token: tokens.expired.token }),
  },
  {
    name: () => "BEARER_TOKEN sent in X-API-Key → 401",
    expect: { status: 401, message: /wrong header/ },
    credential: () => ({ token: tokens.starBearer.token, header: "api-key" }),
  },
  {
    name: () => "API_KEY token sent as Authorization: Bearer → 401",
    expect: { status: 401, message: /wrong header/ },
    credential: () => ({ token: tokens.star.token, header: "bearer" }),
  },
  {
    name: () => "publishable environment key (pk_) → 401",
    expect: { status: 401, message: /Environment keys/ },
    credential: () => ({ token: tokens.publishableKey }),
  },
  {
    name: () => "secret environment key (sk_) in X-API-Key → 401",
    expect: { status: 401, message: /Environment keys/ },
    credential: () => ({ token: tokens.secretKey, header: "api-key" }),
  },
  {
    name: (endpoint) => `every scope but ${endpoint.scope} → 403`,
    expect: { status: 403 },
    credential: (endpoint) => tokenCredential(tokens.allBut.get(endpoint.scope)),
  },
  {
    name: () => "only an unrelated scope (dashboard:read) → 403",
    expect: { status: 403 },
    credential: () => tokenCredential(tokens.unrelated),
  },
  {
    name: (endpoint) => `${endpoint.scope} alone → ${endpoint.ok}`,
    expect: { status: "ok" },
    credential: (endpoint) => tokenCredential(tokens.only.get(endpoint.scope)),
  },
  {
    name: (endpoint) => `*:* (API_KEY token in X-API-Key) → ${endpoint.ok}`,
    expect: { status: "ok" },
    credential: () => ({ ...tokenCredential(tokens.star), header: "api-key" }),
  },
  {
    name: (endpoint) =>
      ["projects", "tokenSelf", "tokenRoll"].includes(endpoint.url)
        ? "another organization's *:* token → only its own organization"
        : "another organization's *:* token → 404, as for an id that does not exist",
    expect: { status: "foreign" },
    credential: () => tokenCredential(tokens.otherOrg),
  },
];

function tokenCredential(token: InsertedToken | undefined) {
  if (!token) throw new Error("Test setup: no token for this cell");
  return { token: token.token, tokenId: token.id };
}

/** Audit events written since `before` (ids of the events that existed then). */
async function auditEventsSince(before: Set<string>) {
  const events = await db.auditEvent.findMany({
    select: { id: true, organizationId: true, action: true, actorType: true, actorTokenId: true, actorUserId: true, ip: true, userAgent: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return events.filter((event) => !before.has(event.id));
}

async function auditIds(): Promise<Set<string>> {
  return new Set((await db.auditEvent.findMany({ select: { id: true } })).map((event) => event.id));
}

/** Ids no organization has: a project, and a key id and a role id of the right shape. */
function nonexistent(): Pick<Fixture, "projectId" | "environment" | "keyId" | "roleId"> {
  return { projectId: newProjectPublicId(), environment: "dev", keyId: `c${"0".repeat(24)}`, roleId: `c${"0".repeat(24)}` };
}

let shared: Fixture;
let cellsRun = 0;

beforeAll(async () => {
  owner = await signUp({ name: "Matrix Owner" });
  other = await signUp({ name: "Other Owner" });
  const organizationId = owner.ctx.organizationId;
  const distinctScopes = [...new Set(ENDPOINTS.map((endpoint) => endpoint.scope))];

  // Two through the real DAL (createAccessToken, revokeAccessToken); the rest inserted, since
  // the DAL creates at most 30 tokens per organization per minute.
  const created = await createAccessToken(owner.ctx, { name: "matrix bearer", type: "BEARER_TOKEN", scopes: ["*:*"], expiresAt: null });
  tokens.starBearer = { id: created.token.id, token: created.plaintext };
  const toRevoke = await createAccessToken(owner.ctx, { name: "matrix revoked", type: "BEARER_TOKEN", scopes: ["*:*"], expiresAt: null });
  await revokeAccessToken(owner.ctx, toRevoke.token.id);
  tokens.revoked = { id: toRevoke.token.id, token: toRevoke.plaintext };

  tokens.star = await insertAccessToken({ organizationId, scopes: ["*:*"], type: "API_KEY" });
  tokens.expired = await insertAccessToken({ organizationId, scopes: ["*:*"] });
  await db.accessToken.update({ where: { id: tokens.expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  tokens.unrelated = await insertAccessToken({ organizationId, scopes: ["dashboard:read"] });
  tokens.allBut = new Map();
  tokens.only = new Map();
  for (const scope of distinctScopes) {
    tokens.allBut.set(scope, await insertAccessToken({ organizationId, scopes: RESOURCE_SCOPES.filter((s) => s !== scope) as Scope[] }));
    tokens.only.set(scope, await insertAccessToken({ organizationId, scopes: [scope] }));
  }
  tokens.otherOrg = await insertAccessToken({ organizationId: other.ctx.organizationId, scopes: ["*:*"] });

  shared = await createFixture(owner.ctx);
  tokens.secretKey = shared.key;
  tokens.publishableKey = (
    await insertApiKey({ organizationId, projectId: shared.projectRowId, environmentId: shared.environmentRowId, kind: "publishable" })
  ).key;
});

afterAll(() => {
  console.log(`scope matrix: ${cellsRun} cells`);
});

it("the matrix covers every handler every route file exports", () => {
  const exported = API_ROUTES.flatMap((route) =>
    (["GET", "POST", "PUT", "PATCH", "DELETE"] as const).filter((method) => route.module[method]).map((method) => `${method} ${route.pattern}`),
  );
  const covered = ENDPOINTS.map((endpoint) => {
    const path = pathsOf({ projectId: ":projectId", environment: ":environment", keyId: ":keyId", roleId: ":roleId" })[endpoint.url];
    return `${endpoint.method} ${decodeURIComponent(path)}`;
  });
  expect(covered.sort()).toEqual(exported.sort());
  expect(ENDPOINTS).toHaveLength(23);
});

for (const endpoint of ENDPOINTS) {
  describe(`${endpoint.method} ${endpoint.url} (${endpoint.scope})`, () => {
    for (const cell of CELLS) {
      it(cell.name(endpoint), async () => {
        cellsRun += 1;
        const fixture = endpoint.audit ? await createFixture(owner.ctx) : shared;
        const { tokenId, ...credential } = cell.credential(endpoint);
        const sent = endpoint.body?.(fixture);
        const path = pathsOf(fixture)[endpoint.url];
        const before = await stateFingerprint();
        const beforeAudit = endpoint.audit && cell.expect.status === "ok" ? await auditIds() : new Set<string>();

        const response = await call(endpoint.method, path, { ...credential, body: sent });
        expect(response.routed).toBe(true);

        switch (cell.expect.status) {
          case 401: {
            expect(response.status).toBe(401);
            const error = errorOf(response);
            expect(error.code).toBe("UNAUTHENTICATED");
            expect(error.message).toMatch(cell.expect.message);
            expect(response.headers.get("www-authenticate")).toBe('Bearer realm="keyward"');
            expect(await stateFingerprint()).toEqual(before);
            break;
          }
          case 403: {
            expect(response.status).toBe(403);
            expect(errorOf(response)).toMatchObject({ code: "INSUFFICIENT_SCOPE", details: { requiredScope: endpoint.scope } });
            expect(await stateFingerprint()).toEqual(before);
            break;
          }
          case "ok": {
            expect(response.status, JSON.stringify(response.body)).toBe(endpoint.ok);
            expect(response.headers.get("cache-control")).toBe("no-store");
            await endpoint.verify({ response, fixture, sent });
            if (endpoint.audit) {
              const events = await auditEventsSince(beforeAudit);
              expect(events).toEqual(
                [endpoint.audit].flat().map((action) => ({
                  id: expect.any(String),
                  organizationId: owner.ctx.organizationId,
                  action,
                  actorType: "access_token",
                  actorTokenId: tokenId,
                  actorUserId: null,
                  ip: "198.51.100.7",
                  userAgent: "vitest/api-client",
                })),
              );
            } else {
              expect(await stateFingerprint()).toEqual(before);
            }
            break;
          }
          case "foreign": {
            if (endpoint.url === "tokenSelf") {
              // No ids to point at: the other organization's token sees only itself.
              expect(response.status).toBe(endpoint.ok);
              expect((response.body as { id: string }).id).toBe(tokens.otherOrg.id);
              break;
            }
            if (endpoint.url === "tokenRoll") {
              // No ids to point at: the other organization's token can roll only itself.
              expect(response.status).toBe(endpoint.ok);
              const body = response.body as { id: string; previous: { id: string } };
              expect(body.previous.id).toBe(tokens.otherOrg.id);
              const replacement = await db.accessToken.findUniqueOrThrow({ where: { id: body.id }, select: { organizationId: true } });
              expect(replacement.organizationId).toBe(other.ctx.organizationId);
              break;
            }
            if (endpoint.url === "projects") {
              // No ids to point at: the other organization's token sees and creates only its own.
              expect(response.status).toBe(endpoint.ok);
              const theirs = await projectIdsOf(other.ctx.organizationId);
              const ids =
                endpoint.method === "GET"
                  ? (response.body as { data: Array<{ id: string }> }).data.map((project) => project.id)
                  : [(response.body as { id: string }).id];
              expect(ids.length).toBeGreaterThan(0);
              for (const id of ids) expect(theirs.has(id)).toBe(true);
              break;
            }
            expect(response.status).toBe(404);
            expect(errorOf(response).code).toBe("NOT_FOUND");
            expect(await stateFingerprint()).toEqual(before);
            const missing = await call(endpoint.method, pathsOf(nonexistent())[endpoint.url], { ...credential, body: endpoint.body?.(nonexistent()) });
            expect(missing.status).toBe(404);
            expect(response.body).toEqual(missing.body);
            expect([...response.headers.entries()]).toEqual([...missing.headers.entries()]);
            break;
          }
        }
      });
    }
  });
}

it("ran every cell of the matrix", () => {
  const expected = ENDPOINTS.length * CELLS.length;
  expect(expected).toBe(23 * 14);
  expect(cellsRun).toBe(expected);
});

describe("side effects beyond the matrix", () => {
  it("revoking a token in the DAL makes the very next call 401", async () => {
    const { token, plaintext } = await createAccessToken(owner.ctx, {
      name: "revoked mid-session",
      type: "BEARER_TOKEN",
      scopes: ["project:read"],
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    expect((await call("GET", "/api/v1/projects", { token: plaintext })).status).toBe(200);

    await revokeAccessToken(owner.ctx, token.id);

    const response = await call("GET", "/api/v1/projects", { token: plaintext });
    expect(response.status).toBe(401);
    expect(errorOf(response)).toMatchObject({ code: "UNAUTHENTICATED", message: expect.stringMatching(/revoked/) });
  });

  it("an error response leaves nothing behind (POST /projects with project:create alone)", async () => {
    const token = await insertAccessToken({ organizationId: owner.ctx.organizationId, scopes: ["project:create"] });
    const before = await stateFingerprint();
    const response = await call("POST", "/api/v1/projects", { token: token.token, body: { name: "Created or not" } });
    if (response.status >= 400) {
      expect(await stateFingerprint(), `answered ${response.status} ${JSON.stringify(response.body)}`).toEqual(before);
    } else {
      expect(response.status).toBe(201);
    }
  });

  it("a key created through the API verifies by its hash, and a deleted one is a tombstone", async () => {
    const fixture = await createFixture(owner.ctx);
    const created = await call("POST", pathsOf(fixture).keys, { token: tokens.starBearer.token, body: { name: "roundtrip", kind: "publishable" } });
    expect(created.status).toBe(201);
    const body = created.body as KeyBody;
    expect(parseKey(body.key ?? "")).toEqual({ ok: true, kind: "publishable", prefix: null });
    // Publishable keys are public by design: the DTO and the row carry them whole.
    expect(body.publishableKey).toBe(body.key);
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: body.id }, select: { hash: true, publicValue: true } });
    expect(row).toEqual({ hash: hashKey(body.key ?? ""), publicValue: body.key });

    const deleted = await call("DELETE", pathsOf({ ...fixture, keyId: body.id }).key, { token: tokens.starBearer.token });
    expect(deleted.status).toBe(204);
    const again = await call("DELETE", pathsOf({ ...fixture, keyId: body.id }).key, { token: tokens.starBearer.token });
    expect(again.status).toBe(404);
    expect(await db.auditEvent.count({ where: { targetId: body.id, action: "api_key.deleted" } })).toBe(1);
  });
});
