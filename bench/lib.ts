import { performance } from "node:perf_hooks";
import { createAccount } from "../lib/dal/accounts";
import type { MemberContext } from "../lib/dal/context";
import { findMembership } from "../lib/dal/membership";

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/**
 * Runs every case `iterations` times per run, interleaving the cases within each run so that
 * machine noise hits them alike, and returns the median milliseconds per call of each case.
 */
export async function measure(
  cases: Record<string, () => Promise<unknown>>,
  { runs = 7, iterations = 50 }: { runs?: number; iterations?: number } = {},
): Promise<Record<string, number>> {
  const samples: Record<string, number[]> = {};
  for (let run = 0; run < runs; run++) {
    for (const [name, call] of Object.entries(cases)) {
      const started = performance.now();
      for (let i = 0; i < iterations; i++) await call();
      (samples[name] ??= []).push((performance.now() - started) / iterations);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
}

/** Prints medians and their ratio to the first case (the baseline measured in the same run). */
export function report(title: string, medians: Record<string, number>): void {
  const baseline = Object.values(medians)[0] ?? Number.NaN;
  console.log(`${title} — ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}`);
  for (const [name, value] of Object.entries(medians)) {
    console.log(`  ${name.padEnd(36)} median ${value.toFixed(2).padStart(7)} ms   ×${(value / baseline).toFixed(2)} of baseline`);
  }
}

/** A fresh account (owner of its organization) to fill with benchmark data. */
export async function benchAccount(): Promise<{ ctx: MemberContext; projectSlug: string }> {
  const account = await createAccount(
    { name: "Bench", email: `bench-${Date.now()}-${Math.random().toString(36).slice(2)}@example.test`, password: "bench-password-123" },
    { ip: null, userAgent: null },
  );
  const ctx = await findMembership(account.userId, account.organizationSlug, { ip: null, userAgent: null });
  if (!ctx) throw new Error("The benchmark account has no membership.");
  return { ctx, projectSlug: account.projectSlug };
}
