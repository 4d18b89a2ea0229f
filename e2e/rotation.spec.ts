import { expect, test } from "./fixtures";
import { maskedSecret } from "./pages/api-keys";

/*
 * Rotation in the console: a secret key with a prefix and context calls the data API; rolling it
 * with an hour of overlap leaves both keys working and listed with a countdown; rolling the new
 * one with "Now" locks that one out at once. Editing a key changes its name and expiry in place.
 */

const POSTS = "/v1/data/posts";

test("create with prefix and context, roll with overlap, roll now, edit", async ({ page, account, apiKeysPage }) => {
  const api = page.request;
  const call = (key: string) => api.get(POSTS, { headers: { Authorization: `Bearer ${key}` } });

  const first = await test.step("create a secret key with a prefix and context", async () => {
    const dialog = await apiKeysPage.openCreate("secret", "billing-worker");
    const prefix = dialog.getByLabel("Key Prefix");
    await prefix.fill("Acme");
    await expect(dialog.getByText("Use 2–16 lowercase letters, digits or underscores.")).toBeVisible();
    await expect(dialog.getByRole("button", { name: "Create Key", exact: true })).toBeDisabled();
    await prefix.fill("acme");
    await expect(dialog.getByTestId("key-prefix-preview")).toHaveText("acme_sk_••••");
    await expect(dialog.getByText(/No roles yet — keys without roles can do everything a secret key can/)).toBeVisible();
    await expect(dialog.getByRole("link", { name: "Roles page" })).toHaveAttribute("href", /\/roles$/);

    await dialog.getByRole("button", { name: "Add context entry" }).click();
    await dialog.getByLabel("Context key 1").fill("customerId");
    await dialog.getByLabel("Context value 1").fill("cus_42");
    await dialog.getByRole("button", { name: "Add context entry" }).click();
    await dialog.getByLabel("Context key 2").fill("2tier");
    await dialog.getByLabel("Context value 2").fill("3");
    await expect(dialog.getByText("Keys are 1–64 letters, digits or underscores, not starting with a digit.")).toBeVisible();
    await dialog.getByLabel("Context key 2").fill("tier");
    await dialog.getByLabel("Context type 2").click();
    await page.getByRole("option", { name: "Number", exact: true }).click();
    await dialog.getByLabel("Context value 2").fill("three");
    await expect(dialog.getByText("Enter a number, like 42 or 3.5.")).toBeVisible();
    await dialog.getByLabel("Context value 2").fill("3");
    await expect(dialog.getByText("Enter a number, like 42 or 3.5.")).toBeHidden();

    await dialog.getByRole("button", { name: "Create Key", exact: true }).click();
    const reveal = apiKeysPage.dialog("Secret key created");
    const value = reveal.getByTestId("secret-key-value");
    await expect(value).toHaveText(/^acme_sk_[0-9A-Za-z]{36}$/);
    const plaintext = (await value.textContent()) ?? "";
    await apiKeysPage.copyAndCloseReveal(reveal, "billing-worker", plaintext);
    return plaintext;
  });

  await test.step("the key calls the data API", async () => {
    const created = await api.post("/v1/tables", { headers: { Authorization: `Bearer ${first}` }, data: { name: "posts" } });
    expect(created.status(), await created.text()).toBe(201);
    const read = await call(first);
    expect(read.status(), await read.text()).toBe(200);
  });

  const second = await test.step('roll it with "1 hour" of overlap: both keys are listed and work', async () => {
    const second = await apiKeysPage.rollKey(apiKeysPage.secretRow(first), "1 hour");
    expect(second).toMatch(/^acme_sk_[0-9A-Za-z]{36}$/);
    expect(second).not.toBe(first);

    const oldRow = apiKeysPage.secretRow(first);
    await expect(oldRow).toContainText(/Stops working in (59|60) min/);
    await expect(oldRow).toContainText(`Replaced by ${maskedSecret(second)}`);
    await expect(oldRow).toContainText(/\d+ requests? in the last hour/);
    await expect(apiKeysPage.secretRow(second)).toContainText(`Replaces ${maskedSecret(first)}`);
    // The replacement inherits the context: the Edit dialog shows it (in the database's key order).
    await apiKeysPage.rowAction(apiKeysPage.secretRow(second), "Edit");
    const edit = apiKeysPage.dialog("Edit key");
    await expect(edit.getByRole("textbox", { name: /^Context key \d+$/ })).toHaveCount(2);
    const entries = await edit.getByRole("listitem").evaluateAll((items) =>
      items.map((item) => [...item.querySelectorAll("input")].map((input) => input.value).join("=")).sort(),
    );
    expect(entries).toEqual(["customerId=cus_42", "tier=3"]);
    await edit.getByRole("button", { name: "Cancel" }).click();
    await expect(edit).toBeHidden();

    for (const key of [first, second]) {
      const response = await call(key);
      expect(response.status(), await response.text()).toBe(200);
    }
    return second;
  });

  const third = await test.step('roll the new key with "Now": it is refused at once', async () => {
    const third = await apiKeysPage.rollKey(apiKeysPage.secretRow(second), "Now (no overlap)");
    const refused = await call(second);
    expect(refused.status(), await refused.text()).toBe(401);
    for (const key of [first, third]) {
      const response = await call(key);
      expect(response.status(), await response.text()).toBe(200);
    }
    // Expired keys stay listed, under "Expired".
    await expect(apiKeysPage.secretRow(second)).toHaveCount(0);
    await apiKeysPage.tab("secret", "Expired").click();
    await expect(apiKeysPage.secretRow(second)).toBeVisible();
    await expect(apiKeysPage.secretRow(second)).toContainText("Expired");
    // A fresh load lands on the active keys again.
    await apiKeysPage.goto(account.apiKeysPath);
    await expect(apiKeysPage.secretRow(third)).toBeVisible();
    return third;
  });

  await test.step("edit the newest key's name and expiry: the list and the banner follow", async () => {
    await apiKeysPage.rowAction(apiKeysPage.secretRow(third), "Edit");
    const edit = apiKeysPage.dialog("Edit key");
    await edit.getByLabel("Key Name").fill("billing-worker-v3");
    await edit.getByRole("combobox", { name: "Expires" }).click();
    await page.getByRole("option", { name: "7 days from now", exact: true }).click();
    await edit.getByRole("button", { name: "Save changes" }).click();
    await expect(edit).toBeHidden();

    const row = apiKeysPage.secretRow(third);
    await expect(row.getByRole("cell").first()).toContainText("billing-worker-v3");
    await expect(apiKeysPage.cell("secret", "billing-worker-v3", "Expires")).toContainText("Expires in 7 days");
    await expect(page.getByRole("status").filter({ hasText: "1 key expires within 7 days" })).toBeVisible();
    const response = await call(third);
    expect(response.status(), await response.text()).toBe(200);
  });
});
