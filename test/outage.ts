import { expect } from "vitest";
import type { DataResponse } from "./data-client";

// What the outage tests (lib/credentials/outage.int.test.ts: refused connections, and
// hang.int.test.ts: a frozen server) hold every refused request to, once.

/** Issue 4: every authenticated request answers within 2 s while the database is unreachable… */
export const LATENCY_LIMIT_MS = 2_000;
/** …and service comes back by itself within 10 s of the database returning. */
export const RECOVERY_LIMIT_MS = 10_000;

export async function timed<T>(request: () => Promise<T>): Promise<{ response: T; ms: number }> {
  const started = performance.now();
  const response = await request();
  return { response, ms: performance.now() - started };
}

/** A clear 503 UNAVAILABLE in the API's error shape, in time, with no internals in it. */
export function expectUnavailable(response: { status: number; body: unknown; headers: Headers }, ms: number): void {
  expect(response.status, JSON.stringify(response.body)).toBe(503);
  const error = (response.body as { error?: { code?: string; message?: string } }).error;
  expect(error?.code).toBe("UNAVAILABLE");
  expect(error?.message).toMatch(/database/i);
  // No internals: no stack, no driver message.
  expect(JSON.stringify(response.body)).not.toMatch(/ECONNREFUSED|timeout|at \w+ \(|prisma/i);
  expect(response.headers.get("retry-after")).toBe("2");
  expect(ms).toBeLessThan(LATENCY_LIMIT_MS);
}

export const rows = (response: DataResponse) => (response.body as { data: unknown[] }).data;
