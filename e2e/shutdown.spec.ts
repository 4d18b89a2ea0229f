import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { expect, test } from "@playwright/test";
import { startOwnServer } from "./own-server";

/*
 * "Nothing lost when the server stops normally": last-used times and the request log are
 * written in batches about once a second, so a stop must write what is still buffered. This
 * starts its own `next start` (the build the suite's web server made) on its own data directory,
 * sends requests, stops it with SIGTERM right after the last one, and reads the database.
 */

const REQUESTS = 30;

test("a normal stop (SIGTERM) writes every buffered request-log entry and last-used time", async ({ page }) => {
  test.setTimeout(90_000);
  const server = await startOwnServer();
  const { base } = server;
  try {
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
    server.process.kill("SIGTERM");
    expect(await server.exited()).toBe(143);

    const db = new PGlite(path.join(server.dataDir, "pglite"));
    try {
      const logged = await db.query<{ count: number }>(`SELECT count(*)::int AS count FROM "RequestLog" WHERE "path" LIKE '/v1/%'`);
      expect(logged.rows[0]?.count).toBe(REQUESTS + 1);
      const key = await db.query<{ lastUsedAt: Date | null }>(`SELECT "lastUsedAt" FROM "ApiKey" WHERE "name" = 'server'`);
      expect(key.rows[0]?.lastUsedAt).not.toBeNull();
    } finally {
      await db.close();
    }
  } finally {
    server.dispose();
  }
});
