import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "@/lib/api/errors";
import { clearCache } from "@/lib/credentials/cache";
import { flushUsage } from "@/lib/credentials/usage";
import { closeDatabase, db, ensureDatabaseReady } from "@/lib/db";
import { call, insertAccessToken, insertApiKey } from "@/test/api-client";
import { dataCall } from "@/test/data-client";
import { signUp } from "@/test/factories";
import { expectUnavailable, RECOVERY_LIMIT_MS, rows, timed } from "@/test/outage";
import { startPostgresServer, type PostgresServer } from "@/test/postgres-server";

// Failing closed when the database hangs: a server that keeps its connections open but never
// answers (SIGSTOP on the postmaster and every backend) must give the same 503 UNAVAILABLE within
// 2 s as one that refuses connections (outage.int.test.ts), and service must come back by itself
// once it answers again, with nothing written by the requests that failed. Its own server,
// postgres project only, like outage.int.test.ts.


let server: PostgresServer;
let warmKey: string;
let coldKey: string;
let token: string;
let projectId: string;
let projectPublicId: string;
let frozen: number[] = [];

beforeAll(async () => {
  await flushUsage();
  await closeDatabase();
  server = await startPostgresServer();
  process.env.DATABASE_URL = await server.createDatabase("keyward_hang");
  await ensureDatabaseReady();
  clearCache();

  const owner = await signUp();
  const project = await db.project.findFirstOrThrow({ where: { organizationId: owner.ctx.organizationId }, select: { id: true, publicId: true } });
  projectId = project.id;
  projectPublicId = project.publicId;
  const dev = await db.environment.findFirstOrThrow({ where: { projectId, slug: "dev" }, select: { id: true } });
  const keyFor = async () => (await insertApiKey({ organizationId: owner.ctx.organizationId, projectId, environmentId: dev.id })).key;
  warmKey = await keyFor();
  coldKey = await keyFor();
  token = (await insertAccessToken({ organizationId: owner.ctx.organizationId, scopes: ["project:read", "apikey:create"] })).token;

  expect((await dataCall("POST", "/v1/tables", { apiKey: warmKey, body: { name: "posts" } })).status).toBe(201);
  for (const title of ["first", "second"]) {
    expect((await dataCall("POST", "/v1/data/posts", { apiKey: warmKey, body: { title } })).status).toBe(201);
  }
}, 60_000);

// Whatever happens in a test, never leave a stopped server behind (it would hang the teardown).
afterEach(() => thaw());

afterAll(async () => {
  thaw();
  if (server?.running) await flushUsage();
  await closeDatabase();
  await server?.stop();
});

/** The postmaster (first line of postmaster.pid) and all its children: the whole server. */
function serverPids(): number[] {
  const postmaster = Number(fs.readFileSync(path.join(server.baseDir, "data", "postmaster.pid"), "utf8").split("\n")[0]);
  let children: number[] = [];
  try {
    children = execFileSync("pgrep", ["-P", String(postmaster)], { encoding: "utf8" }).split("\n").filter(Boolean).map(Number);
  } catch {
    // pgrep exits 1 when there are no children.
  }
  return [postmaster, ...children];
}

function freeze(): void {
  frozen = serverPids();
  for (const pid of frozen) process.kill(pid, "SIGSTOP");
}

function thaw(): void {
  for (const pid of frozen) {
    try {
      process.kill(pid, "SIGCONT");
    } catch {
      // Already gone.
    }
  }
  frozen = [];
}

const keysPath = () => `/api/v1/projects/${projectPublicId}/environments/dev/keys`;

