// HTTP throughput and latency of the hot API routes against a production server (issue 4,
// figure 3). Usage:
//
//   npm run bench:http                       # PGlite, then PostgreSQL
//   npm run bench:http -- --db=pglite        # or --db=postgres
//   npm run bench:http -- --rounds=7         # rounds per pass (default 5); figures are medians
//   KEYWARD_BENCH_APP_DIR=/tmp/copy npm run bench:http   # a built copy of the app elsewhere
//
// The app directory (default: this repository) is served with `next start`; it is built first
// when it has no .next/BUILD_ID. Each database gets a fresh server on a free loopback port: a
// new PGlite directory, or a throwaway PostgreSQL server (test/postgres-server.ts). Seeding
// uses the real product paths: sign-up (createAccount) and key creation (createApiKey) through
// the DAL in this process — for PGlite before the server opens the directory, since one process
// only may hold it — then the `posts` table and its rows through the data API over HTTP.
// autocannon (this process, separate from the server) then runs 50 connections for 10 s
// against each target after a 2 s warm-up (the issue's figures), in rounds that interleave the
// targets; each figure is the median over the rounds, and each ratio is taken within its round:
//   - GET /api/health (no auth, no database: the baseline),
//   - POST /api/v1/keys/verify (Authorization: Bearer <secret key>, body: a publishable key),
//   - GET /v1/data/posts (X-API-Key: <publishable key>; on PGlite served by its page cache),
//   - GET /v1/data/posts?views=30 (the same, filtered: read from the database every time).
// 50 connections saturate a 2-core machine, so even the baseline's p99 there is queueing (by
// Little's law, latency = connections / throughput: p99 < 20 ms at 50 busy connections would
// take more than 2,500 req/s, twice what `next start` serves for a static route here). The
// ratios are judged in that saturated pass; the p99 target in a second, paced pass: every target
// gets the same open-loop load, a quarter of the baseline's saturated req/s, over the same 50
// connections (open-loop.ts: evenly spaced requests, latency from each one's due time). Measured
// here, `next start` alone (the baseline) already holds p50 ≈ 3–5 ms at any rate, and its p99
// climbs past 20 ms from about half its capacity on: the paced pass shows what each route adds.
// The server records its full (mark-compact) garbage collections (gc-watch.mjs); each open-loop
// row also shows how many fell in its windows and p99 of the requests due away from them
// (GC_SHADOW_MS): under this load one comes every 10–15 s and holds every route up alike.
// The per-credential and per-address rate limits are lifted for the server
// (KEYWARD_API_RATE_LIMIT / KEYWARD_API_ADDRESS_RATE_LIMIT = 1000000): every request here
// comes from one key and one address.
import "./temp-data-dir";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
// @ts-expect-error autocannon ships no type declarations (and @types/autocannon is not installed).
import autocannonUntyped from "autocannon";
import { createApiKey } from "../lib/dal/api-keys";
import { closeDatabase, ensureDatabaseReady } from "../lib/db/client";
import { findFreePort, startPostgresServer, type PostgresServer } from "../test/postgres-server";
import { benchAccount, median } from "./lib";
import { percentile, round, runOpenLoop, type OpenLoopResult } from "./open-loop";

/** The part of autocannon's programmatic API used here. */
interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: {
  url: string;
  method: string;
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  duration: number;
}) => Promise<AutocannonResult>;
const autocannon = autocannonUntyped as Autocannon;

export const RATE_LIMIT_ENV = { KEYWARD_API_RATE_LIMIT: "1000000", KEYWARD_API_ADDRESS_RATE_LIMIT: "1000000" };

