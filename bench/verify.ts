// In-process verification cost (issue 4, figures 1 and 2), run by `npm run bench` or alone with
// `npx tsx --conditions=react-server bench/verify.ts`. Against a throwaway PGlite (or
// DATABASE_URL), one publishable key is created through the DAL and looked up once so the
// credential cache is warm; then, interleaved in each of 7 runs of 100,000 calls:
//   - hashKey alone (SHA-256 of the key: the floor, the baseline of the ratios),
//   - lookupCredential of the valid key, cache warm (target: ≤ 3× the hash),
//   - lookupCredential of a key whose checksum is wrong (rejected by parseKey, no database work).
// Every case is called the same way (an async wrapper, awaited), so the ratios compare the work.
import "./temp-data-dir";
import { performance } from "node:perf_hooks";
import { createApiKey } from "../lib/dal/api-keys";
import { lookupCredential } from "../lib/credentials/resolve";
import { hashKey, parseKey } from "../lib/keys/format";
import { benchAccount, median } from "./lib";

const RUNS = 7;
const ITERATIONS = 100_000;

/** Median nanoseconds per call of each case; cases interleaved within each run. */
async function measureNs(cases: Record<string, () => unknown>): Promise<Record<string, number>> {
  const samples: Record<string, number[]> = {};
  for (let run = 0; run < RUNS; run++) {
    for (const [name, call] of Object.entries(cases)) {
      const started = performance.now();
      for (let i = 0; i < ITERATIONS; i++) await call();
      (samples[name] ??= []).push(((performance.now() - started) * 1e6) / ITERATIONS);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
}

/** A key of the same shape whose last checksum character is changed. */
function withBadChecksum(key: string): string {
  const last = key.at(-1) === "A" ? "B" : "A";
  return key.slice(0, -1) + last;
}

export async function benchVerify() {
  const { ctx, projectSlug } = await benchAccount();
  const { plaintext } = await createApiKey(ctx, { projectSlug, environment: "dev", kind: "publishable", name: "bench-verify" });
  const bad = withBadChecksum(plaintext);
  if (parseKey(bad).ok) throw new Error("The bad-checksum key parsed as valid.");

  const warm = await lookupCredential(plaintext);
  if (!warm.ok) throw new Error(`The bench key did not verify: ${warm.code}`);
  const rejected = await lookupCredential(bad);
  if (rejected.ok || rejected.code !== "MALFORMED") throw new Error("The bad-checksum key was not rejected as MALFORMED.");

  // Every answer is checked, so a measurement of wrong answers cannot pass unnoticed.
  let check = 0;
  const medians = await measureNs({
    "hashKey alone (baseline)": async () => hashKey(plaintext),
    "lookupCredential, valid key, warm": async () => {
      const result = await lookupCredential(plaintext);
      if (!result.ok) check++;
    },
    "lookupCredential, bad checksum": async () => {
      const result = await lookupCredential(bad);
      if (result.ok) check++;
    },
  });
  if (check !== 0) throw new Error(`${check} lookups gave the wrong answer during the measurement.`);

  const baseline = Object.values(medians)[0] ?? Number.NaN;
  console.log(
    `Key verification in process — ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"} (median of ${RUNS} runs × ${ITERATIONS.toLocaleString("en-US")} calls)`,
  );
  for (const [name, ns] of Object.entries(medians)) {
    const opsPerSecond = Math.round(1e9 / ns).toLocaleString("en-US");
    console.log(`  ${name.padEnd(36)} ${ns.toFixed(0).padStart(6)} ns/op  ${opsPerSecond.padStart(11)} ops/s   ×${(ns / baseline).toFixed(2)} of the hash`);
  }
  const ratio = (medians["lookupCredential, valid key, warm"] ?? Number.NaN) / baseline;
  console.log(`  target: warm verification ≤ 3× the hash — ${ratio <= 3 ? "met" : "MISSED"} (×${ratio.toFixed(2)})`);
}

// Run alone: `npx tsx --conditions=react-server bench/verify.ts`.
if (process.argv[1] && /bench[\\/]verify\.ts$/.test(process.argv[1])) {
  void (async () => {
    const { closeDatabase, ensureDatabaseReady } = await import("../lib/db/client");
    try {
      await ensureDatabaseReady();
      await benchVerify();
    } catch (error) {
      console.error(error);
      process.exitCode = 1;
    } finally {
      await closeDatabase();
    }
  })();
}
