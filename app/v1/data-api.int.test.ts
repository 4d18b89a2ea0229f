import { beforeAll, describe, expect, it } from "vitest";
import { flushUsage } from "@/lib/credentials/usage";
import { deleteApiKey } from "@/lib/dal/api-keys";
import { createProject } from "@/lib/dal/projects";
import { db } from "@/lib/db";
import { insertAccessToken, insertApiKey } from "@/test/api-client";
import { codeOf, dataCall, type DataResponse } from "@/test/data-client";
import { signUp, type TestAccount } from "@/test/factories";

interface Env {
  projectRowId: string;
  projectPublicId: string;
  dev: string;
  prod: string;
}

let owner: TestAccount;
let stranger: TestAccount;
let main: Env;
let other: Env;
let devSecret: string;
let prodSecret: string;

async function envOf(projectRowId: string): Promise<Env> {
  const project = await db.project.findUniqueOrThrow({ where: { id: projectRowId }, select: { publicId: true } });
  const dev = await db.environment.findFirstOrThrow({ where: { projectId: projectRowId, slug: "dev" }, select: { id: true } });
  const prod = await db.environment.findFirstOrThrow({ where: { projectId: projectRowId, slug: "prod" }, select: { id: true } });
  return { projectRowId, projectPublicId: project.publicId, dev: dev.id, prod: prod.id };
}

async function key(env: Env, which: "dev" | "prod", kind: "secret" | "publishable" = "secret") {
  return insertApiKey({ organizationId: owner.ctx.organizationId, projectId: env.projectRowId, environmentId: env[which], kind });
}

function json<T = Record<string, unknown>>(response: DataResponse): T {
  return response.body as T;
}

async function rowCount(): Promise<number> {
  return db.dataRow.count();
}

beforeAll(async () => {
  owner = await signUp();
  stranger = await signUp();
  const first = await db.project.findFirstOrThrow({ where: { organizationId: owner.ctx.organizationId }, select: { id: true } });
  main = await envOf(first.id);
  other = await envOf((await createProject(owner.ctx, "Other project")).id);
  devSecret = (await key(main, "dev")).key;
  prodSecret = (await key(main, "prod")).key;
  for (const [secret, name] of [
    [devSecret, "posts"],
    [prodSecret, "posts"],
  ] as const) {
    const created = await dataCall("POST", "/v1/tables", { apiKey: secret, body: { name } });
    expect(created.status).toBe(201);
  }
});

describe("who may call what (state table)", () => {
  type Case = { name: string; setup: () => Promise<{ apiKey?: string; bearer?: string; headers?: Record<string, string> }>; expect: [number, number, number] };
  const cases: Case[] = [
    { name: "valid publishable key", setup: async () => ({ apiKey: (await key(main, "dev", "publishable")).key }), expect: [200, 403, 403] },
    { name: "valid secret key", setup: async () => ({ apiKey: (await key(main, "dev")).key }), expect: [200, 201, 200] },
    {
      name: "deleted key",
      setup: async () => {
        const k = await key(main, "dev");
        await db.apiKey.update({ where: { id: k.id }, data: { deletedAt: new Date() } });
        return { apiKey: k.key };
      },
      expect: [401, 401, 401],
    },
    {
      name: "expired key",
      setup: async () => {
        const k = await key(main, "dev");
        await db.apiKey.update({ where: { id: k.id }, data: { expiresAt: new Date(Date.now() - 60_000) } });
        return { apiKey: k.key };
      },
      expect: [401, 401, 401],
    },
    {
      name: "key of another environment (prod key, X-Environment: dev)",
      setup: async () => ({ apiKey: (await key(main, "prod")).key, headers: { "x-environment": "dev" } }),
      expect: [403, 403, 403],
    },
    {
      name: "key of another project naming this project",
      setup: async () => ({ apiKey: (await key(other, "dev")).key, headers: { "x-project-id": main.projectPublicId } }),
      expect: [403, 403, 403],
    },
    {
      name: "malformed checksum",
      setup: async () => {
        const k = (await key(main, "dev")).key;
        const i = Math.floor(k.length / 2);
        return { apiKey: k.slice(0, i) + (k[i] === "a" ? "b" : "a") + k.slice(i + 1) };
      },
      expect: [401, 401, 401],
    },
    {
      name: "token missing a scope",
      setup: async () => ({
        bearer: (await insertAccessToken({ organizationId: owner.ctx.organizationId, scopes: ["table:read"] })).token,
        headers: { "x-project-id": main.projectPublicId, "x-environment": "dev" },
      }),
      expect: [403, 403, 200],
    },
    {
      name: "token without X-Project-Id",
      setup: async () => ({
        bearer: (await insertAccessToken({ organizationId: owner.ctx.organizationId, scopes: ["*:*"] })).token,
        headers: { "x-environment": "dev" },
      }),
      expect: [400, 400, 400],
    },
    {
      name: "token of another organization naming this project",
      setup: async () => ({
        bearer: (await insertAccessToken({ organizationId: stranger.ctx.organizationId, scopes: ["*:*"] })).token,
        headers: { "x-project-id": main.projectPublicId, "x-environment": "dev" },
      }),
      expect: [404, 404, 404],
    },
    {
      name: "token with the right scopes",
      setup: async () => ({
        bearer: (
          await insertAccessToken({ organizationId: owner.ctx.organizationId, scopes: ["table:read", "table:data:read", "table:data:create"] })
        ).token,
        headers: { "x-project-id": main.projectPublicId, "x-environment": "dev" },
      }),
      expect: [200, 201, 200],
    },
  ];

  it.each(cases)("$name → $expect", async ({ setup, expect: [getData, postData, getTables] }) => {
    const credentials = await setup();
    const before = await rowCount();
    const a = await dataCall("GET", "/v1/data/posts", credentials);
    const b = await dataCall("POST", "/v1/data/posts", { ...credentials, body: { title: "state table" } });
    const c = await dataCall("GET", "/v1/tables", credentials);
    expect([a.status, b.status, c.status]).toEqual([getData, postData, getTables]);
    expect(await rowCount()).toBe(before + (postData === 201 ? 1 : 0));
    if (postData === 403 && getData === 200) expect(codeOf(b)).toBe("INSUFFICIENT_SCOPE");
  });
});

