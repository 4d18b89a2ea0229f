import { beforeAll, describe, expect, it } from "vitest";
import type { Grant, KeyContext } from "@/lib/access/permissions";
import { createAccessToken } from "@/lib/dal/access-tokens";
import { createApiKey, updateApiKey } from "@/lib/dal/api-keys";
import { createKeyRole, updateKeyRole } from "@/lib/dal/key-roles";
import { createProject } from "@/lib/dal/projects";
import { db } from "@/lib/db";
import { codeOf, dataCall, type DataMethod } from "@/test/data-client";
import { signUp, type TestAccount } from "@/test/factories";

// Roles with row filters, enforced by the data API: operation × table × filter match/mismatch ×
// create/update of rows outside the filter, through the real /v1 route handlers. Every refused
// call is also checked to have changed nothing.

let owner: TestAccount;
let projectPublicId: string;
const keys: Record<string, string> = {};
const rows: Record<string, string> = {};
const roleIds: Record<string, string> = {};

async function role(name: string, grants: Grant[]): Promise<string> {
  const created = await createKeyRole(owner.ctx, owner.projectSlug, { name, description: "", grants });
  roleIds[name] = created.id;
  return created.id;
}

function roleId(name: string): string {
  const id = roleIds[name];
  if (!id) throw new Error(`No role ${name} in this test.`);
  return id;
}

async function secretKey(name: string, roles: string[], context: KeyContext = {}): Promise<string> {
  const { plaintext } = await createApiKey(owner.ctx, {
    projectSlug: owner.projectSlug,
    environment: "dev",
    kind: "secret",
    name,
    roleIds: roles.map((r) => roleIds[r] ?? r),
    context,
  });
  keys[name] = plaintext;
  return plaintext;
}

async function insertRow(table: string, fields: Record<string, unknown>): Promise<string> {
  const response = await dataCall("POST", `/v1/data/${table}`, { apiKey: keys.unrestricted, body: fields });
  expect(response.status).toBe(201);
  return (response.body as { id: string }).id;
}

/** Everything a refused call must leave as it was. */
async function fingerprint(): Promise<string> {
  const all = await db.dataRow.findMany({ select: { id: true, data: true }, orderBy: { id: "asc" } });
  const tables = await db.dataTable.findMany({ select: { name: true, environmentId: true }, orderBy: { name: "asc" } });
  return JSON.stringify({ all, tables });
}

beforeAll(async () => {
  owner = await signUp();
  projectPublicId = (await db.project.findFirstOrThrow({ where: { organizationId: owner.ctx.organizationId }, select: { publicId: true } })).publicId;
  await secretKey("unrestricted", []);
  for (const name of ["orders", "notes"]) {
    expect((await dataCall("POST", "/v1/tables", { apiKey: keys.unrestricted, body: { name } })).status).toBe(201);
  }
  rows.mine = await insertRow("orders", { customerId: "c1", status: "open", total: 10 });
  rows.mineClosed = await insertRow("orders", { customerId: "c1", status: "closed", total: 5 });
  rows.theirs = await insertRow("orders", { customerId: "c2", status: "open", total: 7 });
  rows.numeric = await insertRow("orders", { customerId: 42, status: "open" });
  rows.note = await insertRow("notes", { text: "hello", customerId: "c1" });

  await role("read-update-own", [{ table: "orders", actions: ["read", "update"], conditions: [{ field: "customerId", equals: { context: "customerId" } }] }]);
  await role("write-delete-own", [{ table: "orders", actions: ["write", "delete"], conditions: [{ field: "customerId", equals: { context: "customerId" } }] }]);
  await role("read-open", [{ table: "orders", actions: ["read"], conditions: [{ field: "status", equals: { value: "open" } }] }]);
  await role("read-all-tables", [{ table: "*", actions: ["read"], conditions: [] }]);
  await role("numeric-customer", [{ table: "orders", actions: ["read"], conditions: [{ field: "customerId", equals: { context: "customerId" } }] }]);

  await secretKey("reader", ["read-update-own"], { customerId: "c1" });
  await secretKey("writer", ["write-delete-own"], { customerId: "c1" });
  await secretKey("no-context", ["read-update-own"]);
  await secretKey("open-reader", ["read-open"]);
  await secretKey("wide-reader", ["read-all-tables"]);
  // Two roles: the union of what each grants.
  await secretKey("combined", ["read-update-own", "read-open"], { customerId: "c1" });
  await secretKey("numeric", ["numeric-customer"], { customerId: 42 });
});

type Expect = number | { status: number; ids?: string[] };

interface Case {
  key: string;
  method: DataMethod;
  /** `{name}` stands for the id of the row inserted under that name. */
  path: string;
  body?: Record<string, unknown>;
  expect: Expect;
}

