import { expect, type Locator, type Page } from "@playwright/test";

export type KeyKind = "publishable" | "secret";

const SECTION_TITLE: Record<KeyKind, string> = { publishable: "Publishable Keys", secret: "Secret Keys" };
const ADD_KEY_LABEL: Record<KeyKind, string> = { publishable: "Add publishable key", secret: "Add new API key" };
const CREATE_TITLE: Record<KeyKind, string> = { publishable: "Add publishable key", secret: "Create API Key" };
/** Column headers per kind; secret keys also list their roles. */
const COLUMNS: Record<KeyKind, string[]> = {
  publishable: ["Name", "Key", "Expires", "Created", "Last used", "Actions"],
  secret: ["Name", "Key", "Roles", "Expires", "Created", "Last used", "Actions"],
};

/** `sk_…AbCd` (or `acme_sk_…AbCd`): what the console shows of a secret key after the reveal dialog closes. */
export function maskedSecret(plaintext: string): string {
  // Everything before the 36-character body is shown: the custom prefix and the type marker.
  return `${plaintext.slice(0, -36)}…${plaintext.slice(-4)}`;
}

/** The API Keys page of one project, with the console shell (sidebar, account menu) around it. */
export class ApiKeysPage {
  readonly heading: Locator;
  readonly environment: Locator;
  readonly accountMenu: Locator;
  readonly toasts: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "API Keys" });
    this.environment = page.getByRole("combobox", { name: "Environment" });
    this.accountMenu = page.getByRole("button", { name: "Account menu" });
    this.toasts = page.getByRole("region", { name: /Notifications/ }).getByRole("listitem");
  }

  async goto(apiKeysPath: string, env?: string): Promise<void> {
    await this.page.goto(env ? `${apiKeysPath}?env=${encodeURIComponent(env)}` : apiKeysPath);
    await this.expectLoaded();
  }

  async expectLoaded(): Promise<void> {
    await expect(this.heading).toBeVisible();
    await expect(this.section("publishable")).toBeVisible();
    await expect(this.section("secret")).toBeVisible();
    // The switcher shows the environment's name only once React has hydrated it (the server
    // renders the value empty), so this also means the page's buttons now respond to clicks.
    await expect(this.environment).toHaveText(/^Environment:\s*\S+/);
  }

  /** The region named by its heading ("Publishable Keys" / "Secret Keys"). */
  section(kind: KeyKind): Locator {
    return this.page.getByRole("region", { name: SECTION_TITLE[kind] });
  }

  /** The empty state a section shows when the environment has no keys of its kind. */
  emptyState(kind: KeyKind, env: string): Locator {
    return this.section(kind).getByText(`No ${kind} keys in ${env}`, { exact: true });
  }

  rows(kind: KeyKind): Locator {
    return this.section(kind).getByRole("row").filter({ has: this.page.getByRole("cell") });
  }

  row(kind: KeyKind, name: string): Locator {
    return this.rows(kind).filter({ has: this.page.getByRole("cell", { name, exact: true }) });
  }

  /** A publishable key's value: a button that copies it. */
  publishableValue(name: string): Locator {
    return this.section("publishable").getByRole("button", { name: `Copy publishable key ${name}`, exact: true });
  }

  /** A cell of a key's row by its column header. */
  cell(kind: KeyKind, name: string, column: string): Locator {
    return this.row(kind, name).getByRole("cell").nth(COLUMNS[kind].indexOf(column));
  }

  /** The "Active" / "Expired" tab of a section. */
  tab(kind: KeyKind, status: "Active" | "Expired"): Locator {
    return this.section(kind).getByRole("link", { name: new RegExp(`^${status}\\b`) });
  }

  /** The one dialog on screen (create, reveal or delete). */
  dialog(name?: string | RegExp): Locator {
    return this.page.getByRole("dialog", name ? { name } : undefined);
  }

  /** Opens "Add Key" of a section and types the name, without submitting. */
  async openCreate(kind: KeyKind, name: string): Promise<Locator> {
    await this.section(kind).getByRole("button", { name: ADD_KEY_LABEL[kind], exact: true }).click();
    const dialog = this.dialog(CREATE_TITLE[kind]);
    await expect(dialog).toBeVisible();
    await dialog.getByLabel("Key Name", { exact: true }).fill(name);
    return dialog;
  }

  /** The row of a secret key by its value: rolled keys share their name, never their value. */
  secretRow(plaintext: string): Locator {
    // Matched in the Key column only: "Replaced by …" / "Replaces …" name the other key's value.
    return this.rows("secret").filter({ has: this.page.locator("td:nth-child(2)").getByText(maskedSecret(plaintext), { exact: true }) });
  }

  /**
   * Opens a key's "⋯" menu and chooses an item ("Edit", "Roll key", "Delete"); the key is named
   * by its name, or by its row when names repeat (after a roll).
   */
  async rowAction(key: string | Locator, item: "Edit" | "Roll key" | "Delete"): Promise<void> {
    const menuButton =
      typeof key === "string" ? this.page.getByRole("button", { name: `Actions for ${key}`, exact: true }) : key.getByRole("button", { name: /^Actions for / });
    await menuButton.click();
    await this.page.getByRole("menuitem", { name: item, exact: true }).click();
  }

  /** Rolls a secret key with the chosen overlap; returns the new key (copied, dialog closed). */
  async rollKey(row: Locator, overlap: string): Promise<string> {
    await this.rowAction(row, "Roll key");
    const dialog = this.dialog("Roll key");
    await expect(dialog).toBeVisible();
    await dialog.getByRole("combobox", { name: "Old key keeps working" }).click();
    await this.page.getByRole("option", { name: overlap, exact: true }).click();
    await dialog.getByRole("button", { name: "Roll key", exact: true }).click();
    const reveal = this.dialog("New key created");
    const value = reveal.getByTestId("secret-key-value");
    await expect(value).toHaveText(/_[0-9A-Za-z]{36}$/);
    const plaintext = (await value.textContent()) ?? "";
    await reveal.getByRole("button", { name: "Copy", exact: true }).click();
    await expect(reveal.getByRole("button", { name: "Copy", exact: true })).toHaveAttribute("data-copied", "true");
    await reveal.getByRole("button", { name: "Done" }).click();
    await expect(reveal).toBeHidden();
    return plaintext;
  }

  /** Creates a publishable key and waits for it to be listed; returns its value. */
  async createPublishableKey(name: string): Promise<string> {
    const dialog = await this.openCreate("publishable", name);
    await dialog.getByRole("button", { name: "Create Key", exact: true }).click();
    await expect(dialog).toBeHidden();
    const value = this.publishableValue(name);
    await expect(value).toHaveText(/^pk_/);
    return (await value.textContent()) ?? "";
  }

  /** Creates a secret key and leaves the reveal dialog open; returns the dialog and the plaintext. */
  async createSecretKey(name: string): Promise<{ reveal: Locator; plaintext: string }> {
    const dialog = await this.openCreate("secret", name);
    await dialog.getByRole("button", { name: "Create Key", exact: true }).click();
    const reveal = this.dialog("Secret key created");
    const value = reveal.getByTestId("secret-key-value");
    await expect(value).toHaveText(/^sk_[0-9A-Za-z]{36}$/);
    return { reveal, plaintext: (await value.textContent()) ?? "" };
  }

  /** Copies the revealed secret, closes the dialog with "Done", and waits for the masked row. */
  async copyAndCloseReveal(reveal: Locator, name: string, plaintext: string): Promise<void> {
    await reveal.getByRole("button", { name: "Copy", exact: true }).click();
    await expect(reveal.getByRole("button", { name: "Copy", exact: true })).toHaveAttribute("data-copied", "true");
    await reveal.getByRole("button", { name: "Done" }).click();
    await expect(reveal).toBeHidden();
    await expect(this.row("secret", name)).toContainText(maskedSecret(plaintext));
  }

  async createAndStoreSecretKey(name: string): Promise<string> {
    const { reveal, plaintext } = await this.createSecretKey(name);
    await this.copyAndCloseReveal(reveal, name, plaintext);
    return plaintext;
  }

  /** Opens the delete dialog of a key; returns it with its confirmation textbox and button. */
  async openDelete(name: string): Promise<{ dialog: Locator; confirmName: Locator; confirm: Locator }> {
    await this.rowAction(name, "Delete");
    const dialog = this.dialog("Delete API key");
    await expect(dialog).toBeVisible();
    return {
      dialog,
      confirmName: dialog.getByRole("textbox", { name: `Type ${name} to confirm`, exact: true }),
      confirm: dialog.getByRole("button", { name: "Confirm Delete" }),
    };
  }

  /**
   * A key's database id. It is not shown, but the delete dialog's confirmation field is named
   * after it (`confirm-<id>`); the dialog is closed again without deleting anything.
   */
  async keyId(name: string): Promise<string> {
    const { dialog, confirmName } = await this.openDelete(name);
    const id = (await confirmName.getAttribute("id"))?.replace(/^confirm-/, "");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    if (!id) throw new Error(`No key id found for ${name}`);
    return id;
  }

  async switchEnvironment(env: string): Promise<void> {
    await this.environment.click();
    await this.page.getByRole("option", { name: env, exact: true }).click();
    await expect(this.page).toHaveURL(new RegExp(`[?&]env=${env}(&|$)`));
    await expect(this.environment).toContainText(env);
  }

  async signOut(): Promise<void> {
    await this.accountMenu.click();
    await this.page.getByRole("menuitem", { name: "Sign out" }).click();
    await this.page.waitForURL(/\/sign-in(\?|$)/);
  }
}