describe("isolation", () => {
  it("keeps environments and projects apart", async () => {
    const devRow = await dataCall("POST", "/v1/data/posts", { apiKey: devSecret, body: { title: "dev only", tag: "iso" } });
    const prodRow = await dataCall("POST", "/v1/data/posts", { apiKey: prodSecret, body: { title: "prod only", tag: "iso" } });
    expect([devRow.status, prodRow.status]).toEqual([201, 201]);
    const devId = json(devRow).id as string;
    const prodId = json(prodRow).id as string;

    const prodList = json<{ data: Array<{ id: string; title: string }> }>(await dataCall("GET", "/v1/data/posts?tag=iso", { apiKey: prodSecret }));
    expect(prodList.data.map((r) => r.id)).toEqual([prodId]);
    const devList = json<{ data: Array<{ id: string }> }>(await dataCall("GET", "/v1/data/posts?tag=iso", { apiKey: devSecret }));
    expect(devList.data.map((r) => r.id)).toEqual([devId]);

    // A row of another environment is not found, whatever the verb.
    expect((await dataCall("GET", `/v1/data/posts/${devId}`, { apiKey: prodSecret })).status).toBe(404);
    expect((await dataCall("PATCH", `/v1/data/posts/${devId}`, { apiKey: prodSecret, body: { title: "x" } })).status).toBe(404);
    expect((await dataCall("DELETE", `/v1/data/posts/${devId}`, { apiKey: prodSecret })).status).toBe(404);
    expect(json(await dataCall("GET", `/v1/data/posts/${devId}`, { apiKey: devSecret })).title).toBe("dev only");

    // Another project has no "posts" table at all.
    const otherKey = (await key(other, "dev")).key;
    const missing = await dataCall("GET", "/v1/data/posts", { apiKey: otherKey });
    expect(missing.status).toBe(404);
    expect(json<{ error: { message: string } }>(missing).error.message).toBe("Table posts not found.");
    expect((await dataCall("GET", `/v1/data/posts/${devId}`, { apiKey: otherKey })).status).toBe(404);
    expect(json<{ data: unknown[] }>(await dataCall("GET", "/v1/tables", { apiKey: otherKey })).data).toEqual([]);
    // Deleting "posts" elsewhere leaves ours alone.
    expect((await dataCall("DELETE", "/v1/tables/posts", { apiKey: otherKey })).status).toBe(404);
  });
});

