import { expect, test } from "./fixtures";
import { AuditLogPage, CredentialPage } from "./pages/audit";

/*
 * The audit trail of a key's life: created in the console, used on the data API (one request
 * refused for its scope), deleted. The Audit Log, filtered by the key, shows its lifecycle; the
 * key's own page shows the same events merged with its requests per hour. Requests are written
 * in a background batch about once a second, so those checks poll.
 */

const POSTS = "/v1/data/posts";

test("a key's lifecycle and requests show in the Audit Log and on the key's page", async ({ page, account, apiKeysPage }) => {
  const api = page.request;
  const auditLog = new AuditLogPage(page);
  const keyPage = new CredentialPage(page);

  const pk = await test.step("create keys and use the publishable one on the data API", async () => {
    const sk = await apiKeysPage.createAndStoreSecretKey("setup");
    const created = await api.post("/v1/tables", { headers: { Authorization: `Bearer ${sk}` }, data: { name: "posts" } });
    expect(created.status(), await created.text()).toBe(201);
    const pk = await apiKeysPage.createPublishableKey("audited-web");
    for (let i = 0; i < 2; i++) expect((await api.get(POSTS, { headers: { "X-API-Key": pk } })).status()).toBe(200);
    const refused = await api.post(POSTS, { headers: { "X-API-Key": pk }, data: { title: "Nope" } });
    expect(refused.status()).toBe(403);
    return pk;
  });

  const keyId = await test.step("delete it", async () => {
    const keyId = await apiKeysPage.keyId("audited-web");
    const { dialog, confirmName, confirm } = await apiKeysPage.openDelete("audited-web");
    await confirmName.fill("audited-web");
    await confirm.click();
    await expect(dialog).toBeHidden();
    expect((await api.get(POSTS, { headers: { "X-API-Key": pk } })).status()).toBe(401);
    return keyId;
  });

  await test.step("the Audit Log, filtered by the key, shows its creation and deletion", async () => {
    await auditLog.open();
    await expect(auditLog.section.getByRole("columnheader")).toHaveText(["Time", "Actor", "Action", "Target", "IP"]);
    await auditLog.filterByTarget("audited-web");
    await expect(auditLog.rows()).toHaveCount(2);
    expect(await auditLog.columnTexts("Action")).toEqual(["API key deleted", "API key created"]);
    for (const actor of await auditLog.columnTexts("Actor")) expect(actor).toContain(account.credentials.email);
    // The sign-up's own events are filtered out; the unfiltered log has them and the sign-in.
    await expect(auditLog.section).not.toContainText("Account created");
  });

  await test.step("the key's page shows the tombstone, both events and the request activity", async () => {
    await auditLog.rows().first().getByRole("link", { name: "audited-web" }).click();
    await expect(keyPage.heading("audited-web")).toBeVisible();
    expect(new URL(page.url()).pathname).toBe(`${account.apiKeysPath}/${keyId}`);
    await keyPage.reloadUntilActivity("3 calls · 1 denied (INSUFFICIENT_SCOPE ×1)");
    await expect(keyPage.detail("Status")).toHaveText("Deleted");
    await expect(keyPage.detail("Environment")).toHaveText("dev");
    await expect(keyPage.detail("Key")).toHaveText(`${pk.slice(0, 3)}…${pk.slice(-4)}`);
    await expect(keyPage.activity.getByText("API key deleted")).toBeVisible();
    await expect(keyPage.activity.getByText("API key created")).toBeVisible();
    await expect(keyPage.activity.getByText(`by ${account.credentials.name} (${account.credentials.email})`).first()).toBeVisible();
  });
});

test("a token's page shows its scopes and lifecycle; other organizations cannot open a key's or token's page", async ({
  page,
  account,
  apiKeysPage,
  accessTokensPage: tokens,
  otherUser,
}) => {
  const credentialPage = new CredentialPage(page);
  await apiKeysPage.createPublishableKey("private-web");
  const keyId = await apiKeysPage.keyId("private-web");

  const tokenPath = await test.step("the token's name in the Access Tokens table opens its page", async () => {
    await tokens.open();
    await tokens.createToken({ name: "ci-reader", scopes: ["project:read", "apikey:read"] });
    await tokens.row("active", "ci-reader").getByRole("link", { name: "ci-reader" }).click();
    await expect(credentialPage.heading("ci-reader")).toBeVisible();
    await expect(credentialPage.detail("Permission Scope")).toHaveText(/project:read\s*apikey:read/);
    await expect(credentialPage.detail("Status")).toHaveText("Active");
    await expect(credentialPage.activity.getByText("Access token created")).toBeVisible();
    return new URL(page.url()).pathname;
  });

  await test.step("another organization's member gets 404 for both, even under their own organization", async () => {
    const b = await otherUser("b");
    const tokenId = tokenPath.split("/").at(-1) ?? "";
    const paths = [
      `${account.apiKeysPath}/${keyId}`,
      tokenPath,
      `${b.account.apiKeysPath}/${keyId}`,
      `/${b.account.orgSlug}/access-tokens/${tokenId}`,
    ];
    for (const path of paths) {
      const response = await b.page.goto(path);
      await expect(b.page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
      expect(response?.status(), `status of ${path}`).toBe(404);
      await expect(b.page.getByText("private-web")).toHaveCount(0);
      await expect(b.page.getByText("ci-reader")).toHaveCount(0);
    }
  });
});