/** The app to serve: KEYWARD_BENCH_APP_DIR, else this repository; built when never built. */
export function appDir(): string {
  const dir = path.resolve(process.env.KEYWARD_BENCH_APP_DIR ?? path.join(__dirname, ".."));
  if (!fs.existsSync(path.join(dir, ".next", "BUILD_ID"))) {
    console.log(`Building ${dir} (no .next/BUILD_ID)…`);
    const build = spawnSync(process.execPath, [nextBin(dir), "build"], {
      cwd: dir,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (build.status !== 0) throw new Error(`next build failed in ${dir}`);
  }
  return dir;
}

function nextBin(dir: string): string {
  return path.join(dir, "node_modules", "next", "dist", "bin", "next");
}

export interface AppServer {
  url: string;
  /** Wall-clock starts (ms since the epoch) of the server's full garbage collections so far. */
  fullGcs(): number[];
  stop(): Promise<void>;
}

/**
 * `next start` on a free loopback port, in its own process group; resolves once /api/health
 * answers. The server records its full GCs (gc-watch.mjs) for fullGcs().
 */
export async function startApp(dir: string, env: Record<string, string>, nodeArgs: string[] = []): Promise<AppServer> {
  const port = await findFreePort();
  const gcLog = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "keyward-bench-gc-")), "full-gcs.log");
  // The database is the caller's choice alone: none of this process's own settings leak in.
  const inherited = { ...process.env };
  delete inherited.DATABASE_URL;
  delete inherited.KEYWARD_DATA_DIR;
  const child: ChildProcess = spawn(process.execPath, ["--import", path.join(__dirname, "gc-watch.mjs"), ...nodeArgs, nextBin(dir), "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: dir,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...inherited,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_MANUAL_SIG_HANDLE: "true",
      ...RATE_LIMIT_ENV,
      KEYWARD_BENCH_GC_LOG: gcLog,
      ...env,
    },
  });
  let log = "";
  child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  const onExit = () => {
    killGroup("SIGKILL");
    fs.rmSync(path.dirname(gcLog), { recursive: true, force: true });
  };
  process.once("exit", onExit);

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${log.slice(-3000)}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      killGroup("SIGKILL");
      throw new Error(`next start did not answer /api/health within 60 s:\n${log.slice(-3000)}`);
    }
    await sleep(100);
  }
  return {
    url,
    fullGcs() {
      if (!fs.existsSync(gcLog)) return [];
      return fs
        .readFileSync(gcLog, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => Number(line.split(" ")[0]));
    },
    async stop() {
      killGroup("SIGTERM");
      const timer = setTimeout(() => killGroup("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
      process.removeListener("exit", onExit);
      onExit();
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A fetch that fails loudly on an unexpected status. */
export async function call(url: string, init: RequestInit & { expect?: number } = {}): Promise<unknown> {
  const response = await fetch(url, init);
  const text = await response.text();
  if (init.expect !== undefined && response.status !== init.expect) {
    throw new Error(`${init.method ?? "GET"} ${url}: expected ${init.expect}, got ${response.status} ${text}`);
  }
  return text ? (JSON.parse(text) as unknown) : null;
}

interface Seeded {
  secretKey: string;
  publishableKey: string;
}

/** An account with a secret and a publishable key in `dev`, through the DAL (the sign-up path). */
export async function seedKeys(): Promise<Seeded> {
  await ensureDatabaseReady();
  const { ctx, projectSlug } = await benchAccount();
  const secret = await createApiKey(ctx, { projectSlug, environment: "dev", kind: "secret", name: "bench-secret" });
  const publishable = await createApiKey(ctx, { projectSlug, environment: "dev", kind: "publishable", name: "bench-publishable" });
  await closeDatabase();
  return { secretKey: secret.plaintext, publishableKey: publishable.plaintext };
}

/** The `posts` table and a few rows, through the data API with the secret key. */
export async function seedPosts(url: string, secretKey: string): Promise<void> {
  const headers = { Authorization: `Bearer ${secretKey}`, "Content-Type": "application/json" };
  await call(`${url}/v1/tables`, { method: "POST", headers, body: JSON.stringify({ name: "posts" }), expect: 201 });
  for (let i = 1; i <= 5; i++) {
    await call(`${url}/v1/data/posts`, {
      method: "POST",
      headers,
      body: JSON.stringify({ title: `Post ${i}`, body: "Lorem ipsum dolor sit amet.", views: i * 10 }),
      expect: 201,
    });
  }
}

export interface Target {
  /** Short name for command lines (bench:profile --target=…). */
  id: string;
  name: string;
  path: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /** Fraction of the baseline's requests per second this target must reach. */
  minRatio?: number;
  /** Measured and printed, but not one of the issue's targets: no verdict (errors aside). */
  shownOnly?: true;
}

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  ratio: number;
  /** Open loop only: the server's full GCs during the window, and p99 of the requests they did not hold up. */
  fullGcs?: number;
  p99AwayFromGc?: number;
}

interface Load {
  connections: number;
  duration: number;
}

const SATURATED: Load = { connections: 50, duration: 10 };
/** The paced pass's rate, the same for every target: this fraction of the baseline's saturated req/s. */
const PACED_FRACTION = 0.25;

export function runAutocannon(url: string, target: Target, load: Load): Promise<AutocannonResult> {
  return autocannon({ url: url + target.path, method: target.method ?? "GET", headers: target.headers, body: target.body, ...load });
}

function toRow(target: Target, result: AutocannonResult, baselineRps: number): Row {
  return {
    name: target.name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    ratio: result.requests.average / baselineRps,
  };
}

interface Measured {
  targets: Target[];
  saturated: Row[];
  paced: Row[];
  pacedRate: number;
}

/** The baseline first: ratios are to it. */
export function benchTargetsFor(seeded: Seeded): Target[] {
  return [
    { id: "baseline", name: "GET /api/health (baseline)", path: "/api/health" },
    {
      id: "verify",
      name: "POST /api/v1/keys/verify",
      path: "/api/v1/keys/verify",
      method: "POST",
      headers: { Authorization: `Bearer ${seeded.secretKey}`, "Content-Type": "application/json" },
      body: JSON.stringify({ key: seeded.publishableKey }),
      minRatio: 0.7,
    },
    { id: "data", name: "GET /v1/data/posts", path: "/v1/data/posts", headers: { "X-API-Key": seeded.publishableKey }, minRatio: 0.5 },
    // Shown only: the same list filtered, which the embedded database's page cache never holds,
    // shows what a read costs when it goes to the database every time.
    {
      id: "filtered",
      name: "GET /v1/data/posts?views=30",
      path: "/v1/data/posts?views=30",
      headers: { "X-API-Key": seeded.publishableKey },
      shownOnly: true,
    },
  ];
}

/**
 * How many times each pass is repeated; the figures printed are medians over them. Five: a full
 * GC of the server holds every route up, the static baseline too (GC_SHADOW_MS), and one in a
 * 10 s window is enough to lift that window's p99 past 20 ms.
 */
const ROUNDS = Number(process.argv.find((arg) => arg.startsWith("--rounds="))?.slice(9) ?? 5);

/** Per target, the medians over rounds (ratios are each round's own, to that round's baseline; counts are summed). */
function medianRows(rounds: Row[][]): Row[] {
  return (rounds[0] ?? []).map((first, index) => {
    const rows = rounds.map((round) => round[index] ?? first);
    const of = (field: "rps" | "p50" | "p99" | "ratio") => median(rows.map((row) => row[field]));
    const sum = (field: "non2xx" | "errors" | "fullGcs") => rows.reduce((total, row) => total + (row[field] ?? 0), 0);
    const away = rows.flatMap((row) => (row.p99AwayFromGc === undefined ? [] : [row.p99AwayFromGc]));
    return {
      ...first,
      rps: of("rps"),
      p50: of("p50"),
      p99: of("p99"),
      ratio: of("ratio"),
      non2xx: sum("non2xx"),
      errors: sum("errors"),
      ...(first.fullGcs === undefined ? {} : { fullGcs: sum("fullGcs"), p99AwayFromGc: median(away) }),
    };
  });
}

/**
 * How long a full GC of the server holds requests up, around the start of its pause: V8's
 * incremental marking runs on the main thread for up to ~100 ms before it (CPU profiles of the
 * server), and the pause, the FinalizationRegistry callbacks it releases (Node's fetch Request
 * registers one per request Next builds) and the backlog of requests that queued meanwhile
 * take up to ~300 ms after it.
 */
const GC_SHADOW_MS = { before: 150, after: 350 };

/** The window's full GCs, and p99 of the requests not due in the shadow of one. */
function awayFromFullGcs(samples: OpenLoopResult["samples"], fullGcs: number[]): { fullGcs: number; p99AwayFromGc: number } {
  const first = samples.reduce((min, sample) => Math.min(min, sample.dueAt), Infinity);
  const last = samples.reduce((max, sample) => Math.max(max, sample.dueAt + sample.latency), -Infinity);
  const during = fullGcs.filter((start) => start >= first - GC_SHADOW_MS.after && start <= last + GC_SHADOW_MS.before);
  const away = samples
    .filter((sample) => during.every((start) => sample.dueAt < start - GC_SHADOW_MS.before || sample.dueAt > start + GC_SHADOW_MS.after))
    .map((sample) => sample.latency)
    .sort((a, b) => a - b);
  return { fullGcs: during.filter((start) => start >= first && start <= last).length, p99AwayFromGc: round(percentile(away, 0.99)) };
}

async function benchTargets(server: AppServer, seeded: Seeded): Promise<Measured> {
  const { url } = server;
  const targets = benchTargetsFor(seeded);
  // Each target answers correctly before it is measured, then warms up (JIT, route bundles, pool).
  for (const target of targets) {
    const response = await fetch(url + target.path, { method: target.method ?? "GET", headers: target.headers, body: target.body });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`${target.name}: ${response.status} ${text}`);
    await runAutocannon(url, target, { ...SATURATED, duration: 2 });
  }
  // Rounds interleave the targets, so that a noisy minute hits them alike; ratios are per round.
  const saturated: Row[][] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const rows: Row[] = [];
    for (const target of targets) {
      const result = await runAutocannon(url, target, SATURATED);
      rows.push(toRow(target, result, rows[0]?.rps ?? result.requests.average));
    }
    saturated.push(rows);
  }
  const saturatedMedians = medianRows(saturated);
  const baselineRps = saturatedMedians[0]?.rps ?? Number.NaN;
  const pacedRate = Math.max(1, Math.round(baselineRps * PACED_FRACTION));
  const paced: Row[][] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const rows: Row[] = [];
    for (const target of targets) {
      const result = await runOpenLoop(
        { url: url + target.path, method: target.method ?? "GET", headers: target.headers, body: target.body },
        { rate: pacedRate, durationMs: SATURATED.duration * 1000, connections: SATURATED.connections },
      );
      const { samples, ...figures } = result;
      rows.push({ name: target.name, ...figures, ratio: result.rps / baselineRps, ...awayFromFullGcs(samples, server.fullGcs()) });
    }
    paced.push(rows);
  }
  return { targets, saturated: saturatedMedians, paced: medianRows(paced), pacedRate };
}