describe("tables", () => {
  it("creates, lists with row counts, refuses duplicates and bad names, deletes with rows", async () => {
    const k = (await key(main, "dev")).key;
    expect((await dataCall("POST", "/v1/tables", { apiKey: k, body: { name: "scratch" } })).status).toBe(201);
    const dup = await dataCall("POST", "/v1/tables", { apiKey: k, body: { name: "scratch" } });
    expect([dup.status, codeOf(dup)]).toEqual([409, "CONFLICT"]);
    for (const name of ["Posts", "1abc", "a-b", "", "x".repeat(64)]) {
      expect((await dataCall("POST", "/v1/tables", { apiKey: k, body: { name } })).status).toBe(400);
    }
    expect((await dataCall("POST", "/v1/tables", { apiKey: k, body: { name: "ok", extra: 1 } })).status).toBe(400);
    await dataCall("POST", "/v1/data/scratch", { apiKey: k, body: { a: 1 } });
    await dataCall("POST", "/v1/data/scratch", { apiKey: k, body: { a: 2 } });
    const list = json<{ data: Array<{ name: string; rowCount: number }> }>(await dataCall("GET", "/v1/tables", { apiKey: k }));
    expect(list.data.find((t) => t.name === "scratch")?.rowCount).toBe(2);

    const table = await db.dataTable.findFirstOrThrow({ where: { environmentId: main.dev, name: "scratch" }, select: { id: true } });
    expect((await dataCall("DELETE", "/v1/tables/scratch", { apiKey: k })).status).toBe(204);
    expect(await db.dataRow.count({ where: { tableId: table.id } })).toBe(0);
    expect((await dataCall("GET", "/v1/data/scratch", { apiKey: k })).status).toBe(404);
    expect((await dataCall("DELETE", "/v1/tables/scratch", { apiKey: k })).status).toBe(404);
  });

  it("allows at most 100 tables per environment", async () => {
    const k = (await key(other, "prod")).key;
    await db.dataTable.createMany({
      data: Array.from({ length: 100 }, (_, i) => ({
        organizationId: owner.ctx.organizationId,
        projectId: other.projectRowId,
        environmentId: other.prod,
        name: `t${i}`,
      })),
    });
    const refused = await dataCall("POST", "/v1/tables", { apiKey: k, body: { name: "one_more" } });
    expect([refused.status, codeOf(refused)]).toEqual([409, "CONFLICT"]);
    expect(await db.dataTable.count({ where: { environmentId: other.prod } })).toBe(100);
    expect(json<{ data: unknown[] }>(await dataCall("GET", "/v1/tables", { apiKey: k })).data).toHaveLength(100);
  });
});

