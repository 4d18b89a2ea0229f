import { beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/dal/api-keys";
import { rowsQuery } from "@/lib/api/data-schemas";
import { deleteRow, listRows, rowPageCacheStats } from "@/lib/dal/data";
import { createKeyRole } from "@/lib/dal/key-roles";
import { db } from "@/lib/db";
import { resolveDatabaseTarget } from "@/lib/db/config";
import { dataCall } from "@/test/data-client";
import { signUp, type TestAccount } from "@/test/factories";

// The embedded database's page cache for GET /v1/data/{table} (lib/dal/data-cache.ts): served
// from memory on PGlite, never on a PostgreSQL server, and on both never older than the last
// write, whichever way that write was made. Reads go through the real route handler, except in
// the race test, which calls the data-access layer (the API's rate limit would refuse its pace).

const embedded = resolveDatabaseTarget().kind === "pglite";
let owner: TestAccount;
let secret: string;
let environmentId: string;

interface Page {
  data: Array<{ id: string; title?: string; owner?: string }>;
  nextCursor: string | null;
}

async function list(table = "posts", key = secret): Promise<Page> {
  const response = await dataCall("GET", `/v1/data/${table}`, { apiKey: key });
  expect(response.status).toBe(200);
  return response.body as Page;
}

async function titles(table = "posts"): Promise<Array<string | undefined>> {
  return (await list(table)).data.map((row) => row.title);
}

async function post(table: string, fields: Record<string, unknown>): Promise<string> {
  const response = await dataCall("POST", `/v1/data/${table}`, { apiKey: secret, body: fields });
  expect(response.status).toBe(201);
  return (response.body as { id: string }).id;
}

async function newTable(name: string): Promise<void> {
  expect((await dataCall("POST", "/v1/tables", { apiKey: secret, body: { name } })).status).toBe(201);
}

/** Until the subscription is set up nothing is cached; it is set up on the first read. */
async function cacheReady(): Promise<void> {
  await list();
  for (let i = 0; i < 100 && rowPageCacheStats().status === "starting"; i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

beforeAll(async () => {
  owner = await signUp();
  secret = (await createApiKey(owner.ctx, { projectSlug: owner.projectSlug, environment: "dev", kind: "secret", name: "cache" })).plaintext;
  await newTable("posts");
  const table = await db.dataTable.findFirstOrThrow({ where: { name: "posts", organizationId: owner.ctx.organizationId }, select: { environmentId: true } });
  environmentId = table.environmentId;
  await post("posts", { title: "first" });
  await cacheReady();
});

describe("the data page cache", () => {
  it(embedded ? "serves a repeated read from memory on the embedded database" : "is off on a PostgreSQL server", async () => {
    await list();
    const before = rowPageCacheStats();
    expect(await titles()).toEqual(["first"]);
    const after = rowPageCacheStats();
    if (embedded) {
      expect(after.status).toBe("on");
      expect(after.hits).toBe(before.hits + 1);
      expect(after.pages).toBeGreaterThan(0);
    } else {
      expect(after).toMatchObject({ status: "off", pages: 0, hits: 0 });
    }
  });

  it("shows a row created, updated or deleted through the API in the very next read", async () => {
    await newTable("api_writes");
    expect(await titles("api_writes")).toEqual([]);
    const id = await post("api_writes", { title: "created" });
    expect(await titles("api_writes")).toEqual(["created"]);
    expect((await dataCall("PATCH", `/v1/data/api_writes/${id}`, { apiKey: secret, body: { title: "updated" } })).status).toBe(200);
    expect(await titles("api_writes")).toEqual(["updated"]);
    expect((await dataCall("DELETE", `/v1/data/api_writes/${id}`, { apiKey: secret })).status).toBe(204);
    expect(await titles("api_writes")).toEqual([]);
  });

  it("shows changes made outside the data API (SQL, truncation) in the very next read", async () => {
    await newTable("sql_writes");
    await post("sql_writes", { title: "as written" });
    expect(await titles("sql_writes")).toEqual(["as written"]);
    await db.$executeRaw`UPDATE "DataRow" SET data = '{"title":"changed by SQL"}'::jsonb
      WHERE "tableId" = (SELECT id FROM "DataTable" WHERE "environmentId" = ${environmentId} AND name = 'sql_writes')`;
    expect(await titles("sql_writes")).toEqual(["changed by SQL"]);
    // A statement inside a transaction counts when the transaction commits.
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`UPDATE "DataRow" SET data = '{"title":"committed"}'::jsonb
        WHERE "tableId" = (SELECT id FROM "DataTable" WHERE "environmentId" = ${environmentId} AND name = 'sql_writes')`;
    });
    expect(await titles("sql_writes")).toEqual(["committed"]);
    await db.$executeRawUnsafe(`TRUNCATE "DataRow"`);
    expect(await titles("sql_writes")).toEqual([]);
    expect(await titles("posts")).toEqual([]);
    await post("posts", { title: "first" });
  });

  it("answers a table deleted and created again with its new, empty self", async () => {
    await newTable("recreated");
    await post("recreated", { title: "old" });
    expect(await titles("recreated")).toEqual(["old"]);
    expect((await dataCall("DELETE", "/v1/tables/recreated", { apiKey: secret })).status).toBe(204);
    expect((await dataCall("GET", "/v1/data/recreated", { apiKey: secret })).status).toBe(404);
    await newTable("recreated");
    expect(await titles("recreated")).toEqual([]);
  });

  it("never keeps a page read before a write that committed while it was on its way", async () => {
    await newTable("races");
    const context = { environmentId };
    const { id: tableId } = await db.dataTable.findFirstOrThrow({ where: { environmentId, name: "races" }, select: { id: true } });
    // Through the data-access layer and SQL: the API's per-key rate limit would refuse this many calls.
    const read = async () => (await listRows(context, "races", rowsQuery.parse({}))).rows.map((row) => row.id);
    // The write (one INSERT) starts after a varying number of microtask turns, so that across
    // iterations it commits at every point of the read's way: before its query, between its two
    // queries (an empty page also looks the table up), and after. Half the reads find the table
    // empty, half not. The read after both must see the write.
    for (let turns = 0; turns < 80; turns++) {
      const id = `race${turns}`;
      const write = async () => {
        for (let i = 0; i < turns % 40; i++) await Promise.resolve();
        await db.$executeRaw`INSERT INTO "DataRow" (id, "tableId", data, "updatedAt") VALUES (${id}, ${tableId}, '{}'::jsonb, now())`;
      };
      await Promise.all([read(), write()]);
      expect(await read()).toContain(id);
      if (turns < 40) await deleteRow(context, "races", id);
    }
  });

  it("gives a key with a row filter only its rows, even right after an unrestricted read of the same page", async () => {
    await newTable("owned");
    await post("owned", { title: "mine", owner: "alice" });
    await post("owned", { title: "theirs", owner: "bob" });
    expect((await list("owned")).data).toHaveLength(2);
    const role = await createKeyRole(owner.ctx, owner.projectSlug, {
      name: "alice only",
      description: "",
      grants: [{ table: "owned", actions: ["read"], conditions: [{ field: "owner", equals: { context: "owner" } }] }],
    });
    const alice = await createApiKey(owner.ctx, {
      projectSlug: owner.projectSlug,
      environment: "dev",
      kind: "secret",
      name: "alice",
      roleIds: [role.id],
      context: { owner: "alice" },
    });
    expect((await list("owned", alice.plaintext)).data.map((row) => row.title)).toEqual(["mine"]);
  });
});