const list = (table: string) => `/v1/data/${table}?limit=100`;
const row = (table: string, name: string) => `/v1/data/${table}/{${name}}`;
const resolvePath = (path: string) => path.replace(/\{(\w+)\}/g, (_, name: string) => rows[name] ?? name);

const CASES: Case[] = [
  // read-update-own, context customerId = c1
  { key: "reader", method: "GET", path: list("orders"), expect: { status: 200, ids: ["mine", "mineClosed"] } },
  { key: "reader", method: "GET", path: row("orders", "mine"), expect: 200 },
  { key: "reader", method: "GET", path: row("orders", "theirs"), expect: 404 },
  { key: "reader", method: "PATCH", path: row("orders", "mine"), body: { note: "seen" }, expect: 200 },
  { key: "reader", method: "PATCH", path: row("orders", "theirs"), body: { status: "paid" }, expect: 404 },
  { key: "reader", method: "PATCH", path: row("orders", "mine"), body: { customerId: "c2" }, expect: 403 },
  { key: "reader", method: "PATCH", path: row("orders", "mine"), body: { customerId: null }, expect: 403 },
  { key: "reader", method: "POST", path: list("orders"), body: { customerId: "c1" }, expect: 403 },
  { key: "reader", method: "DELETE", path: row("orders", "mine"), expect: 403 },
  { key: "reader", method: "GET", path: list("notes"), expect: 403 },
  { key: "reader", method: "GET", path: row("notes", "note"), expect: 403 },
  { key: "reader", method: "POST", path: "/v1/tables", body: { name: "mine" }, expect: 403 },
  { key: "reader", method: "DELETE", path: "/v1/tables/notes", expect: 403 },
  // write-delete-own: create only matching rows, delete only matching rows, no reads
  { key: "writer", method: "POST", path: list("orders"), body: { customerId: "c2", total: 1 }, expect: 403 },
  { key: "writer", method: "POST", path: list("orders"), body: { total: 1 }, expect: 403 },
  { key: "writer", method: "POST", path: list("orders"), body: { customerId: 1 }, expect: 403 },
  { key: "writer", method: "DELETE", path: row("orders", "theirs"), expect: 404 },
  { key: "writer", method: "GET", path: list("orders"), expect: 403 },
  { key: "writer", method: "PATCH", path: row("orders", "mine"), body: { total: 1 }, expect: 403 },
  { key: "writer", method: "POST", path: list("notes"), body: { customerId: "c1" }, expect: 403 },
  // A condition on a context value the key lacks admits no row: it never widens access.
  { key: "no-context", method: "GET", path: list("orders"), expect: { status: 200, ids: [] } },
  { key: "no-context", method: "GET", path: row("orders", "mine"), expect: 404 },
  { key: "no-context", method: "PATCH", path: row("orders", "mine"), body: { status: "x" }, expect: 404 },
  // A constant filter.
  { key: "open-reader", method: "GET", path: list("orders"), expect: { status: 200, ids: ["mine", "theirs", "numeric"] } },
  { key: "open-reader", method: "GET", path: row("orders", "mineClosed"), expect: 404 },
  { key: "open-reader", method: "GET", path: "/v1/data/orders?customerId=c2", expect: { status: 200, ids: ["theirs"] } },
  // Filters and sorts of the caller's own compose with the role's filter.
  { key: "open-reader", method: "GET", path: "/v1/data/orders?sort=total&order=asc", expect: { status: 200, ids: ["numeric", "theirs", "mine"] } },
  // "*" grants every table, without a filter.
  { key: "wide-reader", method: "GET", path: list("notes"), expect: { status: 200, ids: ["note"] } },
  { key: "wide-reader", method: "GET", path: row("orders", "theirs"), expect: 200 },
  { key: "wide-reader", method: "POST", path: list("notes"), body: { text: "x" }, expect: 403 },
  // Two roles: rows matching either filter.
  { key: "combined", method: "GET", path: list("orders"), expect: { status: 200, ids: ["mine", "mineClosed", "theirs", "numeric"] } },
  { key: "combined", method: "PATCH", path: row("orders", "theirs"), body: { status: "x" }, expect: 404 },
  // Typed context: the number 42 matches the number 42, not the string "42".
  { key: "numeric", method: "GET", path: list("orders"), expect: { status: 200, ids: ["numeric"] } },
  // No roles: a secret key's defaults.
  { key: "unrestricted", method: "GET", path: list("notes"), expect: { status: 200, ids: ["note"] } },
];

function describeCase(c: Case): string {
  return `${c.key}: ${c.method} ${c.path}${c.body ? ` ${JSON.stringify(c.body)}` : ""}`;
}

