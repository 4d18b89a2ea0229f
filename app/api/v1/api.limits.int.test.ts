import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { call, createFixture, errorOf, insertAccessToken, pathsOf, type Fixture, type InsertedToken } from "@/test/api-client";
import { signUp, type TestAccount } from "@/test/factories";

// Paging through the lists by cursor, and the per-token request rate limit.

interface Page<Item> {
  data: Item[];
  nextCursor: string | null;
}

/** Every page of a list, following nextCursor from the first. */
async function allPages<Item>(url: string, token: string, limit: number): Promise<Array<Page<Item>>> {
  const pages: Array<Page<Item>> = [];
  let cursor: string | null = null;
  do {
    const query: string = `limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const response = await call("GET", `${url}${url.includes("?") ? "&" : "?"}${query}`, { token });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const page = response.body as Page<Item>;
    pages.push(page);
    cursor = page.nextCursor;
    if (pages.length > 100) throw new Error("Paging does not end");
  } while (cursor);
  return pages;
}

let owner: TestAccount;
let fixture: Fixture;
let token: InsertedToken;

beforeAll(async () => {
  owner = await signUp({ name: "Limits Owner" });
  fixture = await createFixture(owner.ctx);
  token = await insertAccessToken({ organizationId: owner.ctx.organizationId, scopes: ["*:*"] });
});

describe("paging", () => {
  it("45 keys created through the API come back in 3 pages of 20, newest first, each once", async () => {
    // prod: the fixture's one key is in dev, so this environment holds exactly these 45.
    const keys = pathsOf({ ...fixture, environment: "prod" }).keys;
    const created: string[] = [];
    for (let i = 1; i <= 45; i++) {
      const response = await call("POST", keys, { token: token.token, body: { name: `paged ${i}`, kind: i % 3 === 0 ? "publishable" : "secret" } });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      created.push((response.body as { id: string }).id);
    }

    const pages = await allPages<{ id: string; createdAt: string }>(keys, token.token, 20);
    expect(pages.map((page) => page.data.length)).toEqual([20, 20, 5]);
    expect(pages.map((page) => page.nextCursor === null)).toEqual([false, false, true]);
    const items = pages.flatMap((page) => page.data);
    const ids = items.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...created].reverse());
    const times = items.map((item) => Date.parse(item.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    // The kind filter pages the same way: 15 of the 45 are publishable, in 2 pages of 10.
    const publishable = await allPages<{ kind: string }>(`${keys}?kind=publishable`, token.token, 10);
    expect(publishable.map((page) => page.data.length)).toEqual([10, 5]);
    expect(publishable.flatMap((page) => page.data.map((key) => key.kind))).toEqual(Array(15).fill("publishable"));
  });

  it("every list yields each of its items exactly once when paged with a small limit", async () => {
    const paths = pathsOf(fixture);
    const lists: Array<{ url: string; expected: string[]; key: "id" | "slug"; limit: number }> = [
      {
        url: paths.projects,
        key: "id",
        limit: 1,
        expected: (await db.project.findMany({ where: { organizationId: owner.ctx.organizationId }, select: { publicId: true } })).map((p) => p.publicId),
      },
      // Not paged at all (a project has at most 20): every environment, whatever the limit.
      { url: paths.environments, key: "slug", limit: 1, expected: ["dev", "prod"] },
      {
        // The 45 keys of the test above: 7 pages, the last one partial.
        url: pathsOf({ ...fixture, environment: "prod" }).keys,
        key: "id",
        limit: 7,
        expected: (
          await db.apiKey.findMany({
            where: { projectId: fixture.projectRowId, environment: { slug: "prod" }, deletedAt: null },
            select: { id: true },
          })
        ).map((key) => key.id),
      },
    ];
    for (const list of lists) {
      const pages = await allPages<Record<string, string>>(list.url, token.token, list.limit);
      const seen = pages.flatMap((page) => page.data.map((item) => item[list.key]));
      expect(list.expected.length).toBeGreaterThan(0);
      expect({ url: list.url, seen: [...seen].sort() }).toEqual({ url: list.url, seen: [...list.expected].sort() });
    }
  });
});

describe("rate limit", () => {
  const configured = process.env.KEYWARD_API_RATE_LIMIT;
  afterEach(() => {
    if (configured === undefined) delete process.env.KEYWARD_API_RATE_LIMIT;
    else process.env.KEYWARD_API_RATE_LIMIT = configured;
  });

  /**
   * Fires `count` requests at once. The limiter counts per wall-clock second, so a burst may
   * straddle windows; it returns how many it spanned, so assertions hold on a slow machine too.
   */
  async function burst(count: number, request: () => ReturnType<typeof call>) {
    const start = Date.now();
    const responses = await Promise.all(Array.from({ length: count }, request));
    const windows = Math.floor(Date.now() / 1000) - Math.floor(start / 1000) + 1;
    return { responses, windows };
  }

  it("answers 429 RATE_LIMITED with Retry-After past KEYWARD_API_RATE_LIMIT per second; other tokens are unaffected", async () => {
    process.env.KEYWARD_API_RATE_LIMIT = "5";
    const busy = await insertAccessToken({ organizationId: owner.ctx.organizationId, scopes: ["project:read"] });
    const quiet = await insertAccessToken({ organizationId: owner.ctx.organizationId, scopes: ["project:read"] });

    // 20 requests over at most 3 windows of 5: at least 5 of them must be refused.
    const { responses, windows } = await burst(20, () => call("GET", "/api/v1/projects", { token: busy.token }));
    const quietResponse = await call("GET", "/api/v1/projects", { token: quiet.token });

    expect(windows).toBeLessThanOrEqual(3);
    const statuses = responses.map((response) => response.status);
    expect(statuses.every((status) => status === 200 || status === 429), statuses.join(" ")).toBe(true);
    expect(statuses.filter((status) => status === 200).length).toBeLessThanOrEqual(5 * windows);
    const limited = responses.filter((response) => response.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(20 - 5 * windows);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    for (const response of limited) {
      expect(errorOf(response).code).toBe("RATE_LIMITED");
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    }
    expect(quietResponse.status).toBe(200);
  });

  it("a rate-limited request changes nothing", async () => {
    process.env.KEYWARD_API_RATE_LIMIT = "1";
    const creator = await insertAccessToken({ organizationId: owner.ctx.organizationId, scopes: ["project:create", "project:read"] });
    const before = await db.project.count({ where: { organizationId: owner.ctx.organizationId } });

    const { responses, windows } = await burst(6, () => call("POST", "/api/v1/projects", { token: creator.token, body: { name: "Burst" } }));

    const created = responses.filter((response) => response.status === 201).length;
    expect(responses.filter((response) => response.status === 429).length).toBe(6 - created);
    expect(created).toBeLessThanOrEqual(windows);
    expect(await db.project.count({ where: { organizationId: owner.ctx.organizationId } })).toBe(before + created);
  });
});
