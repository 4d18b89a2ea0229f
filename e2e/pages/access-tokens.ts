import { expect, type Locator, type Page } from "@playwright/test";

export type TokenType = "BEARER_TOKEN" | "API_KEY";
export type TokenTable = "active" | "inactive";

export const ALL_SCOPES = "*:*" as const;

/**
 * Every scope the create form offers, in the console's order. Written out here (not imported
 * from the app) so that a scope missing from the picker fails the tests instead of vanishing
 * from both sides.
 */
export const RESOURCE_SCOPES = [
  "project:read",
  "project:create",
  "project:update",
  "project:delete",
  "environment:read",
  "environment:create",
  "environment:update",
  "environment:delete",
  "table:read",
  "table:create",
  "table:update",
  "table:delete",
  "table:data:read",
  "table:data:create",
  "table:data:update",
  "table:data:delete",
  "dashboard:read",
  "apikey:read",
  "apikey:create",
  "apikey:update",
  "apikey:delete",
  "role:read",
  "role:create",
  "role:update",
  "role:delete",
  "token:read",
  "token:roll",
] as const;
export type Scope = (typeof RESOURCE_SCOPES)[number] | typeof ALL_SCOPES;

/** The permissions dialog's groups, in order. */
export const SCOPE_GROUPS = ["Project", "Environment", "Table", "Table Data", "Dashboard", "API Keys", "Roles", "Access Tokens"] as const;

export const COLUMNS = ["Name", "Type", "Permission scopes", "Roles", "Created by", "Last used", "Created", "Expires", "Actions"] as const;
export type Column = (typeof COLUMNS)[number];

export type ExpiryChoice = "7 days" | "30 days" | "90 days" | "1 year" | "Never" | { date: string };

export interface NewToken {
  name: string;
  type?: TokenType;
  scopes: readonly Scope[];
  /** Left alone (90 days) when omitted. */
  expiry?: ExpiryChoice;
}

/** The one header a token of each type is accepted in. */
export function tokenHeaders(type: TokenType, token: string): Record<string, string> {
  return type === "BEARER_TOKEN" ? { Authorization: `Bearer ${token}` } : { "X-API-Key": token };
}

/** A day as the date input takes it (yyyy-mm-dd, UTC), `days` from now. */
export function isoDay(days: number, from = Date.now()): string {
  return new Date(from + days * 86_400_000).toISOString().slice(0, 10);
}

/** A date as the tables show it: "Nov 25, 2026" (UTC). */
export function shortDate(date: Date): string {
  return new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" }).format(date);
}

const TABLE_TITLE: Record<TokenTable, string> = { active: "Active tokens", inactive: "Inactive tokens" };

/**
 * Clicks a Radix trigger until what it opens is visible. A click that lands before React has
 * hydrated the page is lost; a second click once the target is open would close it again, so
 * the trigger is clicked only while the target is hidden (and a covered trigger is not clicked).
 */
