import { expect, test } from "./fixtures";
import { RolesPage } from "./pages/roles";

// The Roles page: create a role with a row filter, edit it, delete it; then a role given to a key
// in the console, enforced by the data API, holding the role against deletion, and shown on the
// key's page.

test("create a role with a row filter, edit it, and delete it", async ({ page, account }) => {
  const roles = new RolesPage(page);
  await roles.open();
  await expect(page).toHaveURL(`/${account.orgSlug}/${account.projectSlug}/roles`);
  await expect(roles.emptyState).toBeVisible();
  await expect(roles.section).toContainText("A role grants Read / Write / Update / Delete per table");

  await test.step("the form explains mistakes next to the field, before anything is sent", async () => {
    const dialog = await roles.openCreate();
    await roles.fillGrant(dialog, 1, { table: "Orders!", actions: ["Read"], conditions: [{ field: "qty", number: Number.NaN }] });
    await dialog.getByRole("button", { name: "Create role" }).click();
    await expect(dialog.getByLabel("Name", { exact: true })).toHaveAccessibleDescription("Enter a name for the role.");
    const grant = roles.grant(dialog, 1);
    await expect(grant.getByRole("combobox", { name: "Table", exact: true })).toHaveAccessibleDescription(/Name a table/);
    await expect(roles.condition(grant, 1)).toContainText("Enter a number, e.g. 42 or 3.5.");
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
  });

  await test.step("create: orders, Read, only the key's customer's rows", async () => {
    const dialog = await roles.openCreate();
    await dialog.getByLabel("Name", { exact: true }).fill("customer-orders");
    await dialog.getByLabel("Description", { exact: true }).fill("Storefront backends, one per customer");
    await roles.fillGrant(dialog, 1, { table: "orders", actions: ["Read"], conditions: [{ field: "customerId", context: "customerId" }] });
    await expect(dialog.getByRole("region", { name: "Preview" })).toContainText(
      "Keys with this role can read rows of orders whose customerId equals the key's context customerId. Nothing else.",
    );
    await roles.submit(dialog, "Create role");
    await expect(roles.rows()).toHaveCount(1);
    await expect(roles.permissions("customer-orders")).toHaveText(["orders: Read where customerId = context.customerId"]);
    await expect(roles.row("customer-orders")).toContainText("None");
  });

  await test.step("a second role of the same name is refused at the Name field", async () => {
    const dialog = await roles.openCreate();
    await dialog.getByLabel("Name", { exact: true }).fill("customer-orders");
    await roles.fillGrant(dialog, 1, { table: "*", actions: ["Read"] });
    await dialog.getByRole("button", { name: "Create role" }).click();
    await expect(dialog.getByLabel("Name", { exact: true })).toHaveAccessibleDescription("Already taken in this project.");
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(roles.rows()).toHaveCount(1);
  });

  await test.step("edit: allow Update too, and read every table", async () => {
    const dialog = await roles.openEdit("customer-orders");
    await roles.grant(dialog, 1).getByRole("checkbox", { name: "Update", exact: true }).click();
    await roles.fillGrant(dialog, 2, { table: "*", actions: ["Read"] });
    await expect(dialog.getByRole("region", { name: "Preview" })).toContainText("read and update rows of orders whose customerId equals the key's context customerId");
    await expect(dialog.getByRole("region", { name: "Preview" })).toContainText("read rows of every table");
    await roles.submit(dialog, "Save changes");
    await expect(roles.permissions("customer-orders")).toHaveText(["orders: Read, Update where customerId = context.customerId", "*: Read"]);
  });

  await test.step("delete", async () => {
    const { dialog, confirm } = await roles.openDelete("customer-orders");
    await confirm.click();
    await expect(dialog).toBeHidden();
    await expect(roles.emptyState).toBeVisible();
  });
});

