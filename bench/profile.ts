// Where the server's CPU goes under load on one hot route: a V8 CPU profile of `next start`
// while autocannon drives it, summarised by self time. Usage:
//
//   npm run bench:profile                                  # GET /v1/data/posts on PGlite
//   npm run bench:profile -- --target=verify --db=postgres
//
// The server runs with --cpu-prof (written when it exits on SIGTERM); the .cpuprofile is kept
// in the printed directory, for Chrome DevTools or speedscope. The summary groups frames by
// where their code lives (PGlite's Wasm, Prisma, Next, React, node:, our own), then lists the
// heaviest functions. Figures are shares of the profiled time, not absolute speed.
import "./temp-data-dir";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startPostgresServer, type PostgresServer } from "../test/postgres-server";
import { appDir, benchTargetsFor, runAutocannon, seedKeys, seedPosts, startApp } from "./http";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives, from its script URL. */
function areaOf(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (functionName === "(garbage collector)") return "GC";
  if (functionName === "(idle)" || functionName === "(program)") return functionName;
  if (url.startsWith("node:")) return "node:*";
  if (/pglite/i.test(url) || url.startsWith("wasm://")) return "PGlite (Wasm + JS)";
  if (/prisma|query_compiler|adapter-pg|driver-adapter/i.test(url)) return "Prisma";
  if (/[/\\]pg[/\\]|pg-protocol|pg-pool|pg-types/.test(url)) return "pg driver";
  if (/react-dom|react-server|[/\\]react[/\\]/.test(url)) return "React";
  if (/[/\\]next[/\\]/.test(url)) return "Next";
  if (/[/\\]zod[/\\]/.test(url)) return "zod";
  if (/\.next[/\\]server/.test(url)) return "app (bundled)";
  if (url === "") return "(native/builtin)";
  return "other node_modules";
}

function summarise(profile: CpuProfile): void {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const idle = [...self].filter(([id]) => byId.get(id)?.callFrame.functionName === "(idle)").reduce((a, [, t]) => a + t, 0);
  const busy = total - idle;
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, time] of self) {
    const node = byId.get(id);
    if (!node || node.callFrame.functionName === "(idle)") continue;
    const area = areaOf(node);
    areas.set(area, (areas.get(area) ?? 0) + time);
    const file = node.callFrame.url.split(/[/\\]/).slice(-2).join("/");
    const key = `${node.callFrame.functionName || "(anonymous)"}  ${file}:${node.callFrame.lineNumber + 1}  [${area}]`;
    functions.set(key, (functions.get(key) ?? 0) + time);
  }
  const pct = (time: number) => `${((time / busy) * 100).toFixed(1).padStart(5)} %`;
  console.log(`\nBusy ${(busy / 1e6).toFixed(2)} s of ${(total / 1e6).toFixed(2)} s profiled (idle ${((idle / total) * 100).toFixed(0)} %). Self time by area:`);
  for (const [area, time] of [...areas].sort((a, b) => b[1] - a[1])) console.log(`  ${pct(time)}  ${area}`);
  console.log("\nHeaviest functions (self time):");
  for (const [name, time] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${pct(time)}  ${name}`);
}

async function main() {
  const db = process.argv.find((arg) => arg.startsWith("--db="))?.slice(5) ?? "pglite";
  const targetName = process.argv.find((arg) => arg.startsWith("--target="))?.slice(9) ?? "data";
  if (!["pglite", "postgres"].includes(db)) throw new Error("--db must be pglite or postgres");
  const dir = appDir();
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyward-profile-"));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyward-profile-data-"));
  let pgServer: PostgresServer | undefined;
  try {
    let env: Record<string, string>;
    if (db === "postgres") {
      pgServer = await startPostgresServer();
      const databaseUrl = await pgServer.createDatabase("keyward_profile");
      process.env.DATABASE_URL = databaseUrl;
      env = { DATABASE_URL: databaseUrl };
    } else {
      process.env.KEYWARD_DATA_DIR = dataDir;
      delete process.env.DATABASE_URL;
      env = { KEYWARD_DATA_DIR: dataDir };
    }
    const seeded = await seedKeys();
    delete process.env.DATABASE_URL;
    const server = await startApp(dir, { ...env, NEXTAUTH_SECRET: randomBytes(32).toString("hex") }, ["--cpu-prof", `--cpu-prof-dir=${profileDir}`]);
    try {
      await seedPosts(server.url, seeded.secretKey);
      const target = benchTargetsFor(seeded).find((candidate) => candidate.id === targetName);
      if (!target) throw new Error(`--target must be one of ${benchTargetsFor(seeded).map((t) => t.id).join(", ")}`);
      await runAutocannon(server.url, target, { connections: 50, duration: 2 });
      const result = await runAutocannon(server.url, target, { connections: 50, duration: 10 });
      console.log(`${target.name} on ${db}: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
    } finally {
      await server.stop();
    }
    // `next start` may fork; the server that served the load wrote the largest profile.
    const profiles = fs.readdirSync(profileDir).filter((file) => file.endsWith(".cpuprofile"));
    const largest = profiles.map((file) => path.join(profileDir, file)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
    if (!largest) throw new Error(`No CPU profile was written to ${profileDir}`);
    console.log(`Profile: ${largest}`);
    summarise(JSON.parse(fs.readFileSync(largest, "utf8")) as CpuProfile);
  } finally {
    await pgServer?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
