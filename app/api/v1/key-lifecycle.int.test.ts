import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as verifyRoute } from "@/app/api/v1/keys/verify/route";
import { db } from "@/lib/db";
import { parseKey } from "@/lib/keys/format";
import { call, createFixture, errorOf, insertAccessToken, pathsOf, stateFingerprint, type Fixture, type InsertedToken } from "@/test/api-client";
import { dataCall } from "@/test/data-client";
import { signUp, type TestAccount } from "@/test/factories";

// Keys with roles, context and a custom prefix, managed through the REST API and used at once on
// the data API (/v1): what a PATCH or a roll changes is what the very next request gets.

interface KeyBody {
  id: string;
  key: string;
  prefix: string | null;
  roles: Array<{ id: string; name: string }>;
  context: Record<string, unknown>;
  expiresAt: string | null;
  status: string;
  rolledToId: string | null;
  rolledFromId: string | null;
}

let owner: TestAccount;
let fixture: Fixture;
let token: InsertedToken;
/** Role ids: reads the context's customer's orders; writes orders of any customer. */
const roles = {} as { ownOrders: string; writer: string };

async function api(method: "GET" | "POST" | "PATCH" | "DELETE", path: string, body?: unknown) {
  return call(method, path, { token: token.token, body });
}

async function createRole(name: string, grants: unknown[]): Promise<string> {
  const response = await api("POST", pathsOf(fixture).roles, { name, grants });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return (response.body as { id: string }).id;
}

