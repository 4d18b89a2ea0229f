import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect } from "@playwright/test";

/**
 * A `next start` of its own (the build the suite's web server made) on its own data directory
 * and port, for tests that need a setting or a stop the shared server must not see.
 */
export interface OwnServer {
  base: string;
  dataDir: string;
  process: ChildProcess;
  /** Resolves with the exit code once the server has exited. */
  exited(): Promise<number | null>;
  /** Kills it if still running and removes its data directory. */
  dispose(): void;
}

export async function startOwnServer(env: Record<string, string> = {}): Promise<OwnServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "keyward-own-server-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // As `npm start` runs it: NEXT_MANUAL_SIG_HANDLE leaves SIGTERM to Keyward's own handler.
  const child = spawn(path.join("node_modules", ".bin", "next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, KEYWARD_DATA_DIR: dataDir, NEXT_MANUAL_SIG_HANDLE: "true", NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: "ignore",
  });
  const server: OwnServer = {
    base,
    dataDir,
    process: child,
    exited: () => new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code)))),
    dispose() {
      if (child.exitCode === null) child.kill("SIGKILL");
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await expect.poll(async () => (await fetch(`${base}/api/health`).catch(() => null))?.status ?? 0, { timeout: 30_000 }).toBe(200);
  } catch (error) {
    server.dispose();
    throw error;
  }
  return server;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}
