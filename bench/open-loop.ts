// Open-loop HTTP load: requests sent at a constant rate, evenly spaced, whatever the server's
// answers do (bench:http's paced pass). autocannon's `overallRate` cannot stand in for it: each
// of its connections sends its quota for the second back to back as soon as the second starts,
// then waits for the next one, so "paced" load arrives as one burst per second and its latency
// is that burst's queueing. Here request i is due at start + i/rate, and its latency runs from
// that due time, not from when a connection became free: a server that falls behind pays for
// the wait (no coordinated omission).
import http from "node:http";
import { performance } from "node:perf_hooks";

export interface OpenLoopRequest {
  url: string;
  method: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface OpenLoopLoad {
  /** Requests per second, spread evenly. */
  rate: number;
  durationMs: number;
  /** Keep-alive connections at most; a request due while all are busy waits for one (and that counts). */
  connections: number;
}

export interface OpenLoopResult {
  /** Every answered request: when it was due (wall clock, ms since the epoch) and its latency (ms). */
  samples: Array<{ dueAt: number; latency: number }>;
  /** Answered requests per second of the run. */
  rps: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  /** Connection errors and requests not answered within 10 s. */
  errors: number;
}

const REQUEST_TIMEOUT_MS = 10_000;

export async function runOpenLoop(request: OpenLoopRequest, load: OpenLoopLoad): Promise<OpenLoopResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: load.connections });
  const total = Math.max(1, Math.round((load.rate * load.durationMs) / 1000));
  const interval = 1000 / load.rate;
  const samples: OpenLoopResult["samples"] = [];
  let non2xx = 0;
  let errors = 0;
  let settled = 0;
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  const headers = { ...request.headers, ...(body ? { "Content-Length": String(body.length) } : {}) };

  const started = performance.now();
  await new Promise<void>((resolve) => {
    const settle = () => {
      settled += 1;
      if (settled === total) resolve();
    };
    const send = (due: number) => {
      const outgoing = http.request(request.url, { method: request.method, headers, agent, timeout: REQUEST_TIMEOUT_MS }, (response) => {
        response.resume();
        response.on("end", () => {
          samples.push({ dueAt: performance.timeOrigin + due, latency: performance.now() - due });
          if ((response.statusCode ?? 0) < 200 || (response.statusCode ?? 0) >= 300) non2xx += 1;
          settle();
        });
      });
      outgoing.on("timeout", () => outgoing.destroy(new Error("timed out")));
      outgoing.on("error", () => {
        errors += 1;
        settle();
      });
      outgoing.end(body);
    };
    let next = 0;
    // Timers fire late by a millisecond or more: each tick sends every request already due, at
    // its own due time, so the schedule never drifts.
    const tick = () => {
      const now = performance.now();
      while (next < total && started + next * interval <= now) {
        send(started + next * interval);
        next += 1;
      }
      if (next < total) setTimeout(tick, Math.max(0, started + next * interval - performance.now()));
    };
    tick();
  });
  const elapsedSeconds = (performance.now() - started) / 1000;
  agent.destroy();

  const latencies = samples.map((sample) => sample.latency).sort((a, b) => a - b);
  return {
    samples,
    rps: latencies.length / elapsedSeconds,
    p50: round(percentile(latencies, 0.5)),
    p99: round(percentile(latencies, 0.99)),
    max: round(latencies.at(-1) ?? Number.NaN),
    non2xx,
    errors,
  };
}

/** The q-quantile (nearest rank) of ascending `sorted`. */
export function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

export function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
