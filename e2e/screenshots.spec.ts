import path from "node:path";
import { expect, signUp, test } from "./fixtures";
import { AccessTokensPage, isoDay, tokenHeaders } from "./pages/access-tokens";
import { ApiKeysPage } from "./pages/api-keys";
import { AuditLogPage, CredentialPage } from "./pages/audit";
import { LogsPage, TablesPage } from "./pages/logs";
import { RolesPage } from "./pages/roles";
import { SettingsPage } from "./pages/settings";
import { SignInPage } from "./pages/sign-in";
import { SignUpPage } from "./pages/sign-up";

/*
 * Full-page screenshots of every screen, in light and dark mode, for review by eye. They land in
 * test-results/screenshots/<screen>-<scheme>.png (git-ignored). The theme follows the system
 * by default, so emulating prefers-color-scheme selects it.
 */
const SCREENSHOT_DIR = path.join(__dirname, "..", "test-results", "screenshots");

test.use({ viewport: { width: 1440, height: 900 } });

for (const scheme of ["light", "dark"] as const) {
  test(`screenshots (${scheme})`, async ({ page, request }) => {
    // Some forty screens, each waiting for its state: far longer than a test of one feature.
    test.setTimeout(300_000);
    await page.emulateMedia({ colorScheme: scheme });
    /** The whole page, or with `{ fullPage: false }` the viewport where it is scrolled to (long pages). */
    const shoot = async (name: string, { fullPage = true } = {}) => {
      // next-themes has applied the emulated system scheme.
      await expect(page.locator("html")).toHaveClass(new RegExp(`(^|\\s)${scheme}(\\s|$)`));
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${scheme}.png`), fullPage, animations: "disabled" });
    };

    await test.step("sign-in", async () => {
      const signIn = new SignInPage(page);
      await signIn.goto();
      await expect(signIn.submit).toBeVisible();
      await shoot("sign-in");
    });

    await test.step("sign-up", async () => {
      const signUpPage = new SignUpPage(page);
      await signUpPage.goto();
      await expect(signUpPage.submit).toBeVisible();
      await expect(page.getByText("At least 10 characters.")).toBeVisible();
      await shoot("sign-up");
    });

    const account = await signUp(page, `shots-${scheme}`);
    const keys = new ApiKeysPage(page);

    await test.step("api-keys-empty", async () => {
      await keys.expectLoaded();
      await expect(keys.emptyState("secret", "dev")).toBeVisible();
      await shoot("api-keys-empty");
    });

    await test.step("secret-reveal", async () => {
      for (const name of ["web-app", "ios-app", "marketing-site"]) await keys.createPublishableKey(name);
      await keys.createAndStoreSecretKey("billing-worker");
      await keys.goto(account.apiKeysPath); // no toasts from the keys above in the picture
      const { reveal } = await keys.createSecretKey("server-key");
      await expect(reveal.getByText("This key will not be shown again")).toBeVisible();
      await shoot("secret-reveal");
      await reveal.getByRole("button", { name: "Copy", exact: true }).click();
      await reveal.getByRole("button", { name: "Done" }).click();
      await expect(reveal).toBeHidden();
    });

    await test.step("api-keys", async () => {
      // A fresh load, so no toast from the steps above is in the picture.
      await keys.goto(account.apiKeysPath);
      await expect(keys.rows("publishable")).toHaveCount(3);
      await expect(keys.rows("secret")).toHaveCount(2);
      await shoot("api-keys");
    });

    await test.step("delete-dialog", async () => {
      const { confirmName, confirm } = await keys.openDelete("ios-app");
      await confirmName.fill("ios-app");
      await expect(confirm).toBeEnabled();
      await shoot("delete-dialog");
      await page.keyboard.press("Escape");
    });

    await test.step("key-create-dialog", async () => {
      const dialog = await keys.openCreate("secret", "reports-exporter");
      await dialog.getByLabel("Key Prefix").fill("acme");
      await dialog.getByRole("button", { name: "Add context entry" }).click();
      await dialog.getByLabel("Context key 1").fill("customerId");
      await dialog.getByLabel("Context value 1").fill("cus_8fd2");
      await dialog.getByRole("button", { name: "Add context entry" }).click();
      await dialog.getByLabel("Context key 2").fill("region");
      await dialog.getByLabel("Context value 2").fill("eu-west");
      await dialog.getByRole("combobox", { name: "Expires" }).click();
      await page.getByRole("option", { name: "7 days", exact: true }).click();
      await expect(dialog.getByTestId("key-prefix-preview")).toHaveText("acme_sk_••••");
      await shoot("key-create-dialog");
      await dialog.getByRole("button", { name: "Create Key", exact: true }).click();
      const reveal = keys.dialog("Secret key created");
      await keys.copyAndCloseReveal(reveal, "reports-exporter", (await reveal.getByTestId("secret-key-value").textContent()) ?? "");
    });

    await test.step("key-roll-dialog", async () => {
      await keys.rowAction("billing-worker", "Roll key");
      const dialog = keys.dialog("Roll key");
      await dialog.getByRole("combobox", { name: "Old key keeps working" }).click();
      await page.getByRole("option", { name: "1 hour", exact: true }).click();
      await expect(dialog.getByText("Both work for the next hour")).toBeVisible();
      await shoot("key-roll-dialog");
      await page.keyboard.press("Escape");
      await expect(dialog).toBeHidden();
      await keys.rollKey(keys.row("secret", "billing-worker"), "1 hour");
    });

    await test.step("api-keys-rolled", async () => {
      await keys.goto(account.apiKeysPath); // no toasts in the picture
      await expect(keys.rows("secret")).toHaveCount(4);
      await expect(keys.section("secret")).toContainText(/Stops working in \d+ min/);
      await expect(page.getByRole("status").filter({ hasText: "1 key expires within 7 days" })).toBeVisible();
      await shoot("api-keys-rolled");
    });

    await test.step("key-edit-dialog", async () => {
      await keys.rowAction("reports-exporter", "Edit");
      const dialog = keys.dialog("Edit key");
      await expect(dialog.getByRole("textbox", { name: /^Context key \d+$/ })).toHaveCount(2);
      await shoot("key-edit-dialog");
      await page.keyboard.press("Escape");
      await expect(dialog).toBeHidden();
    });

    await test.step("account-menu", async () => {
      await keys.accountMenu.click();
      await expect(page.getByRole("menuitemradio", { name: "System" })).toHaveAttribute("aria-checked", "true");
      await shoot("account-menu");
      await page.keyboard.press("Escape");
    });

    const projectId = await test.step("settings", async () => {
      await page.getByRole("link", { name: "Settings", exact: true }).click();
      const settings = new SettingsPage(page);
      await settings.expectLoaded();
      await shoot("settings");
      return (await settings.projectId.textContent()) ?? "";
    });

    const tokens = new AccessTokensPage(page);

    await test.step("token-create-dialog", async () => {
      await tokens.open();
      await tokens.openCreate();
      await tokens.tokenName.fill("ci-pipeline");
      await tokens.scope("*:*").check();
      await expect(tokens.scope("apikey:delete")).toBeChecked();
      await shoot("token-create-dialog");
    });

    await test.step("token-reveal", async () => {
      const token = await tokens.submitCreate();
      await expect(tokens.reveal.getByText("This token will not be shown again")).toBeVisible();
      await shoot("token-reveal");
      await tokens.copyAndCloseReveal();
      // Used once, so "Last used" shows a time in the pictures below.
      const used = await request.get(`/api/v1/projects/${projectId}`, { headers: tokenHeaders("BEARER_TOKEN", token) });
      expect(used.status()).toBe(200);
    });

    await test.step("access-tokens", async () => {
      await tokens.createToken({
        name: "deploy-bot",
        type: "API_KEY",
        scopes: ["project:read", "environment:read", "dashboard:read", "apikey:read", "apikey:create"],
        expiry: "1 year",
      });
      // Within a week of its expiry: the Expires cell warns.
      await tokens.createToken({ name: "metrics-reader", scopes: ["dashboard:read"], expiry: { date: isoDay(3) } });
      await tokens.createToken({ name: "terraform", type: "API_KEY", scopes: ["project:read", "project:create", "project:update"], expiry: "Never" });
      await tokens.createToken({ name: "old-laptop", scopes: ["project:read", "apikey:read"] });
      await tokens.revoke("old-laptop");
      // A fresh load (no toast from the steps above in the picture), with ci-pipeline's use recorded.
      await tokens.reloadUntilUsed("ci-pipeline");
      await tokens.expectCount("active", 4);
      await tokens.expectCount("inactive", 1);
      await expect(tokens.row("active", "metrics-reader")).toContainText(/Expires in \d days?/);
      await shoot("access-tokens");
    });

    await test.step("token-permissions", async () => {
      await tokens.row("active", "deploy-bot").getByRole("button", { name: "3 more scopes: view all permissions" }).click();
      const dialog = tokens.permissionsDialog("deploy-bot");
      await expect(dialog.getByRole("listitem")).toHaveCount(5);
      await shoot("token-permissions");
      await page.keyboard.press("Escape");
      await expect(dialog).toBeHidden();
    });

    await test.step("access-tokens-rolled", async () => {
      await tokens.rowAction(tokens.row("active", "terraform"), "Roll token");
      const dialog = page.getByRole("dialog", { name: "Roll token" });
      await dialog.getByRole("combobox", { name: "Old token keeps working" }).click();
      await page.getByRole("option", { name: "Until 1 hour after the new key is first used", exact: true }).click();
      await dialog.getByRole("button", { name: "Roll token", exact: true }).click();
      const reveal = page.getByRole("dialog", { name: "New token created" });
      await reveal.getByRole("button", { name: "Copy", exact: true }).click();
      await reveal.getByRole("button", { name: "Done", exact: true }).click();
      await expect(reveal).toBeHidden();
      await tokens.goto(account.orgSlug); // no toast in the picture
      await expect(tokens.rows("active").filter({ hasText: "Waiting for the new token's first use" })).toHaveCount(1);
      await shoot("access-tokens-rolled");
    });

    await test.step("token-revoke", async () => {
      const { dialog, confirm } = await tokens.openRevoke("metrics-reader");
      await expect(confirm).toBeEnabled();
      await shoot("token-revoke");
      await dialog.getByRole("button", { name: "Cancel" }).click();
      await expect(dialog).toBeHidden();
    });

    await test.step("tables", async () => {
      // Data for the Tables and Logs pictures: two tables filled with a secret key, read with a
      // publishable one, and one refused write.
      await keys.goto(account.apiKeysPath);
      const pk = (await keys.publishableValue("web-app").textContent()) ?? "";
      const sk = await keys.createAndStoreSecretKey("data-loader");
      const secret = { Authorization: `Bearer ${sk}` };
      for (const name of ["posts", "comments"]) {
        expect((await request.post("/v1/tables", { headers: secret, data: { name } })).status()).toBe(201);
      }
      for (const title of ["Hello", "Second post", "Draft"]) {
        expect((await request.post("/v1/data/posts", { headers: secret, data: { title, published: title !== "Draft" } })).status()).toBe(201);
      }
      expect((await request.post("/v1/data/comments", { headers: secret, data: { body: "Nice!" } })).status()).toBe(201);
      expect((await request.get("/v1/data/posts", { headers: { "X-API-Key": pk } })).status()).toBe(200);
      expect((await request.post("/v1/data/posts", { headers: { "X-API-Key": pk }, data: { title: "Nope" } })).status()).toBe(403);
      const tables = new TablesPage(page);
      await tables.open();
      await expect(tables.rowCount("posts")).toHaveText("3");
      await expect(tables.rowCount("comments")).toHaveText("1");
      await page.reload(); // no "Copied to clipboard" toast from data-loader in the picture
      await tables.expectLoaded();
      await expect(tables.rowCount("posts")).toHaveText("3");
      await shoot("tables");
    });

    await test.step("roles", async () => {
      const roles = new RolesPage(page);
      await roles.open();
      await expect(roles.emptyState).toBeVisible();
      await shoot("roles-empty");

      // Two grants and a filter; posts and comments (from the step above) are suggested.
      const dialog = await roles.openCreate();
      await dialog.getByLabel("Name", { exact: true }).fill("customer-orders");
      await dialog.getByLabel("Description", { exact: true }).fill("Storefront backends: each key sees its own customer's data");
      await roles.fillGrant(dialog, 1, {
        table: "posts",
        actions: ["Read", "Update"],
        conditions: [
          { field: "customerId", context: "customerId" },
          { field: "status", text: "published" },
        ],
      });
      await roles.fillGrant(dialog, 2, { table: "*", actions: ["Read"] });
      // No open suggestion list in the picture, and the live preview in view above the footer.
      await dialog.getByLabel("Name", { exact: true }).focus();
      await dialog.getByRole("region", { name: "Preview" }).scrollIntoViewIfNeeded();
      await shoot("role-dialog");
      await roles.submit(dialog, "Create role");

      for (const [name, description, grant] of [
        ["read-only", "Dashboards and reports", { table: "*", actions: ["Read"] }],
        ["comment-moderator", "", { table: "comments", actions: ["Read", "Update", "Delete"], conditions: [{ field: "flagged", text: "yes" }] }],
      ] as const) {
        const next = await roles.openCreate();
        await next.getByLabel("Name", { exact: true }).fill(name);
        await next.getByLabel("Description", { exact: true }).fill(description);
        await roles.fillGrant(next, 1, { ...grant, actions: [...grant.actions], conditions: "conditions" in grant ? [...grant.conditions] : [] });
        await roles.submit(next, "Create role");
      }
      await page.reload(); // no toasts in the picture
      await roles.expectLoaded();
      await expect(roles.rows()).toHaveCount(3);
      await shoot("roles");
    });

    await test.step("logs", async () => {
      const logs = new LogsPage(page);
      await logs.open();
      await logs.reloadUntilCount(8);
      await shoot("logs");
    });

    await test.step("audit-log", async () => {
      const auditLog = new AuditLogPage(page);
      await auditLog.open();
      await expect(auditLog.rows().first()).toBeVisible();
      await shoot("audit-log");
    });

    await test.step("api-key", async () => {
      // web-app: created, read with, refused a write (the data of the Logs picture).
      await keys.goto(account.apiKeysPath);
      await keys.row("publishable", "web-app").getByRole("link", { name: "web-app" }).click();
      const keyPage = new CredentialPage(page);
      await expect(keyPage.heading("web-app")).toBeVisible();
      await keyPage.reloadUntilActivity(/1 denied \(INSUFFICIENT_SCOPE ×1\)/);
      await shoot("api-key");
    });

    await test.step("secret-key", async () => {
      // reports-exporter: a custom prefix, context, and an expiry inside the warning window.
      await keys.goto(account.apiKeysPath);
      await keys.row("secret", "reports-exporter").getByRole("link", { name: "reports-exporter" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "reports-exporter" })).toBeVisible();
      await expect(page.getByRole("list", { name: "Context" })).toContainText("customerId");
      await shoot("secret-key");
    });

    await test.step("organization-settings", async () => {
      await page.getByRole("link", { name: "Organization settings", exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Organization settings" })).toBeVisible();
      await shoot("organization-settings");
    });

    await test.step("api-reference", async () => {
      await page.getByRole("link", { name: "API Reference", exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name: "API Reference" })).toBeVisible();
      await expect(page.getByRole("region", { name: "List projects", exact: true })).toBeVisible();
      await shoot("api-reference");
      const selfRoll = page.getByRole("region", { name: "Roll the calling token", exact: true });
      await selfRoll.scrollIntoViewIfNeeded();
      await expect(selfRoll).toBeInViewport();
      await shoot("api-reference-token-roll", { fullPage: false });
    });

    await test.step("not-found", async () => {
      await page.goto("/no-such-org/no-such-project/api-keys");
      await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
      await shoot("not-found");
    });
  });
}
