import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { expect, test } from "@playwright/test";

/*
 * "Nothing lost when the server stops normally": last-used times and the request log are
 * written in batches about once a second, so a stop must write what is still buffered. This
 * starts its own `next start` (the build the suite's web server made) on its own data directory,
 * sends requests, stops it with SIGTERM right after the last one, and reads the database.
 */

const REQUESTS = 30;

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

function startServer(port: number, dataDir: string): ChildProcess {
  // As `npm start` runs it: NEXT_MANUAL_SIG_HANDLE leaves SIGTERM to Keyward's own handler.
  return spawn(path.join("node_modules", ".bin", "next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, KEYWARD_DATA_DIR: dataDir, NEXT_MANUAL_SIG_HANDLE: "true", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code))));
}

test("a normal stop (SIGTERM) writes every buffered request-log entry and last-used time", async ({ page }) => {
  test.setTimeout(90_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "keyward-shutdown-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = startServer(port, dataDir);
  try {
    await expect.poll(async () => (await fetch(`${base}/api/health`).catch(() => null))?.status ?? 0, { timeout: 30_000 }).toBe(200);

    await page.goto(`${base}/sign-up`);
    await page.getByLabel("Name").fill("Shutdown Test");
    await page.getByLabel("Email").fill(`shutdown-${Date.now()}@example.test`);
    await page.getByLabel("Password").fill("correct horse battery staple");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(/\/api-keys/);
    await expect(page.getByRole("combobox", { name: "Environment" })).toContainText("dev");
    await page.getByRole("button", { name: "Add new API key" }).click();
    await page.getByLabel("Name").fill("server");
    await page.getByRole("button", { name: "Create" }).click();
    const secret = (await page.getByTestId("secret-key-value").textContent()) ?? "";
    expect(secret).toMatch(/^sk_/);

    const headers = { Authorization: `Bearer ${secret}` };
    const created = await page.request.post(`${base}/v1/tables`, { headers, data: { name: "posts" } });
    expect(created.status()).toBe(201);
    for (let i = 0; i < REQUESTS; i++) {
      expect((await page.request.get(`${base}/v1/data/posts`, { headers })).status()).toBe(200);
    }
    // At once: the last requests are still in the one-second buffer.
    server.kill("SIGTERM");
    expect(await exited(server)).toBe(143);

    const db = new PGlite(path.join(dataDir, "pglite"));
    try {
      const logged = await db.query<{ count: number }>(`SELECT count(*)::int AS count FROM "RequestLog" WHERE "path" LIKE '/v1/%'`);
      expect(logged.rows[0]?.count).toBe(REQUESTS + 1);
      const key = await db.query<{ lastUsedAt: Date | null }>(`SELECT "lastUsedAt" FROM "ApiKey" WHERE "name" = 'server'`);
      expect(key.rows[0]?.lastUsedAt).not.toBeNull();
    } finally {
      await db.close();
    }
  } finally {
    if (server.exitCode === null) server.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  }
});