describe("database that accepts connections but never answers", () => {
  it("answers 503 UNAVAILABLE within 2 s while the server is frozen, and recovers by itself", async () => {
    expect((await dataCall("GET", "/v1/data/posts", { apiKey: warmKey })).status).toBe(200);
    expect((await call("GET", "/api/v1/projects", { token })).status).toBe(200);
    const keysBefore = await db.apiKey.count();

    freeze();

    const latencies: number[] = [];
    const expectFast = async (request: () => Promise<{ status: number; body: unknown; headers: Headers }>) => {
      const { response, ms } = await timed(request);
      expectUnavailable(response, ms);
      latencies.push(ms);
    };
    // Warm (cached credential: only the data query hangs) and cold (the lookup hangs).
    for (const apiKey of [warmKey, coldKey]) await expectFast(() => dataCall("GET", "/v1/data/posts", { apiKey }));
    await expectFast(() => dataCall("POST", "/v1/data/posts", { apiKey: warmKey, body: { title: "while frozen" } }));
    await expectFast(() => call("GET", "/api/v1/projects", { token }));
    // A transaction (quota count, insert, audit row).
    await expectFast(() => call("POST", keysPath(), { token, body: { name: "while frozen", kind: "secret" } }));
    // More at once than the pool has connections: the queue must not push them past the limit.
    const concurrent = await Promise.all(
      Array.from({ length: 20 }, (_, i) => timed(() => dataCall("GET", "/v1/data/posts", { apiKey: i % 2 ? warmKey : coldKey }))),
    );
    for (const { response, ms } of concurrent) expectUnavailable(response, ms);
    latencies.push(...concurrent.map((c) => c.ms));
    console.info(`[hang] 503 latencies: max ${Math.max(...latencies).toFixed(0)} ms, median ${median(latencies).toFixed(0)} ms (n=${latencies.length})`);

    thaw();
    const resumed = performance.now();
    let recoveredMs: number | undefined;
    while (performance.now() - resumed < RECOVERY_LIMIT_MS) {
      const response = await dataCall("GET", "/v1/data/posts", { apiKey: coldKey });
      expect(response.status === 200 || response.status === 503, JSON.stringify(response.body)).toBe(true);
      if (response.status === 200) {
        recoveredMs = performance.now() - resumed;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(recoveredMs, "service did not recover within 10 s").toBeDefined();
    console.info(`[hang] recovered ${recoveredMs?.toFixed(0)} ms after the server resumed`);

    // Every pooled connection is healthy again (none left inside an abandoned transaction), and
    // nothing the failed requests tried to write was written, then or later.
    const after = await Promise.all(Array.from({ length: 12 }, () => dataCall("GET", "/v1/data/posts", { apiKey: warmKey })));
    for (const response of after) {
      expect(response.status).toBe(200);
      expect(rows(response)).toHaveLength(2);
    }
    expect((await call("GET", "/api/v1/projects", { token })).status).toBe(200);
    const created = await call("POST", keysPath(), { token, body: { name: "after", kind: "secret" } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(await db.apiKey.count()).toBe(keysBefore + 1);
  });
});

describe("a transaction cut off by the hang", () => {
  it("does not go back to the pool open: its writes are never committed by a later request", async () => {
    // Several live pooled connections, so the abandoned one would be reused if it were returned.
    await Promise.all(Array.from({ length: 5 }, () => dataCall("GET", "/v1/data/posts", { apiKey: warmKey })));
    const { name } = await db.project.findUniqueOrThrow({ where: { id: projectId }, select: { name: true } });

    const attempt = db.$transaction(async (tx) => {
      await tx.project.update({ where: { id: projectId }, data: { name: "abandoned" } });
      freeze();
      await tx.project.count();
    });
    const error: unknown = await attempt.then(
      () => expect.fail("the transaction should have failed"),
      (rejection: unknown) => rejection,
    );
    expect(isDatabaseUnavailable(error), String(error)).toBe(true);
    thaw();

    // Later requests, writes in their own transactions included, on whatever the pool hands out.
    for (let i = 0; i < 3; i++) {
      const created = await call("POST", keysPath(), { token, body: { name: `after ${i}`, kind: "secret" } });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    await Promise.all(Array.from({ length: 10 }, () => dataCall("GET", "/v1/data/posts", { apiKey: warmKey })));
    expect((await db.project.findUniqueOrThrow({ where: { id: projectId }, select: { name: true } })).name).toBe(name);
    // The abandoned backend ends once the thawed server reads the closed socket: under load that
    // can take a moment, so the check polls rather than asks once.
    await expect
      .poll(
        async () => {
          const open = await db.$queryRaw<{ count: bigint }[]>`
            SELECT count(*) AS count FROM pg_stat_activity
            WHERE datname = current_database() AND state LIKE 'idle in transaction%'`;
          return Number(open[0]?.count);
        },
        { timeout: 5_000, interval: 100 },
      )
      .toBe(0);

    // Nor is it kept checked out (a lost pool slot): closing the pool waits for every client.
    const closed = await Promise.race([
      closeDatabase().then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), 5_000).unref()),
    ]);
    expect(closed, "the pool still holds a client checked out by the failed transaction").toBe(true);
  });
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
