import { expect, test } from "./fixtures";
import { tokenHeaders } from "./pages/access-tokens";
import { CredentialPage } from "./pages/audit";

/*
 * Tokens share the keys' lifecycle dialogs: a custom prefix at creation, "Roll token" with an
 * overlap (both tokens work and are listed, the old one counting down), and "Edit". A token can
 * also roll itself through the REST API, which the console then shows like any other roll.
 */

test("a token with a prefix is rolled with an hour of overlap and edited", async ({ page, account, accessTokensPage: tokens }) => {
  const call = (token: string) => page.request.get("/api/v1/projects", { headers: tokenHeaders("BEARER_TOKEN", token) });

  const first = await test.step("create a token with a prefix", async () => {
    await tokens.goto(account.orgSlug);
    await tokens.openCreate();
    await tokens.fillCreate({ name: "ci-deploy", scopes: ["project:read"] });
    await tokens.createDialog.getByLabel("Key Prefix").fill("ci");
    await expect(tokens.createDialog.getByTestId("token-prefix-preview")).toHaveText("ci_at_••••");
    await expect(tokens.createDialog.getByText(/^No roles yet — tokens without roles act by their scopes alone/)).toBeVisible();
    await tokens.submit.click();
    await expect(tokens.tokenValue).toHaveText(/^ci_at_[0-9A-Za-z]{36}$/);
    const plaintext = (await tokens.tokenValue.textContent()) ?? "";
    await tokens.copyAndCloseReveal();
    const response = await call(plaintext);
    expect(response.status(), await response.text()).toBe(200);
    return plaintext;
  });

  const second = await test.step('"Roll token" with "1 hour": both are listed and both work', async () => {
    await tokens.rowAction(tokens.tokenRow(first), "Roll token");
    const dialog = page.getByRole("dialog", { name: "Roll token" });
    await dialog.getByRole("combobox", { name: "Old token keeps working" }).click();
    await page.getByRole("option", { name: "1 hour", exact: true }).click();
    await dialog.getByRole("button", { name: "Roll token", exact: true }).click();
    const reveal = page.getByRole("dialog", { name: "New token created" });
    const value = reveal.getByTestId("token-value");
    await expect(value).toHaveText(/^ci_at_[0-9A-Za-z]{36}$/);
    const plaintext = (await value.textContent()) ?? "";
    await reveal.getByRole("button", { name: "Copy", exact: true }).click();
    await reveal.getByRole("button", { name: "Done", exact: true }).click();
    await expect(reveal).toBeHidden();

    await expect(tokens.tokenRow(first)).toContainText(/Stops working in (59|60) min/);
    await expect(tokens.tokenRow(plaintext)).toContainText("Replaces");
    // It was used once when it was created.
    await expect(tokens.tokenRow(first)).toContainText("1 request in the last hour");
    for (const token of [first, plaintext]) {
      const response = await call(token);
      expect(response.status(), await response.text()).toBe(200);
    }
    // The old token's traffic is counted (the request log is written within a second).
    await expect(async () => {
      await page.reload();
      await expect(tokens.tokenRow(first)).toContainText("2 requests in the last hour", { timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    return plaintext;
  });

  await test.step('"Edit" renames the new token; it keeps working', async () => {
    await tokens.rowAction(tokens.tokenRow(second), "Edit");
    const dialog = page.getByRole("dialog", { name: "Edit token" });
    await dialog.getByLabel("Token Name").fill("ci-deploy-v2");
    await dialog.getByRole("button", { name: "Save changes" }).click();
    await expect(dialog).toBeHidden();
    await expect(tokens.row("active", "ci-deploy-v2")).toBeVisible();
    const response = await call(second);
    expect(response.status(), await response.text()).toBe(200);
  });
});

test("a pipeline's token rolls itself through the API; the console shows the roll, audited as the token's", async ({
  page,
  account,
  accessTokensPage: tokens,
}) => {
  const credentialPage = new CredentialPage(page);
  const roll = (token: string) =>
    page.request.post("/api/v1/access-tokens/self/roll", { headers: tokenHeaders("BEARER_TOKEN", token), data: { overlap: "first_use_1h" } });

  const first = await test.step("create a token that may roll itself", async () => {
    await tokens.goto(account.orgSlug);
    return tokens.createToken({ name: "pipeline", scopes: ["project:read", "token:read", "token:roll"] });
  });

  const second = await test.step("POST /api/v1/access-tokens/self/roll returns the new token once", async () => {
    const response = await roll(first);
    expect(response.status(), await response.text()).toBe(201);
    const body = (await response.json()) as { id: string; token: string; name: string; scopes: string[]; previous: { id: string } };
    expect(body).toMatchObject({ name: "pipeline", scopes: ["project:read", "token:read", "token:roll"] });
    expect(body.token).toMatch(/^at_[0-9A-Za-z]{36}$/);
    // The old token is rolled: it still works, but cannot roll again.
    const again = await roll(first);
    expect(again.status()).toBe(409);
    return body;
  });

  await test.step("the console lists both: the old one waits for the new one's first use", async () => {
    await page.reload();
    await expect(tokens.tokenRow(first)).toContainText("Waiting for the new token's first use");
    await expect(tokens.tokenRow(second.token)).toContainText("Replaces");
    // The new token's first use: it knows what it is, and what it replaced.
    const self = await page.request.get("/api/v1/access-tokens/self", { headers: tokenHeaders("BEARER_TOKEN", second.token) });
    expect(self.status(), await self.text()).toBe(200);
    expect(await self.json()).toMatchObject({ id: second.id, rolledFromId: second.previous.id, rolledToId: null, status: "active" });
    // First use is recorded in the usage batch (about once a second): the hour then starts.
    await expect(async () => {
      await page.reload();
      await expect(tokens.tokenRow(first)).toContainText(/Stops working in (59|60) min/, { timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
  });

  await test.step("the old token's page shows the roll, done by the token itself", async () => {
    await tokens.tokenRow(first).getByRole("link", { name: "pipeline" }).click();
    await expect(credentialPage.heading("pipeline")).toBeVisible();
    await expect(credentialPage.activity.getByText("Access token rolled")).toBeVisible();
    await expect(credentialPage.activity.getByText("by pipeline").first()).toBeVisible();
  });
});