describe("roles with row filters, enforced by the data API", () => {
  for (const c of CASES) {
    it(describeCase(c), async () => {
      const before = await fingerprint();
      const response = await dataCall(c.method, resolvePath(c.path), { apiKey: keys[c.key], ...(c.body ? { body: c.body } : {}) });
      const expected = typeof c.expect === "number" ? { status: c.expect } : c.expect;
      expect(response.status, JSON.stringify(response.body)).toBe(expected.status);
      if (expected.status >= 400) {
        expect(codeOf(response)).toBe(expected.status === 403 ? "FORBIDDEN" : "NOT_FOUND");
        expect(await fingerprint()).toBe(before);
      }
      if (expected.ids) {
        const got = (response.body as { data: Array<{ id: string }> }).data.map((r) => r.id);
        const want = expected.ids.map((name) => rows[name]);
        // Sorted lists are compared in order; the default (newest first) as sets.
        if (c.path.includes("sort=")) expect(got).toEqual(want);
        else expect([...got].sort()).toEqual([...want].sort());
      }
    });
  }

  it("lets a writer create a matching row and delete it, and nothing else", async () => {
    const created = await dataCall("POST", "/v1/data/orders", { apiKey: keys.writer, body: { customerId: "c1", total: 3 } });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    expect((await dataCall("DELETE", `/v1/data/orders/${id}`, { apiKey: keys.writer })).status).toBe(204);
    expect(await db.dataRow.count({ where: { id } })).toBe(0);
  });

  it("refuses a restricted key's row-level 403 with a message naming the filter", async () => {
    const response = await dataCall("PATCH", `/v1/data/orders/${rows.mineClosed}`, { apiKey: keys.reader, body: { customerId: "c9" } });
    expect(response.status).toBe(403);
    expect((response.body as { error: { message: string } }).error.message).toContain('customerId = "c1"');
  });

  it("applies a role edit to the very next request", async () => {
    const key = await secretKey("edited", ["read-open"]);
    expect((await dataCall("GET", `/v1/data/orders/${rows.mineClosed}`, { apiKey: key })).status).toBe(404);
    await updateKeyRole(owner.ctx, owner.projectSlug, roleId("read-open"), {
      name: "read-open",
      description: "",
      grants: [{ table: "orders", actions: ["read"], conditions: [{ field: "status", equals: { value: "closed" } }] }],
    });
    expect((await dataCall("GET", `/v1/data/orders/${rows.mineClosed}`, { apiKey: key })).status).toBe(200);
    expect((await dataCall("GET", `/v1/data/orders/${rows.theirs}`, { apiKey: key })).status).toBe(404);
    await updateKeyRole(owner.ctx, owner.projectSlug, roleId("read-open"), {
      name: "read-open",
      description: "",
      grants: [{ table: "orders", actions: ["read"], conditions: [{ field: "status", equals: { value: "open" } }] }],
    });
  });

  it("applies a key's new roles and context to the very next request", async () => {
    const key = await secretKey("reassigned", ["read-update-own"], { customerId: "c1" });
    const { id } = await db.apiKey.findFirstOrThrow({ where: { name: "reassigned" }, select: { id: true } });
    expect((await dataCall("GET", `/v1/data/orders/${rows.theirs}`, { apiKey: key })).status).toBe(404);
    await updateApiKey(owner.ctx, { keyId: id, context: { customerId: "c2" } });
    expect((await dataCall("GET", `/v1/data/orders/${rows.theirs}`, { apiKey: key })).status).toBe(200);
    await updateApiKey(owner.ctx, { keyId: id, roleIds: [] });
    expect((await dataCall("GET", "/v1/data/notes", { apiKey: key })).status).toBe(200);
  });

  it("limits a token with roles to the projects of its roles", async () => {
    const { plaintext: token } = await createAccessToken(owner.ctx, {
      name: "restricted token",
      type: "API_KEY",
      scopes: ["*:*"],
      expiresAt: new Date(Date.now() + 86_400_000),
      roleIds: [roleId("read-update-own")],
      context: { customerId: "c2" },
    });
    const here = { "x-project-id": projectPublicId, "x-environment": "dev" };
    const mine = await dataCall("GET", "/v1/data/orders", { apiKey: token, headers: here });
    expect(mine.status).toBe(200);
    expect((mine.body as { data: Array<{ id: string }> }).data.map((r) => r.id)).toEqual([rows.theirs]);

    const other = await createProject(owner.ctx, "Elsewhere");
    const elsewhere = { "x-project-id": other.publicId, "x-environment": "dev" };
    // Its roles are all in another project: here it may do nothing with rows, not everything.
    const response = await dataCall("GET", "/v1/tables", { apiKey: token, headers: elsewhere });
    expect(response.status).toBe(200);
    expect((response.body as { data: unknown[] }).data).toEqual([]);
    expect((await dataCall("POST", "/v1/tables", { apiKey: token, headers: elsewhere, body: { name: "x" } })).status).toBe(403);
  });
});