describe("rows", () => {
  it("round-trips create, get, patch (merge, null removes) and delete", async () => {
    const k = (await key(main, "dev")).key;
    const created = await dataCall("POST", "/v1/data/posts", { apiKey: k, body: { title: "Hello", status: "draft", meta: { a: 1 } } });
    expect(created.status).toBe(201);
    const row = json(created);
    expect(row).toMatchObject({ title: "Hello", status: "draft", meta: { a: 1 } });
    expect(typeof row.id).toBe("string");
    expect(new Date(row.createdAt as string).toISOString()).toBe(row.createdAt);

    const got = await dataCall("GET", `/v1/data/posts/${row.id as string}`, { apiKey: k });
    expect(json(got)).toEqual(row);

    const patched = await dataCall("PATCH", `/v1/data/posts/${row.id as string}`, { apiKey: k, body: { status: "published", meta: null, views: 3 } });
    expect(patched.status).toBe(200);
    expect(json(patched)).toEqual({ id: row.id, title: "Hello", status: "published", views: 3, createdAt: row.createdAt, updatedAt: json(patched).updatedAt });

    expect((await dataCall("DELETE", `/v1/data/posts/${row.id as string}`, { apiKey: k })).status).toBe(204);
    expect((await dataCall("GET", `/v1/data/posts/${row.id as string}`, { apiKey: k })).status).toBe(404);
    expect((await dataCall("DELETE", `/v1/data/posts/${row.id as string}`, { apiKey: k })).status).toBe(404);
  });

  it("filters on equality and sorts by numbers and strings", async () => {
    const k = (await key(main, "dev")).key;
    expect((await dataCall("POST", "/v1/tables", { apiKey: k, body: { name: "articles" } })).status).toBe(201);
    const items = [
      { slug: "delta", n: 10, status: "published" },
      { slug: "alpha", n: 2, status: "draft" },
      { slug: "charlie", n: -1.5, status: "published" },
      { slug: "bravo", n: 100, status: "published" },
      { slug: "echo", status: "published" },
    ];
    for (const item of items) expect((await dataCall("POST", "/v1/data/articles", { apiKey: k, body: item })).status).toBe(201);

    const list = async (query: string) => {
      const response = await dataCall("GET", `/v1/data/articles${query}`, { apiKey: k });
      expect(response.status).toBe(200);
      return json<{ data: Array<Record<string, unknown>>; nextCursor: string | null }>(response);
    };
    expect((await list("?status=published&sort=slug")).data.map((r) => r.slug)).toEqual(["bravo", "charlie", "delta", "echo"]);
    expect((await list("?status=draft")).data.map((r) => r.slug)).toEqual(["alpha"]);
    expect((await list("?n=10")).data.map((r) => r.slug)).toEqual(["delta"]);
    expect((await list("?status=nope")).data).toEqual([]);
    // Numbers sort as numbers (not as text); a missing field sorts as null, first ascending.
    expect((await list("?sort=n&order=asc")).data.map((r) => r.slug)).toEqual(["echo", "charlie", "alpha", "delta", "bravo"]);
    expect((await list("?sort=n&order=desc")).data.map((r) => r.slug)).toEqual(["bravo", "delta", "alpha", "charlie", "echo"]);
    expect((await list("?sort=slug&order=desc")).data.map((r) => r.slug)).toEqual(["echo", "delta", "charlie", "bravo", "alpha"]);
    // Default: newest first.
    expect((await list("")).data.map((r) => r.slug)).toEqual(["echo", "bravo", "charlie", "alpha", "delta"]);
    // Paging a field sort with a cursor.
    const first = await list("?sort=n&order=asc&limit=2");
    expect(first.data.map((r) => r.slug)).toEqual(["echo", "charlie"]);
    const second = await list(`?sort=n&order=asc&limit=2&cursor=${first.nextCursor ?? ""}`);
    expect(second.data.map((r) => r.slug)).toEqual(["alpha", "delta"]);
    const third = await list(`?sort=n&order=asc&limit=2&cursor=${second.nextCursor ?? ""}`);
    expect(third.data.map((r) => r.slug)).toEqual(["bravo"]);
    expect(third.nextCursor).toBeNull();
    // A cursor of another sort is refused.
    expect((await dataCall("GET", `/v1/data/articles?sort=slug&cursor=${first.nextCursor ?? ""}`, { apiKey: k })).status).toBe(400);
  });

  it("pages through 45 rows with a cursor without duplicates, in every sort", async () => {
    const k = (await key(main, "dev")).key;
    expect((await dataCall("POST", "/v1/tables", { apiKey: k, body: { name: "many" } })).status).toBe(201);
    const table = await db.dataTable.findFirstOrThrow({ where: { environmentId: main.dev, name: "many" }, select: { id: true } });
    const base = Date.now() - 100_000;
    // Several rows share a timestamp and a sort value: the id breaks the ties.
    await db.dataRow.createMany({
      data: Array.from({ length: 45 }, (_, i) => ({
        tableId: table.id,
        data: { i, bucket: i % 4, name: `n${String(i % 7).padStart(2, "0")}` },
        createdAt: new Date(base + Math.floor(i / 3) * 1000),
      })),
    });
    for (const query of ["limit=10", "limit=7&sort=bucket", "limit=8&sort=bucket&order=desc", "limit=6&sort=name", "limit=9&order=asc", "limit=11&sort=updatedAt", "limit=5&sort=updatedAt&order=asc"]) {
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const response = await dataCall("GET", `/v1/data/many?${query}${cursor ? `&cursor=${cursor}` : ""}`, { apiKey: k });
        expect(response.status).toBe(200);
        const page = json<{ data: Array<{ i: number }>; nextCursor: string | null }>(response);
        seen.push(...page.data.map((r) => r.i));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor && pages < 50);
      expect(seen.length, query).toBe(45);
      expect(new Set(seen).size, query).toBe(45);
    }
  });
});

