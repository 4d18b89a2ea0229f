// npm run bench — how the API Keys list scales: one page of keys from an environment holding
// 10,000 keys (first page and a deep page) against the same query on an environment of 10 keys,
// measured in the same run on embedded PGlite (and PostgreSQL when DATABASE_URL is set).
import { performance } from "node:perf_hooks";
// Before anything opens the database: a throwaway PGlite directory unless DATABASE_URL is set.
import "./temp-data-dir";


import { closeDatabase, db, ensureDatabaseReady } from "../lib/db/client";
import { createAccount } from "../lib/dal/accounts";
import { listApiKeys } from "../lib/dal/api-keys";
import { findMembership } from "../lib/dal/membership";
import { displayParts, generateKey, hashKey } from "../lib/keys/format";

const LARGE = 10_000;
const SMALL = 10;
const RUNS = 7;
const ITERATIONS = 50;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function seed(environment: string, count: number, ids: { organizationId: string; userId: string }) {
  const env = await db.environment.findFirstOrThrow({
    where: { slug: environment, project: { organizationId: ids.organizationId } },
    select: { id: true, projectId: true },
  });
  for (let offset = 0; offset < count; offset += 1_000) {
    const batch = Array.from({ length: Math.min(1_000, count - offset) }, (_, i) => {
      const key = generateKey("secret");
      return {
        organizationId: ids.organizationId,
        projectId: env.projectId,
        environmentId: env.id,
        kind: "SECRET" as const,
        name: `key-${offset + i}`,
        hash: hashKey(key),
        ...displayParts(key),
        createdById: ids.userId,
        createdAt: new Date(Date.now() - (offset + i) * 1_000),
      };
    });
    await db.apiKey.createMany({ data: batch });
  }
}

async function main() {
  await ensureDatabaseReady();
  const account = await createAccount(
    { name: "Bench", email: `bench-${Date.now()}@example.test`, password: "bench-password-123" },
    { ip: null, userAgent: null },
  );
  const ctx = await findMembership(account.userId, account.organizationSlug, { ip: null, userAgent: null });
  if (!ctx) throw new Error("membership missing");
  await db.environment.create({ data: { projectId: (await db.project.findFirstOrThrow({ where: { organizationId: ctx.organizationId } })).id, slug: "small", name: "small" } });
  await seed("prod", LARGE, ctx);
  await seed("small", SMALL, ctx);
  await db.$executeRawUnsafe("ANALYZE");

  const cases = {
    [`${SMALL} keys, page 1 (baseline)`]: { environment: "small", page: 1 },
    [`${LARGE} keys, page 1`]: { environment: "prod", page: 1 },
    [`${LARGE} keys, page 500 (deep)`]: { environment: "prod", page: 500 },
  };
  const results: Record<string, number[]> = {};
  for (let run = 0; run < RUNS; run++) {
    for (const [name, query] of Object.entries(cases)) {
      const started = performance.now();
      for (let i = 0; i < ITERATIONS; i++) {
        const page = await listApiKeys(ctx, { projectSlug: account.projectSlug, kind: "secret", ...query });
        if (page.rows.length === 0) throw new Error(`${name}: empty page`);
      }
      (results[name] ??= []).push((performance.now() - started) / ITERATIONS);
    }
  }

  const baseline = median(Object.values(results)[0] ?? []);
  console.log(`API Keys list (count + one page of 10), ${RUNS} runs × ${ITERATIONS} calls, ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}`);
  for (const [name, samples] of Object.entries(results)) {
    const value = median(samples);
    console.log(`  ${name.padEnd(32)} median ${value.toFixed(2).padStart(7)} ms   ×${(value / baseline).toFixed(2)} of baseline`);
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => closeDatabase());