function printMeasured(title: string, measured: Measured): void {
  printRows(
    `${title}: ${SATURATED.connections} connections, as fast as answered; medians of ${ROUNDS} rounds. Judged: ratio to the baseline, errors (p99 here is queueing)`,
    measured.saturated,
    (row, index) => {
      const target = measured.targets[index];
      if (target?.shownOnly) return null;
      return target?.minRatio === undefined ? [] : row.ratio < target.minRatio ? [`ratio < ${target.minRatio}`] : [];
    },
  );
  printRows(
    `${title}: open loop at ${measured.pacedRate} req/s (×${PACED_FRACTION} of the baseline's saturated req/s) for each target, ${SATURATED.connections} connections, ${SATURATED.duration} s; medians of ${ROUNDS} rounds. Judged: p99 < 20 ms, errors (ratio = served ÷ the baseline's saturated req/s). Also shown: the server's full GCs in all rounds' windows, and p99 of the requests due away from them (not ${GC_SHADOW_MS.before} ms before to ${GC_SHADOW_MS.after} ms after one began)`,
    measured.paced,
    (row, index) => (measured.targets[index]?.shownOnly ? null : row.p99 >= 20 ? ["p99 ≥ 20 ms"] : []),
  );
}

/** `missed` names the targets a row misses in this pass, null when the row is not judged; errors are a miss in every pass. */
function printRows(title: string, rows: Row[], missed: (row: Row, index: number) => string[] | null): void {
  const gcColumns = rows.some((row) => row.fullGcs !== undefined);
  console.log(`\n${title}`);
  console.log(
    `  ${"target".padEnd(28)} ${"req/s".padStart(8)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"non-2xx".padStart(8)} ${"errors".padStart(7)}  ratio` +
      (gcColumns ? `  ${"full GCs".padStart(8)} ${"p99 away".padStart(8)}` : "") +
      "  targets",
  );
  for (const [index, row] of rows.entries()) {
    const judged = missed(row, index);
    const misses = [...(judged ?? []), ...(row.non2xx > 0 || row.errors > 0 ? ["errors"] : [])];
    console.log(
      `  ${row.name.padEnd(28)} ${row.rps.toFixed(0).padStart(8)} ${String(row.p50).padStart(7)} ${String(row.p99).padStart(7)} ${String(row.non2xx).padStart(8)} ${String(row.errors).padStart(7)}  ×${row.ratio.toFixed(2)}` +
        (gcColumns ? `  ${String(row.fullGcs ?? "").padStart(8)} ${String(row.p99AwayFromGc ?? "").padStart(8)}` : "") +
        `  ${misses.length ? `MISSED: ${misses.join(", ")}` : judged ? "met" : "shown only"}`,
    );
  }
}