async function clickUntilVisible(trigger: Locator, target: Locator): Promise<void> {
  await expect(async () => {
    if (!(await target.isVisible())) await trigger.click({ timeout: 2_000 });
    await expect(target).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}

/** The organization's Access Tokens page: two tables, the create dialog and the row dialogs. */
export class AccessTokensPage {
  readonly heading: Locator;
  readonly sidebarLink: Locator;
  readonly createButton: Locator;
  readonly createDialog: Locator;
  readonly tokenName: Locator;
  readonly scopePicker: Locator;
  readonly expires: Locator;
  readonly expiryDate: Locator;
  readonly submit: Locator;
  readonly reveal: Locator;
  readonly tokenValue: Locator;
  readonly closeWithoutCopying: Locator;
  readonly toasts: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Access Tokens" });
    this.sidebarLink = page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Access Tokens", exact: true });
    this.createButton = page.getByRole("button", { name: "Create New Token", exact: true });
    this.createDialog = page.getByRole("dialog", { name: "Create New Token" });
    this.tokenName = this.createDialog.getByRole("textbox", { name: "Token Name", exact: true });
    this.scopePicker = this.createDialog.getByRole("group", { name: "Permission Scope", exact: true });
    this.expires = this.createDialog.getByRole("combobox", { name: "Expires", exact: true });
    this.expiryDate = this.createDialog.getByLabel("Expiry date", { exact: true });
    this.submit = this.createDialog.getByRole("button", { name: "Create", exact: true });
    this.reveal = page.getByRole("dialog", { name: "Access token created" });
    this.tokenValue = this.reveal.getByTestId("token-value");
    this.closeWithoutCopying = page.getByRole("alertdialog", { name: "Close without copying the token?" });
    this.toasts = page.getByRole("region", { name: /Notifications/ }).getByRole("listitem");
  }

  /** From anywhere in the console: the sidebar's "Access Tokens" link. */
  async open(): Promise<void> {
    await this.sidebarLink.click();
    await this.page.waitForURL(/\/[^/]+\/access-tokens$/);
    await this.expectLoaded();
  }

  async goto(orgSlug: string, query = ""): Promise<void> {
    await this.page.goto(`/${orgSlug}/access-tokens${query}`);
    await this.expectLoaded();
  }

  async expectLoaded(): Promise<void> {
    await expect(this.heading).toBeVisible();
    await expect(this.section("active")).toBeVisible();
    await expect(this.section("inactive")).toBeVisible();
  }

  /** The table's region, named by its title and count ("Active tokens 5"). */
  section(table: TokenTable): Locator {
    return this.page.getByRole("region", { name: new RegExp(`^${TABLE_TITLE[table]}\\s*\\d+$`) });
  }

  async expectCount(table: TokenTable, count: number): Promise<void> {
    await expect(this.page.getByRole("region", { name: new RegExp(`^${TABLE_TITLE[table]}\\s*${count}$`) })).toBeVisible();
  }

  search(table: TokenTable): Locator {
    return this.page.getByRole("searchbox", { name: `Search ${table} tokens`, exact: true });
  }

  /** Body rows only (the header row has no cells). */
  rows(table: TokenTable): Locator {
    return this.section(table).getByRole("row").filter({ has: this.page.getByRole("cell") });
  }

  row(table: TokenTable, name: string): Locator {
    return this.rows(table).filter({ has: this.page.locator("td:first-child").getByText(name, { exact: true }) });
  }

  /** The token names of a table, top to bottom. */
  names(table: TokenTable): Locator {
    return this.rows(table).locator("td:first-child a[title]");
  }

  cell(row: Locator, column: Column): Locator {
    return row.getByRole("cell").nth(COLUMNS.indexOf(column));
  }

  /**
   * Reloads until the token's "Last used" shows a time. The server records use in batches
   * (about once a second), so the first reload after an API call may still say "Never".
   */
  async reloadUntilUsed(name: string): Promise<Locator> {
    const lastUsed = this.cell(this.row("active", name), "Last used");
    await expect(async () => {
      await this.page.reload();
      await this.expectLoaded();
      await expect(lastUsed).not.toHaveText("Never", { timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    return lastUsed;
  }

  async expectColumns(table: TokenTable): Promise<void> {
    await expect(this.section(table).getByRole("columnheader")).toHaveText([...COLUMNS]);
  }

  // ── Create ────────────────────────────────────────────────────────────────────────────────

  scope(scope: Scope): Locator {
    return this.scopePicker.getByRole("checkbox", { name: scope, exact: true });
  }

  typeRadio(type: TokenType): Locator {
    return this.createDialog.getByRole("radio", { name: type, exact: true });
  }

  async openCreate(): Promise<Locator> {
    await clickUntilVisible(this.createButton, this.createDialog);
    await expect(this.tokenName).toBeFocused();
    return this.createDialog;
  }

  async chooseExpiry(expiry: ExpiryChoice): Promise<void> {
    const label = typeof expiry === "string" ? expiry : "Custom date…";
    await this.expires.click();
    await this.page.getByRole("option", { name: label, exact: true }).click();
    await expect(this.expires).toHaveText(label);
    if (typeof expiry !== "string") await this.expiryDate.fill(expiry.date);
  }

  /** Fills the open create form without submitting it. */
  async fillCreate({ name, type = "BEARER_TOKEN", scopes, expiry }: NewToken): Promise<void> {
    await this.tokenName.fill(name);
    await this.typeRadio(type).check();
    for (const scope of scopes) await this.scope(scope).check();
    if (expiry) await this.chooseExpiry(expiry);
  }

  /** Submits the filled form and waits for the one-time reveal; returns the token. */
  async submitCreate(): Promise<string> {
    await this.submit.click();
    await expect(this.tokenValue).toHaveText(/^at_[0-9A-Za-z]{36}$/);
    return (await this.tokenValue.textContent()) ?? "";
  }

  /** Copies the revealed token and closes the dialog with "Done" (no confirmation once copied). */
  async copyAndCloseReveal(): Promise<void> {
    const copy = this.reveal.getByRole("button", { name: "Copy", exact: true });
    await copy.click();
    await expect(copy).toHaveAttribute("data-copied", "true");
    await this.reveal.getByRole("button", { name: "Done", exact: true }).click();
    await expect(this.reveal).toBeHidden();
  }

  /** Creates a token through the dialog, stores it, and waits for its row; returns the token. */
  async createToken(token: NewToken): Promise<string> {
    await this.openCreate();
    await this.fillCreate(token);
    const plaintext = await this.submitCreate();
    await this.copyAndCloseReveal();
    await expect(this.row("active", token.name)).toBeVisible();
    return plaintext;
  }

  // ── Row actions ───────────────────────────────────────────────────────────────────────────

  /** The active row of a token by its value: a rolled token shares its name with its replacement. */
  tokenRow(plaintext: string): Locator {
    // The row's own masked value, not the "Replaced by …" / "Replaces …" hints that name the other token's.
    return this.rows("active").filter({ has: this.page.getByTestId("masked-token").getByText(`${plaintext.slice(0, -36)}…${plaintext.slice(-4)}`, { exact: true }) });
  }

  /** Opens the "⋯" menu of a row and chooses an item. */
  async rowAction(row: Locator, item: "Edit" | "Roll token" | "Revoke" | "View permissions"): Promise<void> {
    const menu = this.page.getByRole("menu");
    await clickUntilVisible(row.getByRole("button", { name: "More actions", exact: true }), menu);
    await menu.getByRole("menuitem", { name: item, exact: true }).click();
  }

  /** Opens a row's "More actions" menu; returns the menu. */
  async rowMenu(table: TokenTable, name: string): Promise<Locator> {
    const menu = this.page.getByRole("menu").filter({ hasText: name });
    await clickUntilVisible(this.row(table, name).getByRole("button", { name: "More actions", exact: true }), menu);
    return menu;
  }

  permissionsDialog(name: string): Locator {
    return this.page.getByRole("dialog", { name: `Permissions of ${name}`, exact: true });
  }

  async viewPermissions(table: TokenTable, name: string): Promise<Locator> {
    const menu = await this.rowMenu(table, name);
    await menu.getByRole("menuitem", { name: "View permissions", exact: true }).click();
    const dialog = this.permissionsDialog(name);
    await expect(dialog).toBeVisible();
    return dialog;
  }

  /** Opens the revoke confirmation of an active token; returns it and its destructive button. */
  async openRevoke(name: string): Promise<{ dialog: Locator; confirm: Locator }> {
    const menu = await this.rowMenu("active", name);
    await menu.getByRole("menuitem", { name: "Revoke", exact: true }).click();
    const dialog = this.page.getByRole("alertdialog", { name: `Revoke ${name}?`, exact: true });
    await expect(dialog).toBeVisible();
    return { dialog, confirm: dialog.getByRole("button", { name: "Revoke", exact: true }) };
  }

  async revoke(name: string): Promise<void> {
    const { dialog, confirm } = await this.openRevoke(name);
    await confirm.click();
    await expect(dialog).toBeHidden();
    await expect(this.row("active", name)).toHaveCount(0);
    await expect(this.row("inactive", name)).toBeVisible();
  }
}
