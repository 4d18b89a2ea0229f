import { execFile, execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

/**
 * A real, throwaway PostgreSQL server for tests: its own temporary directory, a free loopback
 * port, trust authentication, fsync off. Nothing has to be running beforehand (CI starts clean),
 * and nothing is left behind afterwards.
 *
 * The server can be stopped and started again on the same port with its data kept, so tests can
 * simulate a database outage and recovery.
 */

const execFileAsync = promisify(execFile);

export interface PostgresServer {
  /** Superuser URL of the `postgres` database, e.g. postgresql://postgres@127.0.0.1:54321/postgres */
  readonly url: string;
  readonly port: number;
  /** The temporary directory holding the cluster, its socket and its log. */
  readonly baseDir: string;
  readonly running: boolean;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /**
   * Stops the server. `mode` is pg_ctl's shutdown mode: "immediate" (default) is a crash from the
   * clients' point of view and takes no time; "fast" is a clean shutdown. Without `keepData` the
   * directory is deleted and the server cannot be started again.
   */
  stop(options?: { keepData?: boolean; mode?: "immediate" | "fast" }): Promise<void>;
  /** Starts a server stopped with `keepData: true` again, on the same port. */
  start(): Promise<void>;
}

export interface PostgresBinaries {
  binDir: string;
  initdb: string;
  pgCtl: string;
}

const INSTALL_HINT =
  "PostgreSQL server binaries (initdb, pg_ctl) were not found. Install PostgreSQL " +
  "(Debian/Ubuntu: `apt-get install -y postgresql`), or point PG_BINDIR at the directory that holds them.";

export interface FindBinariesOptions {
  env?: { PATH?: string; PG_BINDIR?: string };
  /** Where Debian-style installs keep one bin/ per major version. */
  versionsRoot?: string;
  /** Ask `pg_config --bindir` (off in tests of this function: the real one would answer). */
  usePgConfig?: boolean;
}

/**
 * Finds initdb and pg_ctl: $PG_BINDIR, then the newest /usr/lib/postgresql/<version>/bin
 * (Debian keeps the server binaries off PATH), then `pg_config --bindir`, then PATH.
 */
export function findPostgresBinaries(options: FindBinariesOptions = {}): PostgresBinaries {
  const { env = process.env, versionsRoot = "/usr/lib/postgresql", usePgConfig = true } = options;
  const candidates: string[] = [];
  if (env.PG_BINDIR) candidates.push(env.PG_BINDIR);
  candidates.push(...versionBinDirs(versionsRoot));
  const fromPgConfig = usePgConfig ? pgConfigBinDir() : null;
  if (fromPgConfig) candidates.push(fromPgConfig);
  candidates.push(...(env.PATH ?? "").split(path.delimiter).filter(Boolean));

  for (const binDir of candidates) {
    const initdb = path.join(binDir, "initdb");
    const pgCtl = path.join(binDir, "pg_ctl");
    if (isExecutable(initdb) && isExecutable(pgCtl)) return { binDir, initdb, pgCtl };
  }
  throw new Error(INSTALL_HINT);
}

function versionBinDirs(root: string): string[] {
  let versions: string[];
  try {
    versions = fs.readdirSync(root);
  } catch {
    return [];
  }
  // Numeric order: "16" is newer than "9.6", though it sorts before it as text.
  return versions
    .filter((version) => /^\d+(\.\d+)?$/.test(version))
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))
    .map((version) => path.join(root, version, "bin"));
}

function pgConfigBinDir(): string | null {
  try {
    return execFileSync("pg_config", ["--bindir"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** How to run the server binaries: directly, or (as root) as the `postgres` OS user. */
interface Runner {
  run(file: string, args: string[], cwd: string): Promise<void>;
  runSync(file: string, args: string[], cwd: string): void;
  /** Gives the directory to the user the server runs as. */
  own(dir: string): void;
}

function createRunner(): Runner {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot) {
    return {
      run: async (file, args, cwd) => {
        await execFileAsync(file, args, { cwd });
      },
      runSync: (file, args, cwd) => {
        spawnSync(file, args, { cwd, stdio: "ignore" });
      },
      own: () => undefined,
    };
  }

  // initdb and postgres refuse to run as root, which is how CI runs: switch to `postgres`.
  const user = lookupUser("postgres");
  const runuser = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"].find(isExecutable);
  const wrap = (file: string, args: string[]): [string, string[]] =>
    runuser
      ? [runuser, ["-u", "postgres", "--", file, ...args]]
      : ["su", ["postgres", "-s", "/bin/sh", "-c", [file, ...args].map(shellQuote).join(" ")]];
  return {
    run: async (file, args, cwd) => {
      const [command, commandArgs] = wrap(file, args);
      await execFileAsync(command, commandArgs, { cwd });
    },
    runSync: (file, args, cwd) => {
      const [command, commandArgs] = wrap(file, args);
      spawnSync(command, commandArgs, { cwd, stdio: "ignore" });
    },
    own: (dir) => fs.chownSync(dir, user.uid, user.gid),
  };
}

function lookupUser(name: string): { uid: number; gid: number } {
  try {
    const uid = Number(execFileSync("id", ["-u", name], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
    const gid = Number(execFileSync("id", ["-g", name], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
    return { uid, gid };
  } catch {
    throw new Error(
      `Running as root, but there is no "${name}" OS user to run PostgreSQL as (initdb refuses root). ` +
        "Installing PostgreSQL creates it (`apt-get install -y postgresql`), or run the tests as a normal user.",
    );
  }
}

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** A port that was free a moment ago: the kernel's pick for an ephemeral bind on loopback. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("Could not determine a free port"));
      });
    });
  });
}