async function runPglite(dir: string): Promise<Measured> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyward-bench-http-"));
  try {
    process.env.KEYWARD_DATA_DIR = dataDir;
    delete process.env.DATABASE_URL;
    const seeded = await seedKeys(); // closes the directory again before the server opens it
    const server = await startApp(dir, { KEYWARD_DATA_DIR: dataDir, NEXTAUTH_SECRET: randomBytes(32).toString("hex") });
    try {
      await seedPosts(server.url, seeded.secretKey);
      return await benchTargets(server, seeded);
    } finally {
      await server.stop();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function runPostgres(dir: string): Promise<Measured> {
  let pgServer: PostgresServer | undefined;
  try {
    pgServer = await startPostgresServer();
    const databaseUrl = await pgServer.createDatabase("keyward_bench");
    process.env.DATABASE_URL = databaseUrl;
    const seeded = await seedKeys();
    delete process.env.DATABASE_URL;
    const server = await startApp(dir, { DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: randomBytes(32).toString("hex") });
    try {
      await seedPosts(server.url, seeded.secretKey);
      return await benchTargets(server, seeded);
    } finally {
      await server.stop();
    }
  } finally {
    await pgServer?.stop();
  }
}

async function main() {
  const which = process.argv.find((arg) => arg.startsWith("--db="))?.slice(5) ?? "both";
  if (!["pglite", "postgres", "both"].includes(which)) throw new Error("--db must be pglite, postgres or both");
  const dir = appDir();
  console.log(`HTTP benchmark: next start from ${dir}; autocannon 50 connections × 10 s per target (after 2 s warm-up), ${ROUNDS} rounds, ${os.cpus().length} CPUs`);
  console.log(`Server rate limits lifted for the run: ${Object.entries(RATE_LIMIT_ENV).map(([k, v]) => `${k}=${v}`).join(", ")}`);
  console.log("Targets: verify ≥ ×0.70 and data list ≥ ×0.50 of the baseline's req/s; p99 < 20 ms; no errors.");
  console.log(
    `Saturated, every p99 is queueing (latency ≈ connections ÷ req/s on ${os.cpus().length} CPUs), so p99 is judged in an open-loop pass at ${PACED_FRACTION} × the baseline's req/s, the same offered load for every target.`,
  );
  if (which !== "postgres") printMeasured("PGlite", await runPglite(dir));
  if (which !== "pglite") printMeasured("PostgreSQL 15 (throwaway server, fsync off)", await runPostgres(dir));
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
