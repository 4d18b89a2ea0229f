// Revocation latency (issue 4, figure 4). Usage: `npm run bench:revocation` (KEYWARD_BENCH_APP_DIR
// picks a built copy of the app, as for bench/http.ts). A throwaway PostgreSQL server and TWO
// `next start` instances, A and B, on the same DATABASE_URL with a shared NEXTAUTH_SECRET.
// For each of 100 trials:
//   1. a publishable key is created through the DAL (this process, same database),
//   2. it reads GET /v1/data/posts once on A and once on B (200: both caches now hold it),
//   3. it is deleted through the management API ON A
//      (DELETE /api/v1/projects/{id}/environments/dev/keys/{keyId}, an access token with *:*),
//   4. as soon as that returns, A is asked again (any answer but 401 counts as accepted after
//      the delete; target 0), while B is polled every 10 ms until it answers 401 (time from the
//      delete's response to B's first 401; target ≤ 1 s, max reported).
// Key creation is limited to 60 a minute per organization, so the trials rotate over 4
// organizations (sign-ups), each with its own `posts` table, token and secret key.
import "./temp-data-dir";
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { createAccessToken } from "../lib/dal/access-tokens";
import { createApiKey } from "../lib/dal/api-keys";
import type { MemberContext } from "../lib/dal/context";
import { closeDatabase, db, ensureDatabaseReady } from "../lib/db/client";
import { startPostgresServer, type PostgresServer } from "../test/postgres-server";
import { appDir, call, RATE_LIMIT_ENV, seedPosts, sleep, startApp, type AppServer } from "./http";
import { benchAccount, median } from "./lib";

const TRIALS = 100;
const ORGANIZATIONS = 4;
const POLL_MS = 10;
const GIVE_UP_MS = 5_000;

interface Org {
  ctx: MemberContext;
  projectSlug: string;
  projectPublicId: string;
  token: string;
  secretKey: string;
}

async function status(url: string, key: string): Promise<number> {
  const response = await fetch(`${url}/v1/data/posts`, { headers: { "X-API-Key": key } });
  await response.arrayBuffer();
  return response.status;
}

async function main() {
  const dir = appDir();
  let pgServer: PostgresServer | undefined;
  const servers: AppServer[] = [];
  try {
    pgServer = await startPostgresServer();
    const databaseUrl = await pgServer.createDatabase("keyward_revocation");
    process.env.DATABASE_URL = databaseUrl;
    await ensureDatabaseReady();

    const orgs: Org[] = [];
    for (let i = 0; i < ORGANIZATIONS; i++) {
      const { ctx, projectSlug } = await benchAccount();
      const project = await db.project.findFirstOrThrow({ where: { organizationId: ctx.organizationId, slug: projectSlug }, select: { publicId: true } });
      const token = await createAccessToken(ctx, { name: "bench-revocation", type: "BEARER_TOKEN", scopes: ["*:*"], expiresAt: null });
      const secret = await createApiKey(ctx, { projectSlug, environment: "dev", kind: "secret", name: "bench-secret" });
      orgs.push({ ctx, projectSlug, projectPublicId: project.publicId, token: token.plaintext, secretKey: secret.plaintext });
    }

    const env = { DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: randomBytes(32).toString("hex") };
    servers.push(await startApp(dir, env), await startApp(dir, env));
    const [a, b] = servers as [AppServer, AppServer];
    for (const org of orgs) await seedPosts(a.url, org.secretKey);

    let acceptedOnA = 0;
    let neverDenied = 0;
    const propagation: number[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const org = orgs[trial % ORGANIZATIONS] as Org;
      const { key, plaintext } = await createApiKey(org.ctx, {
        projectSlug: org.projectSlug,
        environment: "dev",
        kind: "publishable",
        name: `revocation-${trial}`,
      });
      for (const server of [a, b]) {
        const warm = await status(server.url, plaintext);
        if (warm !== 200) throw new Error(`Trial ${trial}: the new key got ${warm} before its deletion`);
      }

      await call(`${a.url}/api/v1/projects/${org.projectPublicId}/environments/dev/keys/${key.id}`, {
        method: "DELETE",
        headers: { Authorization: `Bearer ${org.token}` },
        expect: 204,
      });
      const deleted = performance.now();
      const onA = status(a.url, plaintext);
      const onB = (async () => {
        for (;;) {
          if ((await status(b.url, plaintext)) === 401) return performance.now() - deleted;
          if (performance.now() - deleted > GIVE_UP_MS) return null;
          await sleep(POLL_MS);
        }
      })();
      if ((await onA) !== 401) acceptedOnA++;
      const ms = await onB;
      if (ms === null) neverDenied++;
      else propagation.push(ms);
    }

    const max = Math.max(...propagation);
    console.log(`Revocation — PostgreSQL 15 (throwaway), two next start instances, ${TRIALS} trials`);
    console.log(`  Server rate limits lifted for the run: ${Object.entries(RATE_LIMIT_ENV).map(([k, v]) => `${k}=${v}`).join(", ")}`);
    console.log(`  A (the instance that deleted): requests accepted after the DELETE returned: ${acceptedOnA} of ${TRIALS}   target 0 — ${acceptedOnA === 0 ? "met" : "MISSED"}`);
    console.log(
      `  B (other instance, polled every ${POLL_MS} ms): first 401 after the DELETE returned: median ${median(propagation).toFixed(1)} ms, max ${max.toFixed(1)} ms` +
        `${neverDenied ? `, ${neverDenied} never within ${GIVE_UP_MS} ms` : ""}   target ≤ 1000 ms — ${neverDenied === 0 && max <= 1000 ? "met" : "MISSED"}`,
    );
  } finally {
    for (const server of servers) await server.stop();
    await closeDatabase();
    await pgServer?.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