// Servers still running when the process exits (a crashed run, a forgotten stop) are shut down
// synchronously, so no orphaned postgres keeps a port and a temp directory.
const runningServers = new Set<() => void>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const stopNow of runningServers) stopNow();
  });
}

export async function startPostgresServer(): Promise<PostgresServer> {
  const binaries = findPostgresBinaries();
  const runner = createRunner();

  const baseDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyward-pg-"));
  const dataDir = path.join(baseDir, "data");
  const logFile = path.join(baseDir, "postgres.log");
  runner.own(baseDir);

  const removeBaseDir = () => fs.rmSync(baseDir, { recursive: true, force: true });

  try {
    // --no-sync and fsync=off: durability is worthless for a throwaway cluster and costs seconds.
    // Locale C keeps initdb independent of whatever locales the machine has generated.
    await runner.run(
      binaries.initdb,
      ["-D", dataDir, "-A", "trust", "-U", "postgres", "--no-sync", "--encoding=UTF8", "--locale=C"],
      baseDir,
    );
  } catch (error) {
    removeBaseDir();
    throw new Error(`initdb failed: ${describeExecError(error)}`, { cause: error });
  }

  let port = 0;
  let running = false;
  let removed = false;

  const pgCtlStart = async () => {
    // -l sends the server's output to a file: otherwise the server inherits pg_ctl's stdout pipe
    // and execFile would wait for the server to exit.
    const options = `-p ${port} -k ${baseDir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
    await runner.run(binaries.pgCtl, ["-D", dataDir, "-l", logFile, "-o", options, "-w", "-t", "60", "start"], baseDir);
  };
  const pgCtlStopArgs = (mode: string) => ["-D", dataDir, "-m", mode, "-w", "-t", "60", "stop"];
  const stopNow = () => {
    runner.runSync(binaries.pgCtl, pgCtlStopArgs("immediate"), os.tmpdir());
    removeBaseDir();
  };

  const start = async () => {
    if (removed) throw new Error("This PostgreSQL server was stopped without keepData; start a new one.");
    if (running) return;
    try {
      await pgCtlStart();
    } catch (error) {
      throw new Error(`PostgreSQL did not start on port ${port}: ${describeExecError(error)}\n${tailOfLog(logFile)}`, {
        cause: error,
      });
    }
    running = true;
    runningServers.add(stopNow);
  };

  // The free port can be taken by someone else between the probe and the server's bind: retry
  // with a new one. (Restarts reuse the port: clients hold URLs with it.)
  for (let attempt = 1; ; attempt++) {
    port = await findFreePort();
    try {
      await start();
      break;
    } catch (error) {
      if (attempt >= 3) {
        removeBaseDir();
        removed = true;
        throw error;
      }
    }
  }
  installExitHook();

  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    baseDir,
    get running() {
      return running;
    },
    createDatabase: (name) => createDatabase(url, name),
    async stop(options = {}) {
      try {
        if (running) {
          runningServers.delete(stopNow);
          running = false;
          await runner.run(binaries.pgCtl, pgCtlStopArgs(options.mode ?? "immediate"), os.tmpdir());
        }
      } finally {
        // Even if pg_ctl failed (say, the server was already killed), the directory must go.
        if (!options.keepData && !removed) {
          removed = true;
          removeBaseDir();
        }
      }
    },
    start,
  };
}

const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Returns `url` pointing at database `name` instead. */
export function databaseUrl(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Creates database `name` on the server behind `adminUrl` and returns its URL. */
export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  if (!DATABASE_NAME.test(name)) throw new Error(`Not a safe database name: ${JSON.stringify(name)}`);
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  return databaseUrl(adminUrl, name);
}

/**
 * Drops database `name`. pg's `Pool.end()` resolves before its sockets have closed, so sessions
 * of a just-closed pool may linger for a few milliseconds: wait for them rather than kill them
 * (killing makes the pool log "terminating connection" errors). Sessions a test leaked are
 * terminated after a second.
 */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  if (!DATABASE_NAME.test(name)) throw new Error(`Not a safe database name: ${JSON.stringify(name)}`);
  await withClient(adminUrl, async (client) => {
    const deadline = Date.now() + 1_000;
    while (Date.now() < deadline) {
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}"`);
        return;
      } catch (error) {
        // 55006 object_in_use: "database … is being accessed by other users".
        if (!(error instanceof Error && "code" in error && error.code === "55006")) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function describeExecError(error: unknown): string {
  if (error instanceof Error) {
    const stderr = "stderr" in error && typeof error.stderr === "string" ? error.stderr.trim() : "";
    return stderr ? `${error.message.split("\n")[0]}\n${stderr}` : error.message;
  }
  return String(error);
}

function tailOfLog(file: string): string {
  try {
    return `Server log (last lines):\n${fs.readFileSync(file, "utf8").split("\n").slice(-20).join("\n")}`;
  } catch {
    return "(no server log)";
  }
}
