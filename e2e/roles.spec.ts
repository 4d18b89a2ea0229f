import { expect, test } from "./fixtures";
import { RolesPage } from "./pages/roles";

// The Roles page: create a role with a row filter, edit it, delete it. That a role held by keys
// cannot be deleted is covered by lib/dal/key-roles.int.test.ts (keys get roles through the DAL
// until the API Keys page and the REST API can assign them).

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