async function createKey(body: Record<string, unknown>): Promise<KeyBody> {
  const response = await api("POST", pathsOf(fixture).keys, { kind: "secret", ...body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as KeyBody;
}

/** The customerIds of the orders a key may read, sorted; or the failed status. */
async function visibleCustomers(key: string): Promise<string[] | number> {
  const response = await dataCall("GET", "/v1/data/orders?limit=100", { apiKey: key });
  if (response.status !== 200) return response.status;
  return (response.body as { data: Array<{ customerId: string }> }).data.map((row) => row.customerId).sort();
}

async function verify(caller: string, key: string): Promise<Record<string, unknown>> {
  const request = new NextRequest(new URL("/api/v1/keys/verify", "http://localhost"), {
    method: "POST",
    headers: { authorization: `Bearer ${caller}`, "content-type": "application/json", "x-forwarded-for": "198.51.100.10" },
    body: new TextEncoder().encode(JSON.stringify({ key })),
  });
  const response = await verifyRoute(request, { params: Promise.resolve(undefined) });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

beforeAll(async () => {
  owner = await signUp({ name: "Lifecycle Owner" });
  fixture = await createFixture(owner.ctx);
  token = await insertAccessToken({ organizationId: owner.ctx.organizationId, scopes: ["*:*"] });
  // The fixture's key has no roles: it makes the table and rows of three customers.
  expect((await dataCall("POST", "/v1/tables", { apiKey: fixture.key, body: { name: "orders" } })).status).toBe(201);
  for (const customerId of ["cus_1", "cus_1", "cus_2", "cus_3"]) {
    expect((await dataCall("POST", "/v1/data/orders", { apiKey: fixture.key, body: { customerId, total: 10 } })).status).toBe(201);
  }
  roles.ownOrders = await createRole("own orders", [
    { table: "orders", actions: ["read"], conditions: [{ field: "customerId", equals: { context: "customerId" } }] },
  ]);
  roles.writer = await createRole("order writer", [{ table: "orders", actions: ["read", "write"] }]);
});

describe("creating a key with a prefix, roles and context", () => {
  it("issues acme_sk_…, and the data API lets it read only its customer's orders", async () => {
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const key = await createKey({ name: "acme backend", prefix: "acme_", roleIds: [roles.ownOrders], context: { customerId: "cus_1" }, expiresAt });

    expect(key.key.startsWith("acme_sk_")).toBe(true);
    expect(parseKey(key.key)).toEqual({ ok: true, kind: "secret", prefix: "acme" });
    expect(key).toMatchObject({
      prefix: "acme",
      roles: [{ id: roles.ownOrders, name: "own orders" }],
      context: { customerId: "cus_1" },
      expiresAt,
      status: "active",
      rolledToId: null,
      rolledFromId: null,
    });
    const fetched = await api("GET", pathsOf({ ...fixture, keyId: key.id }).key);
    expect(fetched.body).toMatchObject({ prefix: "acme", roles: [{ id: roles.ownOrders }], context: { customerId: "cus_1" }, expiresAt });

    expect(await visibleCustomers(key.key)).toEqual(["cus_1", "cus_1"]);
    const write = await dataCall("POST", "/v1/data/orders", { apiKey: key.key, body: { customerId: "cus_1", total: 1 } });
    expect(write.status).toBe(403);
  });
});

describe("PATCH: the very next data-API call follows the new rights", () => {
  it("moves a key between roles, contexts and no roles at all", async () => {
    const key = await createKey({ name: "patched", roleIds: [roles.ownOrders], context: { customerId: "cus_2" } });
    const path = pathsOf({ ...fixture, keyId: key.id }).key;
    expect(await visibleCustomers(key.key)).toEqual(["cus_2"]);

    const newContext = await api("PATCH", path, { context: { customerId: "cus_3" } });
    expect(newContext.status).toBe(200);
    expect(await visibleCustomers(key.key)).toEqual(["cus_3"]);

    const writer = await api("PATCH", path, { roleIds: [roles.writer] });
    expect(writer.body).toMatchObject({ roles: [{ id: roles.writer, name: "order writer" }], context: { customerId: "cus_3" } });
    expect(await visibleCustomers(key.key)).toEqual(["cus_1", "cus_1", "cus_2", "cus_3"]);
    const written = await dataCall("POST", "/v1/data/orders", { apiKey: key.key, body: { customerId: "cus_9", total: 1 } });
    expect(written.status).toBe(201);
    // Roles cover rows only: table management stays with keys that have none.
    expect((await dataCall("POST", "/v1/tables", { apiKey: key.key, body: { name: "scratch" } })).status).toBe(403);

    const none = await api("PATCH", path, { roleIds: [] });
    expect(none.body).toMatchObject({ roles: [] });
    expect((await dataCall("POST", "/v1/tables", { apiKey: key.key, body: { name: "scratch" } })).status).toBe(201);
  });

  it("changing a role's grants changes its holders at once", async () => {
    const role = await createRole("narrowing", [{ table: "orders", actions: ["read"] }]);
    const key = await createKey({ name: "holder", roleIds: [role], context: { customerId: "cus_2" } });
    expect(await visibleCustomers(key.key)).toEqual(expect.arrayContaining(["cus_1", "cus_2", "cus_3"]));

    const patched = await api("PATCH", pathsOf({ ...fixture, roleId: role }).role, {
      grants: [{ table: "orders", actions: ["read"], conditions: [{ field: "customerId", equals: { context: "customerId" } }] }],
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: "narrowing", assignedCount: 1 });
    expect(await visibleCustomers(key.key)).toEqual(["cus_2"]);
  });

  it("expiresAt: null removes an expiry, and a new one is listed", async () => {
    const key = await createKey({ name: "expiring", expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    const path = pathsOf({ ...fixture, keyId: key.id }).key;
    expect((await api("PATCH", path, { expiresAt: null })).body).toMatchObject({ expiresAt: null, status: "active" });
    const later = new Date(Date.now() + 2 * 86_400_000).toISOString();
    expect((await api("PATCH", path, { expiresAt: later })).body).toMatchObject({ expiresAt: later });
    expect(await db.apiKey.findUniqueOrThrow({ where: { id: key.id }, select: { expiresAt: true } })).toEqual({ expiresAt: new Date(later) });
  });
});

describe("rolling a key", () => {
  it('with "1h" both keys work on /v1/data, and the new one inherits everything', async () => {
    const old = await createKey({ name: "rolled 1h", prefix: "acme", roleIds: [roles.ownOrders], context: { customerId: "cus_1" } });
    const response = await api("POST", pathsOf({ ...fixture, keyId: old.id }).keyRoll, { overlap: "1h" });
    expect(response.status).toBe(201);
    const rolled = response.body as KeyBody & { previous: KeyBody };

    expect(rolled.key.startsWith("acme_sk_")).toBe(true);
    expect(rolled.key).not.toBe(old.key);
    expect(rolled).toMatchObject({
      name: "rolled 1h",
      prefix: "acme",
      roles: [{ id: roles.ownOrders }],
      context: { customerId: "cus_1" },
      rolledFromId: old.id,
      previous: { id: old.id, rolledToId: rolled.id, status: "active" },
    });
    expect(Date.parse(rolled.previous.expiresAt ?? "")).toBeGreaterThan(Date.now() + 59 * 60_000);
    expect(await visibleCustomers(old.key)).toEqual(["cus_1", "cus_1"]);
    expect(await visibleCustomers(rolled.key)).toEqual(["cus_1", "cus_1"]);

    // Rolled once: roll the replacement instead.
    const again = await api("POST", pathsOf({ ...fixture, keyId: old.id }).keyRoll, { overlap: "1h" });
    expect(again.status).toBe(409);
  });

  it('with "now" the old key is refused on the very next call', async () => {
    const old = await createKey({ name: "rolled now" });
    expect(await visibleCustomers(old.key)).toEqual(expect.arrayContaining(["cus_1"]));
    const response = await api("POST", pathsOf({ ...fixture, keyId: old.id }).keyRoll, { overlap: "now" });
    expect(response.status).toBe(201);
    const rolled = response.body as KeyBody & { previous: KeyBody };
    expect(rolled.previous.status).toBe("expired");

    expect(await visibleCustomers(old.key)).toBe(401);
    expect(await visibleCustomers(rolled.key)).toEqual(expect.arrayContaining(["cus_1"]));
    // Expired keys stay listed (as expired), pointing at their replacement.
    const listed = await api("GET", pathsOf({ ...fixture, keyId: old.id }).key);
    expect(listed.body).toMatchObject({ status: "expired", rolledToId: rolled.id });
  });
});

describe("verification hands the caller what to enforce", () => {
  it("answers roles, permissions and context for a key with roles (restricted)", async () => {
    const key = await createKey({ name: "verified", roleIds: [roles.ownOrders, roles.writer], context: { customerId: "cus_1", tier: 2 } });
    const answer = await verify(fixture.key, key.key);
    expect(answer).toMatchObject({
      valid: true,
      code: "VALID",
      keyId: key.id,
      restricted: true,
      context: { customerId: "cus_1", tier: 2 },
    });
    expect(answer.roles).toEqual(
      expect.arrayContaining([
        { id: roles.ownOrders, name: "own orders", projectId: fixture.projectId },
        { id: roles.writer, name: "order writer", projectId: fixture.projectId },
      ]),
    );
    expect(answer.permissions).toEqual(
      expect.arrayContaining([
        {
          projectId: fixture.projectId,
          roleId: roles.ownOrders,
          table: "orders",
          actions: ["read"],
          conditions: [{ field: "customerId", equals: { context: "customerId" } }],
        },
        { projectId: fixture.projectId, roleId: roles.writer, table: "orders", actions: ["read", "write"], conditions: [] },
      ]),
    );
    expect(answer.permissions).toHaveLength(2);
  });

  it("answers restricted: false, with no roles or permissions, for a key without roles", async () => {
    const answer = await verify(fixture.key, fixture.key);
    expect(answer).toMatchObject({ valid: true, restricted: false, roles: [], permissions: [], context: {} });
  });

  it("names each permission's project for an access token with roles", async () => {
    const withRoles = await insertAccessToken({ organizationId: owner.ctx.organizationId, scopes: ["table:data:read"] });
    await db.accessTokenRole.create({ data: { accessTokenId: withRoles.id, roleId: roles.ownOrders } });
    await db.accessToken.update({ where: { id: withRoles.id }, data: { context: { customerId: "cus_3" } } });
    const answer = await verify(token.token, withRoles.token);
    expect(answer).toMatchObject({
      valid: true,
      kind: "access_token",
      restricted: true,
      roles: [{ id: roles.ownOrders, name: "own orders", projectId: fixture.projectId }],
      permissions: [{ projectId: fixture.projectId, roleId: roles.ownOrders, table: "orders", actions: ["read"] }],
      context: { customerId: "cus_3" },
    });
  });
});

describe("roles across organizations and assignments", () => {
  it("another organization's token gets 404 on every role endpoint, and changes nothing", async () => {
    const stranger = await signUp({ name: "Role Stranger" });
    const theirs = await insertAccessToken({ organizationId: stranger.ctx.organizationId, scopes: ["*:*"] });
    const own = await createFixture(stranger.ctx);
    const paths = pathsOf({ ...fixture, roleId: roles.ownOrders });
    const before = await stateFingerprint();
    for (const [method, path, body] of [
      ["GET", paths.roles, undefined],
      ["POST", paths.roles, { name: "intruder", grants: [{ table: "*", actions: ["read"] }] }],
      ["GET", paths.role, undefined],
      ["PATCH", paths.role, { grants: [{ table: "*", actions: ["read", "write", "update", "delete"] }] }],
      ["DELETE", paths.role, undefined],
    ] as const) {
      const response = await call(method, path, { token: theirs.token, body });
      expect({ method, path, status: response.status, code: errorOf(response).code }).toEqual({ method, path, status: 404, code: "NOT_FOUND" });
    }
    // Nor can they hand org A's role to their own key.
    const borrowed = await call("PATCH", pathsOf(own).key, { token: theirs.token, body: { roleIds: [roles.ownOrders] } });
    expect(borrowed.status).toBe(400);
    expect(await stateFingerprint()).toEqual(before);
  });

  it("a role held by a key cannot be deleted (409, saying so) until the key lets go of it", async () => {
    const role = await createRole("held", [{ table: "orders", actions: ["read"] }]);
    const key = await createKey({ name: "holding", roleIds: [role] });
    const refused = await api("DELETE", pathsOf({ ...fixture, roleId: role }).role);
    expect(refused.status).toBe(409);
    expect(errorOf(refused)).toMatchObject({ code: "CONFLICT", message: "held is held by 1 key or token. Remove it from them first." });

    expect((await api("PATCH", pathsOf({ ...fixture, keyId: key.id }).key, { roleIds: [] })).status).toBe(200);
    expect((await api("DELETE", pathsOf({ ...fixture, roleId: role }).role)).status).toBe(204);
    expect((await api("GET", pathsOf({ ...fixture, roleId: role }).role)).status).toBe(404);
  });
});