describe("bad input", () => {
  it("answers 4xx, never 5xx, and changes nothing", async () => {
    const k = (await key(main, "dev")).key;
    const before = await rowCount();
    const tablesBefore = await db.dataTable.count();
    const cases: Array<[string, DataResponse]> = [
      ["malformed JSON", await dataCall("POST", "/v1/data/posts", { apiKey: k, rawBody: "{nope" })],
      ["array body", await dataCall("POST", "/v1/data/posts", { apiKey: k, body: [1, 2] })],
      ["string body", await dataCall("POST", "/v1/data/posts", { apiKey: k, body: "x" })],
      ["null body", await dataCall("POST", "/v1/data/posts", { apiKey: k, body: null })],
      ["reserved key id", await dataCall("POST", "/v1/data/posts", { apiKey: k, body: { id: "x", a: 1 } })],
      ["reserved key createdAt", await dataCall("POST", "/v1/data/posts", { apiKey: k, body: { createdAt: "2020-01-01" } })],
      ["bad field name", await dataCall("POST", "/v1/data/posts", { apiKey: k, body: { "a-b": 1 } })],
      ["huge body", await dataCall("POST", "/v1/data/posts", { apiKey: k, body: { big: "x".repeat(70 * 1024) } })],
      ["not JSON content type", await dataCall("POST", "/v1/data/posts", { apiKey: k, rawBody: "{}", contentType: "text/plain" })],
      ["bad table name", await dataCall("POST", "/v1/data/Bad-Name", { apiKey: k, body: { a: 1 } })],
      ["unknown table", await dataCall("POST", "/v1/data/nope", { apiKey: k, body: { a: 1 } })],
      ["limit=0", await dataCall("GET", "/v1/data/posts?limit=0", { apiKey: k })],
      ["limit=101", await dataCall("GET", "/v1/data/posts?limit=101", { apiKey: k })],
      ["limit=abc", await dataCall("GET", "/v1/data/posts?limit=abc", { apiKey: k })],
      ["bad cursor", await dataCall("GET", "/v1/data/posts?cursor=zzz", { apiKey: k })],
      ["bad order", await dataCall("GET", "/v1/data/posts?order=up", { apiKey: k })],
      ["bad sort", await dataCall("GET", "/v1/data/posts?sort=a-b", { apiKey: k })],
      ["bad filter name", await dataCall("GET", "/v1/data/posts?a-b=1", { apiKey: k })],
      ["long filter value", await dataCall("GET", `/v1/data/posts?a=${"x".repeat(257)}`, { apiKey: k })],
      ["too many filters", await dataCall("GET", `/v1/data/posts?${Array.from({ length: 11 }, (_, i) => `f${i}=1`).join("&")}`, { apiKey: k })],
      ["bad row id", await dataCall("GET", "/v1/data/posts/NOT_AN_ID!", { apiKey: k })],
      ["patch array", await dataCall("PATCH", "/v1/data/posts/abc123", { apiKey: k, body: [] })],
      ["patch reserved", await dataCall("PATCH", "/v1/data/posts/abc123", { apiKey: k, body: { updatedAt: 1 } })],
      ["bad table delete", await dataCall("DELETE", "/v1/tables/Bad!", { apiKey: k })],
    ];
    for (const [name, response] of cases) {
      expect(response.status >= 400 && response.status < 500, `${name}: ${response.status}`).toBe(true);
    }
    const statuses = Object.fromEntries(cases.map(([name, r]) => [name, r.status]));
    expect(statuses).toMatchObject({ "malformed JSON": 400, "array body": 400, "reserved key id": 400, "huge body": 413, "limit=0": 400, "limit=101": 400, "bad table name": 404 });
    expect(await rowCount()).toBe(before);
    expect(await db.dataTable.count()).toBe(tablesBefore);
  });

  it("refuses a key in the query string with 400", async () => {
    const response = await dataCall("GET", `/v1/data/posts?key=${devSecret}`, { apiKey: devSecret });
    expect(response.status).toBe(400);
    expect((await dataCall("GET", `/v1/tables?api_key=${devSecret}`)).status).toBe(400);
  });
});

describe("key lifecycle and usage", () => {
  it("refuses a deleted key on the very next request", async () => {
    const k = await key(main, "dev");
    expect((await dataCall("GET", "/v1/data/posts", { apiKey: k.key })).status).toBe(200);
    await deleteApiKey(owner.ctx, { keyId: k.id });
    expect((await dataCall("GET", "/v1/data/posts", { apiKey: k.key })).status).toBe(401);
  });

  it("records lastUsedAt and a request log row, with the error code of a refused request", async () => {
    const k = await key(main, "dev");
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: k.id } })).lastUsedAt).toBeNull();
    expect((await dataCall("GET", "/v1/data/posts?limit=5", { apiKey: k.key })).status).toBe(200);
    expect((await dataCall("POST", "/v1/data/nope", { apiKey: k.key, body: { a: 1 } })).status).toBe(404);
    await flushUsage();
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: k.id } })).lastUsedAt).toBeInstanceOf(Date);
    const logs = await db.requestLog.findMany({ where: { credentialId: k.id }, orderBy: { createdAt: "asc" } });
    expect(
      logs.map((l) => ({ method: l.method, path: l.path, status: l.status, code: l.code, environmentId: l.environmentId, credentialKind: l.credentialKind })),
    ).toEqual([
      { method: "GET", path: "/v1/data/posts", status: 200, code: null, environmentId: main.dev, credentialKind: "secret" },
      { method: "POST", path: "/v1/data/nope", status: 404, code: "NOT_FOUND", environmentId: main.dev, credentialKind: "secret" },
    ]);
  });
});
