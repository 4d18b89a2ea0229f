import { expect, type Locator, type Page } from "@playwright/test";

export type RoleAction = "Read" | "Write" | "Update" | "Delete";

/** One condition of a row filter: field = context.<key>, or field = a typed constant. */
export type ConditionInput = { field: string; context: string } | { field: string; text: string } | { field: string; number: number };

export interface GrantInput {
  table: string;
  actions: RoleAction[];
  conditions?: ConditionInput[];
}

/** The Roles page of one project, and its New role / Edit and Delete dialogs. */
export class RolesPage {
  readonly heading: Locator;
  readonly section: Locator;
  readonly emptyState: Locator;
  readonly newRole: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Roles" });
    this.section = page.getByRole("region", { name: "Roles" });
    this.emptyState = this.section.getByText("No roles yet", { exact: true });
    this.newRole = this.section.getByRole("button", { name: "New role", exact: true });
  }

  /** From any project page, through the sidebar. */
  async open(): Promise<void> {
    await this.page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Roles", exact: true }).click();
    await this.expectLoaded();
  }

  async expectLoaded(): Promise<void> {
    await expect(this.heading).toBeVisible();
    await expect(this.section).toBeVisible();
  }

  dialog(name: string | RegExp): Locator {
    return this.page.getByRole("dialog", { name });
  }

  rows(): Locator {
    return this.section.getByRole("row").filter({ has: this.page.getByRole("cell") });
  }

  row(name: string): Locator {
    return this.rows().filter({ has: this.page.getByText(name, { exact: true }) });
  }

  /** The readable summary of a role's grants, one list item per table. */
  permissions(name: string): Locator {
    return this.section.getByRole("list", { name: `Permissions of ${name}` }).getByRole("listitem");
  }

  async openCreate(): Promise<Locator> {
    await this.newRole.click();
    const dialog = this.dialog("New role");
    await expect(dialog).toBeVisible();
    return dialog;
  }

  async openEdit(name: string): Promise<Locator> {
    await this.section.getByRole("button", { name: `Edit ${name}`, exact: true }).click();
    const dialog = this.dialog(`Edit ${name}`);
    await expect(dialog).toBeVisible();
    return dialog;
  }

  /** The n-th (1-based) table row of the grants editor. */
  grant(dialog: Locator, n: number): Locator {
    return dialog.getByRole("group", { name: `Table ${n}`, exact: true });
  }

  condition(grant: Locator, n: number): Locator {
    return grant.getByRole("group", { name: `Condition ${n}`, exact: true });
  }

  /** Fills the n-th grant row (adding it when needed): table, exactly `actions`, and conditions. */
  async fillGrant(dialog: Locator, n: number, input: GrantInput): Promise<void> {
    if ((await this.grant(dialog, n).count()) === 0) await dialog.getByRole("button", { name: "Add table" }).click();
    const grant = this.grant(dialog, n);
    await grant.getByRole("combobox", { name: "Table", exact: true }).fill(input.table);
    for (const action of ["Read", "Write", "Update", "Delete"] as const) {
      const box = grant.getByRole("checkbox", { name: action, exact: true });
      if ((await box.isChecked()) !== input.actions.includes(action)) await box.click();
    }
    for (const [index, condition] of (input.conditions ?? []).entries()) {
      await grant.getByRole("button", { name: index === 0 ? "Add row filter" : "Add condition" }).click();
      await this.fillCondition(this.condition(grant, index + 1), condition);
    }
  }

  async fillCondition(row: Locator, condition: ConditionInput): Promise<void> {
    await row.getByRole("textbox", { name: "Field" }).fill(condition.field);
    const compareWith = "context" in condition ? "Key context" : "text" in condition ? "Text" : "Number";
    await row.getByRole("combobox", { name: "Compare with" }).click();
    await this.page.getByRole("option", { name: compareWith, exact: true }).click();
    const operand = "context" in condition ? condition.context : "text" in condition ? condition.text : String(condition.number);
    await row.getByRole("textbox", { name: "context" in condition ? "Context key" : "Value" }).fill(operand);
  }

  async submit(dialog: Locator, button: "Create role" | "Save changes"): Promise<void> {
    await dialog.getByRole("button", { name: button, exact: true }).click();
    await expect(dialog).toBeHidden();
  }

  async openDelete(name: string): Promise<{ dialog: Locator; confirm: Locator }> {
    await this.section.getByRole("button", { name: `Delete ${name}`, exact: true }).click();
    const dialog = this.page.getByRole("alertdialog", { name: `Delete ${name}?` });
    await expect(dialog).toBeVisible();
    return { dialog, confirm: dialog.getByRole("button", { name: "Delete role" }) };
  }
}