test("another organization's user cannot open a project's Roles page", async ({ account, otherUser }) => {
  const other = await otherUser("outsider");
  await other.page.goto(`/${account.orgSlug}/${account.projectSlug}/roles`);
  await expect(other.page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(other.page.getByRole("heading", { level: 1, name: "Roles" })).toHaveCount(0);
});

test("a key given a role in the console reads only its customer's rows, and holds the role", async ({ page, account, apiKeysPage }) => {
  const api = page.request;
  const roles = new RolesPage(page);
  const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

  await test.step("an unrestricted key sets up orders for two customers", async () => {
    await apiKeysPage.goto(account.apiKeysPath);
    const admin = await apiKeysPage.createAndStoreSecretKey("setup");
    expect((await api.post("/v1/tables", { headers: bearer(admin), data: { name: "orders" } })).status()).toBe(201);
    for (const customerId of ["c1", "c1", "c2"]) {
      expect((await api.post("/v1/data/orders", { headers: bearer(admin), data: { customerId, total: 10 } })).status()).toBe(201);
    }
  });

  await test.step("the role: read orders of the key's own customer", async () => {
    await roles.open();
    const dialog = await roles.openCreate();
    await dialog.getByLabel("Name", { exact: true }).fill("customer-orders");
    await roles.fillGrant(dialog, 1, { table: "orders", actions: ["Read"], conditions: [{ field: "customerId", context: "customerId" }] });
    await roles.submit(dialog, "Create role");
  });

  const restricted = await test.step("create a key with the role and the context customerId = c1", async () => {
    await apiKeysPage.goto(account.apiKeysPath);
    const dialog = await apiKeysPage.openCreate("secret", "storefront-c1");
    await dialog.getByRole("checkbox", { name: "customer-orders" }).check();
    await dialog.getByRole("button", { name: "Add context entry" }).click();
    await dialog.getByLabel("Context key 1").fill("customerId");
    await dialog.getByLabel("Context value 1").fill("c1");
    await dialog.getByRole("button", { name: "Create Key", exact: true }).click();
    const reveal = apiKeysPage.dialog("Secret key created");
    const value = reveal.getByTestId("secret-key-value");
    await expect(value).toHaveText(/^sk_[0-9A-Za-z]{36}$/);
    const plaintext = (await value.textContent()) ?? "";
    await apiKeysPage.copyAndCloseReveal(reveal, "storefront-c1", plaintext);
    await expect(apiKeysPage.row("secret", "storefront-c1")).toContainText("customer-orders");
    return plaintext;
  });

  await test.step("the data API enforces the role", async () => {
    const list = await api.get("/v1/data/orders", { headers: bearer(restricted) });
    expect(list.status()).toBe(200);
    const rows = ((await list.json()) as { data: Array<{ customerId: string }> }).data;
    expect(rows.map((row) => row.customerId)).toEqual(["c1", "c1"]);
    const write = await api.post("/v1/data/orders", { headers: bearer(restricted), data: { customerId: "c1" } });
    expect(write.status()).toBe(403);
  });

  await test.step("the role cannot be deleted while the key holds it", async () => {
    await roles.open();
    await expect(roles.row("customer-orders")).toContainText("1 key");
    const { dialog, confirm } = await roles.openDelete("customer-orders");
    await confirm.click();
    await expect(dialog).toContainText("customer-orders is held by 1 key or token. Remove it from them first.");
    await expect(dialog).toBeVisible();
  });

  await test.step("the key's page shows its role and context", async () => {
    await apiKeysPage.goto(account.apiKeysPath);
    await apiKeysPage.row("secret", "storefront-c1").getByRole("link", { name: "storefront-c1" }).click();
    const details = page.getByRole("definition");
    await expect(page.getByRole("heading", { level: 1, name: "storefront-c1" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Roles" })).toHaveText("customer-orders");
    await expect(page.getByRole("list", { name: "Context" })).toHaveText('customerId = "c1"');
    await expect(details.filter({ hasText: "customer-orders" })).toHaveCount(1);
  });
});
