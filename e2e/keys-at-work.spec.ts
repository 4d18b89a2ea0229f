import { expect, test } from "./fixtures";
import type { ApiKeysPage, KeyKind } from "./pages/api-keys";

/*
 * Keys at work: keys made in the console call the data API with the headers the seeds use
 * (README), and the console reflects it — "Last used", the request log, the tables. Usage and
 * the log are written in a background batch about once a second, so every check of them polls.
 */

const POSTS = "/v1/data/posts";

/** The "Last used" cell of a key. */
function lastUsed(apiKeys: ApiKeysPage, kind: KeyKind, name: string) {
  return apiKeys.cell(kind, name, "Last used");
}

test("keys made in the console call the data API; deleting one locks it out; Logs, Last used and Tables follow", async ({
  page,
  account,
  apiKeysPage,
  settingsPage,
  logsPage,
  tablesPage,
}) => {
  const api = page.request;

  const { pk, sk } = await test.step("create a publishable and a secret key", async () => {
    const pk = await apiKeysPage.createPublishableKey("web-app");
    expect(pk).toMatch(/^pk_[0-9A-Za-z]{36}$/);
    const sk = await apiKeysPage.createAndStoreSecretKey("server");
    await expect(lastUsed(apiKeysPage, "publishable", "web-app")).toHaveText("Never");
    await expect(lastUsed(apiKeysPage, "secret", "server")).toHaveText("Never");
    return { pk, sk };
  });

  const projectId = await test.step("read the Project ID from Settings", async () => {
    await page.getByRole("link", { name: "Settings", exact: true }).click();
    await settingsPage.expectLoaded();
    return (await settingsPage.projectId.textContent()) ?? "";
  });

  await test.step("call the data API with the keys", async () => {
    const created = await api.post("/v1/tables", { headers: { Authorization: `Bearer ${sk}` }, data: { name: "posts" } });
    expect(created.status(), await created.text()).toBe(201);

    const row = await api.post(POSTS, { headers: { Authorization: `Bearer ${sk}` }, data: { title: "Hello", published: true } });
    expect(row.status(), await row.text()).toBe(201);

    // Seed header set 1: the publishable key alone.
    const read = await api.get(POSTS, { headers: { "X-API-Key": pk } });
    expect(read.status(), await read.text()).toBe(200);
    const readBody = await read.json();
    expect(readBody.data).toHaveLength(1);
    expect(JSON.stringify(readBody.data[0])).toContain('"title":"Hello"');
    expect(JSON.stringify(readBody.data[0])).toContain('"published":true');

    // Seed header set 2: both keys with the project and environment named.
    const both = await api.get(POSTS, {
      headers: { "X-API-Key": pk, Authorization: `Bearer ${sk}`, "X-Project-Id": projectId, "X-Environment": "dev" },
    });
    expect(both.status(), await both.text()).toBe(200);
    expect((await both.json()).data).toHaveLength(1);

    // A publishable key reads only.
    const write = await api.post(POSTS, { headers: { "X-API-Key": pk }, data: { title: "Nope" } });
    expect(write.status(), await write.text()).toBe(403);
    expect((await write.json()).error.code).toBe("INSUFFICIENT_SCOPE");
  });

  await test.step('"Last used" is set for both keys', async () => {
    await expect(async () => {
      await page.goto(account.apiKeysPath);
      await apiKeysPage.expectLoaded();
      await expect(lastUsed(apiKeysPage, "publishable", "web-app")).not.toHaveText("Never", { timeout: 1_000 });
      await expect(lastUsed(apiKeysPage, "secret", "server")).not.toHaveText("Never", { timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
  });

  await test.step("deleting web-app refuses its very next call", async () => {
    const { dialog, confirmName, confirm } = await apiKeysPage.openDelete("web-app");
    await confirmName.fill("web-app");
    await confirm.click();
    await expect(dialog).toBeHidden();
    await expect(apiKeysPage.row("publishable", "web-app")).toHaveCount(0);

    const refused = await api.get(POSTS, { headers: { "X-API-Key": pk } });
    expect(refused.status(), await refused.text()).toBe(401);
    const body = await refused.json();
    expect(body.error.code).toBe("UNAUTHENTICATED");
    // The secret key still works.
    expect((await api.get(POSTS, { headers: { Authorization: `Bearer ${sk}` } })).status()).toBe(200);
  });

  await test.step("Logs lists the attributed requests", async () => {
    await logsPage.open();
    // 6 authenticated requests: POST /v1/tables, POST row, GET (pk), GET (pk + sk, decided by
    // sk), POST (pk, 403), GET (sk, after the delete). The 401 with the deleted key is not
    // attributable to a live credential and is not logged.
    await logsPage.reloadUntilCount(6);
    await expect(logsPage.section.getByRole("columnheader")).toHaveText([
      "Time", "Key", "Method", "Path", "Status", "Latency", "IP",
    ]);
    await expect(logsPage.row({ method: "POST", path: "/v1/tables", status: 201, key: "server" })).toHaveCount(1);
    await expect(logsPage.row({ method: "POST", path: POSTS, status: 201, key: "server" })).toHaveCount(1);
    await expect(logsPage.row({ method: "GET", path: POSTS, status: 200, key: "web-app" })).toHaveCount(1);
    await expect(logsPage.row({ method: "GET", path: POSTS, status: 200, key: "server" })).toHaveCount(2);
    await expect(logsPage.row({ method: "POST", path: POSTS, status: 403, key: "web-app" })).toHaveCount(1);
    await expect(logsPage.rows().filter({ hasText: "401" })).toHaveCount(0);
    // No secret in the log.
    await expect(logsPage.section).not.toContainText(sk);
    await expect(logsPage.section).not.toContainText(pk);
  });

  await test.step("filter by status 4xx", async () => {
    await logsPage.filterByStatus("4xx client error");
    await expect(logsPage.rows()).toHaveCount(1);
    expect(await logsPage.columnTexts("Status")).toEqual(["403"]);
    await logsPage.clearFilters();
    await expect(logsPage.rows()).toHaveCount(6);
  });

  await test.step('filter by key "server"', async () => {
    await logsPage.filterByKey("server");
    await expect(logsPage.rows()).toHaveCount(4);
    expect(await logsPage.keyNames()).toEqual(["server", "server", "server", "server"]);
    // The deleted key stays in the filter: its requests are still in the log.
    await logsPage.filterByKey("web-app");
    await expect(logsPage.rows()).toHaveCount(2);
    expect(await logsPage.columnTexts("Status")).toEqual(expect.arrayContaining(["200", "403"]));
  });

  await test.step("Tables shows posts with its row", async () => {
    await tablesPage.open();
    await expect(tablesPage.rows()).toHaveCount(1);
    await expect(tablesPage.rowCount("posts")).toHaveText("1");
    await expect(tablesPage.section).toContainText("1 row in all.");
  });
});
