import { expect, readClipboard, test } from "./fixtures";
import { maskedSecret } from "./pages/api-keys";

test.describe("API keys", () => {
  test("a publishable key is listed and copied by clicking its value", async ({ page, account, apiKeysPage }) => {
    const value = await apiKeysPage.createPublishableKey("my-app-key");

    expect(value).toMatch(/^pk_[0-9A-Za-z]{36}$/);
    await expect(apiKeysPage.row("publishable", "my-app-key")).toBeVisible();
    await expect(apiKeysPage.emptyState("publishable", "dev")).toHaveCount(0);
    await expect(apiKeysPage.rows("secret")).toHaveCount(0);

    await apiKeysPage.publishableValue("my-app-key").click();
    await expect(apiKeysPage.toasts.filter({ hasText: "Publishable key copied" })).toBeVisible();
    const copied = await readClipboard(page);
    expect(copied).toMatch(/^pk_/);
    expect(copied).toBe(value);

    // Publishable keys are public by design: still whole after a reload.
    await apiKeysPage.goto(account.apiKeysPath);
    await expect(apiKeysPage.publishableValue("my-app-key")).toHaveText(value);
  });

  test("a secret key is shown once, copied, and afterwards exists only masked", async ({ page, account, apiKeysPage }) => {
    const { reveal, plaintext } = await apiKeysPage.createSecretKey("server-key");
    await expect(reveal.getByText("This key will not be shown again")).toBeVisible();

    await reveal.getByRole("button", { name: "Copy", exact: true }).click();
    await expect(apiKeysPage.toasts.filter({ hasText: "Copied to clipboard" })).toBeVisible();
    expect(await readClipboard(page)).toBe(plaintext);

    // Copied, so "Done" closes without asking.
    await reveal.getByRole("button", { name: "Done" }).click();
    await expect(reveal).toBeHidden();
    await expect(page.getByRole("alertdialog")).toHaveCount(0);

    const masked = maskedSecret(plaintext);
    const row = apiKeysPage.row("secret", "server-key");
    await expect(row).toContainText(masked);
    await expect(row).not.toContainText(plaintext);
    await expect(row.getByRole("button", { name: /copy/i })).toHaveCount(0);

    // Reload and read everything the server sends back: the HTML, the RSC payload, any fetch.
    const bodies: Promise<{ url: string; body: string }>[] = [];
    page.on("response", (response) => {
      const type = response.request().resourceType();
      if (!["document", "fetch", "xhr", "script", "other"].includes(type)) return;
      bodies.push(
        response.text().then(
          (body) => ({ url: response.url(), body }),
          () => ({ url: response.url(), body: "" }),
        ),
      );
    });
    await apiKeysPage.goto(account.apiKeysPath);
    await expect(apiKeysPage.row("secret", "server-key")).toContainText(masked);
    await page.waitForLoadState("networkidle");

    const responses = await Promise.all(bodies);
    const documents = responses.filter((r) => new URL(r.url).pathname === account.apiKeysPath);
    expect(documents.length, "the reload's document response was captured").toBeGreaterThan(0);
    expect(documents.some((r) => r.body.includes(masked)), "the masked key is in the HTML").toBe(true);
    for (const { url, body } of responses) {
      expect(body.includes(plaintext), `plaintext secret in the response from ${url}`).toBe(false);
    }
    const html = await page.content();
    expect(html).toContain(masked);
    expect(html).not.toContain(plaintext);
    expect(html).not.toContain(plaintext.slice(3, -4)); // not even the secret middle part
  });

  test("closing an uncopied secret asks first", async ({ page, account, apiKeysPage }) => {
    const { reveal, plaintext } = await apiKeysPage.createSecretKey("temp-secret");

    await page.keyboard.press("Escape");
    const confirm = page.getByRole("alertdialog", { name: "Close without copying the key?" });
    await expect(confirm).toBeVisible();
    await confirm.getByRole("button", { name: "Keep it open" }).click();
    await expect(confirm).toBeHidden();
    await expect(reveal.getByTestId("secret-key-value")).toHaveText(plaintext);

    // "Done" asks the same question as Escape.
    await reveal.getByRole("button", { name: "Done" }).click();
    await expect(confirm).toBeVisible();
    await confirm.getByRole("button", { name: "Close anyway" }).click();
    await expect(confirm).toBeHidden();
    await expect(reveal).toBeHidden();
    await expect(apiKeysPage.row("secret", "temp-secret")).toContainText(maskedSecret(plaintext));

    // Closing without copying loses the value, not the key.
    await apiKeysPage.goto(account.apiKeysPath);
    await expect(apiKeysPage.row("secret", "temp-secret")).toContainText(maskedSecret(plaintext));
    await expect(page.getByText(plaintext)).toHaveCount(0);
  });

  test("deleting a key needs its name typed", async ({ account, apiKeysPage }) => {
    await apiKeysPage.createPublishableKey("my-app-key");
    await apiKeysPage.createPublishableKey("other-key");

    const { dialog, confirmName, confirm } = await apiKeysPage.openDelete("my-app-key");
    await expect(confirmName).toBeFocused();
    await expect(confirm).toBeDisabled();
    for (const wrong of ["my-app", "other-key", "MY-APP-KEY", "my-app-key-"]) {
      await confirmName.fill(wrong);
      await expect(confirm, `"${wrong}" must not enable Confirm Delete`).toBeDisabled();
    }
    await confirmName.fill("my-app-key");
    await expect(confirm).toBeEnabled();
    await confirm.click();

    await expect(dialog).toBeHidden();
    await expect(apiKeysPage.row("publishable", "my-app-key")).toHaveCount(0);
    await expect(apiKeysPage.row("publishable", "other-key")).toBeVisible();

    await apiKeysPage.goto(account.apiKeysPath);
    await expect(apiKeysPage.row("publishable", "my-app-key")).toHaveCount(0);
    await expect(apiKeysPage.row("publishable", "other-key")).toBeVisible();
  });

  test("deleting a key confirms it with a toast", async ({ account, apiKeysPage }) => {
    // Regression: the toast used to be raised in an effect of the dialog, which the refreshed
    // list unmounted (with the deleted row) before it could run.
    await apiKeysPage.goto(account.apiKeysPath);
    await apiKeysPage.createPublishableKey("my-app-key");
    const { confirmName, confirm } = await apiKeysPage.openDelete("my-app-key");
    await confirmName.fill("my-app-key");
    await confirm.click();
    await expect(apiKeysPage.row("publishable", "my-app-key")).toHaveCount(0);
    await expect(apiKeysPage.toasts.filter({ hasText: "Key deleted" })).toBeVisible({ timeout: 5_000 });
  });

  test("keys belong to one environment", async ({ page, account, apiKeysPage }) => {
    await apiKeysPage.createPublishableKey("my-app-key");
    await apiKeysPage.createAndStoreSecretKey("server-key");

    await apiKeysPage.switchEnvironment("prod");
    expect(new URL(page.url()).pathname).toBe(account.apiKeysPath);
    await expect(apiKeysPage.emptyState("publishable", "prod")).toBeVisible();
    await expect(apiKeysPage.emptyState("secret", "prod")).toBeVisible();
    await expect(apiKeysPage.rows("publishable")).toHaveCount(0);
    await expect(apiKeysPage.rows("secret")).toHaveCount(0);

    const prodKey = await apiKeysPage.createPublishableKey("prod-app-key");
    expect(new URL(page.url()).searchParams.get("env")).toBe("prod");

    await apiKeysPage.switchEnvironment("dev");
    await expect(apiKeysPage.row("publishable", "my-app-key")).toBeVisible();
    await expect(apiKeysPage.row("secret", "server-key")).toBeVisible();
    await expect(apiKeysPage.row("publishable", "prod-app-key")).toHaveCount(0);
    await expect(page.getByText(prodKey)).toHaveCount(0);
  });

  test("an unknown environment shows the not-found page", async ({ page, account, apiKeysPage }) => {
    await apiKeysPage.createPublishableKey("my-app-key");
    await page.goto(`${account.apiKeysPath}?env=staging`);
    await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
    await expect(apiKeysPage.section("publishable")).toHaveCount(0);
    await expect(page.getByText("my-app-key")).toHaveCount(0);
    // The page's loading.tsx streams the shell before the page calls notFound(), so the status
    // is 200, not 404 (Next's "soft 404", with a noindex tag); the project layout's 404s are real.
  });

  test("a new project from the project switcher opens on its own, empty API Keys page", async ({ page, account, apiKeysPage }) => {
    await apiKeysPage.createPublishableKey("first-project-key");
    await page.getByRole("button", { name: "Switch project" }).click();
    await page.getByRole("menuitem", { name: "New project" }).click();
    const dialog = page.getByRole("dialog", { name: "New project" });
    await dialog.getByRole("button", { name: "Create" }).click();
    await expect(dialog.getByLabel("Project name")).toHaveAccessibleDescription(/Enter a project name\./);

    await dialog.getByLabel("Project name").fill("Mobile app");
    await dialog.getByRole("button", { name: "Create" }).click();
    await page.waitForURL(`/${account.orgSlug}/mobile-app/api-keys`);
    await expect(page.getByRole("button", { name: "Switch project" })).toContainText("Mobile app");
    await expect(apiKeysPage.emptyState("publishable", "dev")).toBeVisible();
    await expect(page.getByText("first-project-key")).toHaveCount(0);
  });

  test("Settings shows the Project ID and copies it", async ({ page, account, settingsPage }) => {
    await page.getByRole("link", { name: "Settings", exact: true }).click();
    await page.waitForURL(`/${account.orgSlug}/${account.projectSlug}/settings`);
    await settingsPage.expectLoaded();
    await expect(page.getByRole("link", { name: "Settings", exact: true })).toHaveAttribute("aria-current", "page");

    const projectId = (await settingsPage.projectId.textContent()) ?? "";
    await settingsPage.copyProjectId.click();
    await expect(settingsPage.copyProjectId).toHaveAttribute("data-copied", "true");
    expect(await readClipboard(page)).toBe(projectId);

    await page.getByRole("link", { name: "API Keys", exact: true }).click();
    await page.waitForURL(account.apiKeysPath);
  });
});
