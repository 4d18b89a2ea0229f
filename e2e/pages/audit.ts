import { expect, type Locator, type Page } from "@playwright/test";
import { clickUntilVisible } from "./logs";

export const AUDIT_COLUMNS = ["Time", "Actor", "Action", "Target", "IP"] as const;

/** The organization's Audit Log: lifecycle events with target/actor/action/time filters. */
export class AuditLogPage {
  readonly heading: Locator;
  readonly sidebarLink: Locator;
  readonly section: Locator;
  readonly filters: Locator;
  readonly targetFilter: Locator;
  readonly actionFilter: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Audit Log" });
    this.sidebarLink = page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Audit Log", exact: true });
    this.section = page.getByRole("region", { name: /^Events/ });
    this.filters = page.getByRole("group", { name: "Filter events" });
    this.targetFilter = this.filters.getByRole("combobox", { name: "Key or token" });
    this.actionFilter = this.filters.getByRole("combobox", { name: "Action" });
  }

  async open(): Promise<void> {
    await this.sidebarLink.click();
    await this.page.waitForURL(/\/audit-log(\?|$)/);
    await this.expectLoaded();
  }

  async expectLoaded(): Promise<void> {
    await expect(this.heading).toBeVisible();
    await expect(this.section).toBeVisible();
    await expect(this.targetFilter).toContainText(/Target:/);
  }

  /** Body rows only. */
  rows(): Locator {
    return this.section.getByRole("row").filter({ has: this.page.getByRole("cell") });
  }

  /** The column's text of every row, top to bottom. */
  async columnTexts(column: (typeof AUDIT_COLUMNS)[number]): Promise<string[]> {
    return (await this.rows().locator(`td:nth-child(${AUDIT_COLUMNS.indexOf(column) + 1})`).allInnerTexts()).map((t) => t.trim());
  }

  /** Filters by a key's or token's name (the option also shows what it is). */
  async filterByTarget(name: string): Promise<void> {
    const listbox = this.page.getByRole("listbox");
    await clickUntilVisible(this.targetFilter, listbox);
    await listbox.getByRole("option", { name: new RegExp(`^${name}\\s`) }).click();
    await expect(listbox).toBeHidden();
    await expect(this.page).toHaveURL(/[?&]target=/);
    await expect(this.targetFilter).toContainText(name);
  }
}

/** A key's or token's own page: details, then the Activity timeline. */
export class CredentialPage {
  readonly details: Locator;
  readonly activity: Locator;

  constructor(readonly page: Page) {
    this.details = page.getByRole("region", { name: "Details" });
    this.activity = page.getByRole("region", { name: "Activity" });
  }

  heading(name: string): Locator {
    return this.page.getByRole("heading", { level: 1, name, exact: true });
  }

  /** One detail's value, by its label ("Status", "Environment", …). */
  detail(label: string): Locator {
    return this.details.locator(`dt:text-is("${label}") + dd`);
  }

  /** Polls (reloading) until the timeline shows `text`: requests are written about once a second. */
  async reloadUntilActivity(text: string | RegExp): Promise<void> {
    await expect(async () => {
      await this.page.reload();
      await expect(this.activity.getByText(text)).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
  }
}
