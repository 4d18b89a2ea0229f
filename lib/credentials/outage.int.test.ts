import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clearCache } from "@/lib/credentials/cache";
import { flushUsage } from "@/lib/credentials/usage";
import { closeDatabase, db, ensureDatabaseReady } from "@/lib/db";
import { call, insertAccessToken, insertApiKey } from "@/test/api-client";
import { dataCall } from "@/test/data-client";
import { signUp } from "@/test/factories";
import { expectUnavailable, RECOVERY_LIMIT_MS, rows, timed } from "@/test/outage";
import { startPostgresServer, type PostgresServer } from "@/test/postgres-server";

// Failing closed: with the database unreachable every authenticated request answers 503
// UNAVAILABLE quickly (never a success, never a 500), and service comes back by itself once the
// database does. This file stops a PostgreSQL server, so it runs on its own server, not the
// project's shared one (postgres project only: PGlite cannot be stopped from outside).


let server: PostgresServer;
let warmKey: string;
let coldKey: string;
let token: string;

beforeAll(async () => {
  // The setup file opened the shared server's per-file database: switch this process to ours.
  await flushUsage();
  await closeDatabase();
  server = await startPostgresServer();
  process.env.DATABASE_URL = await server.createDatabase("keyward_outage");
  await ensureDatabaseReady();
  clearCache();

  const owner = await signUp();
  const project = await db.project.findFirstOrThrow({ where: { organizationId: owner.ctx.organizationId }, select: { id: true } });
  const dev = await db.environment.findFirstOrThrow({ where: { projectId: project.id, slug: "dev" }, select: { id: true } });
  const keyFor = async () =>
    (await insertApiKey({ organizationId: owner.ctx.organizationId, projectId: project.id, environmentId: dev.id })).key;
  warmKey = await keyFor();
  coldKey = await keyFor();
  token = (await insertAccessToken({ organizationId: owner.ctx.organizationId, scopes: ["project:read"] })).token;

  expect((await dataCall("POST", "/v1/tables", { apiKey: warmKey, body: { name: "posts" } })).status).toBe(201);
  for (const title of ["first", "second"]) {
    expect((await dataCall("POST", "/v1/data/posts", { apiKey: warmKey, body: { title } })).status).toBe(201);
  }
}, 60_000);

afterAll(async () => {
  if (server?.running) await flushUsage();
  await closeDatabase();
  await server?.stop();
});


describe("database outage", () => {
  it("answers 503 UNAVAILABLE within 2 s while the database is down, and recovers by itself", async () => {
    // Up: the warm key is cached by this call; the cold key has never been looked up.
    const before = await dataCall("GET", "/v1/data/posts", { apiKey: warmKey });
    expect(before.status).toBe(200);
    expect(rows(before)).toHaveLength(2);
    expect((await call("GET", "/api/v1/projects", { token })).status).toBe(200);

    await server.stop({ keepData: true });

    const latencies: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (const apiKey of [warmKey, coldKey]) {
        const { response, ms } = await timed(() => dataCall("GET", "/v1/data/posts", { apiKey }));
        expectUnavailable(response, ms);
        latencies.push(ms);
      }
      const write = await timed(() => dataCall("POST", "/v1/data/posts", { apiKey: warmKey, body: { title: "during outage" } }));
      expectUnavailable(write.response, write.ms);
      latencies.push(write.ms);
      const management = await timed(() => call("GET", "/api/v1/projects", { token }));
      expectUnavailable(management.response, management.ms);
      latencies.push(management.ms);
    }
    // Several at once, as under real traffic: the pool must not queue them past the limit.
    const concurrent = await Promise.all(
      Array.from({ length: 20 }, (_, i) => timed(() => dataCall("GET", "/v1/data/posts", { apiKey: i % 2 ? warmKey : coldKey }))),
    );
    for (const { response, ms } of concurrent) expectUnavailable(response, ms);
    latencies.push(...concurrent.map((c) => c.ms));
    console.info(`[outage] 503 latencies: max ${Math.max(...latencies).toFixed(0)} ms, median ${median(latencies).toFixed(0)} ms (n=${latencies.length})`);

    // Back up: no restart, no re-creation; the same keys work again within 10 s.
    await server.start();
    const restarted = performance.now();
    let recoveredMs: number | undefined;
    while (performance.now() - restarted < RECOVERY_LIMIT_MS) {
      const response = await dataCall("GET", "/v1/data/posts", { apiKey: coldKey });
      expect(response.status === 200 || response.status === 503, JSON.stringify(response.body)).toBe(true);
      if (response.status === 200) {
        recoveredMs = performance.now() - restarted;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(recoveredMs, "service did not recover within 10 s").toBeDefined();
    console.info(`[outage] recovered ${recoveredMs?.toFixed(0)} ms after the database came back`);

    const warm = await dataCall("GET", "/v1/data/posts", { apiKey: warmKey });
    expect(warm.status).toBe(200);
    // Nothing was written during the outage.
    expect(rows(warm)).toHaveLength(2);
    expect((await call("GET", "/api/v1/projects", { token })).status).toBe(200);
  });
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
