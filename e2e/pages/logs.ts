import { expect, type Locator, type Page } from "@playwright/test";

export const LOG_COLUMNS = ["Time", "Key", "Method", "Path", "Status", "Latency", "IP"] as const;
export type LogColumn = (typeof LOG_COLUMNS)[number];

/**
 * Clicks a Radix trigger until what it opens is visible (a click before hydration is lost; a
 * second click on an open select would close it).
 */
export async function clickUntilVisible(trigger: Locator, target: Locator): Promise<void> {
  await expect(async () => {
    if (!(await target.isVisible())) await trigger.click({ timeout: 2_000 });
    await expect(target).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}

/** A project's Logs page: the request log of one environment, with key/status/time filters. */
export class LogsPage {
  readonly heading: Locator;
  readonly sidebarLink: Locator;
  readonly section: Locator;
  readonly filters: Locator;
  readonly keyFilter: Locator;
  readonly statusFilter: Locator;
  readonly timeFilter: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Logs" });
    this.sidebarLink = page.getByRole("link", { name: "Logs", exact: true });
    this.section = page.getByRole("region", { name: /^Requests/ });
    this.filters = page.getByRole("group", { name: "Filter requests" });
    this.keyFilter = this.filters.getByRole("combobox", { name: "Key" });
    this.statusFilter = this.filters.getByRole("combobox", { name: "Status" });
    this.timeFilter = this.filters.getByRole("combobox", { name: "Time range" });
  }

  /** From anywhere in a project: the sidebar's "Logs" link. */
  async open(): Promise<void> {
    await this.sidebarLink.click();
    await this.page.waitForURL(/\/logs(\?|$)/);
    await this.expectLoaded();
  }

  async expectLoaded(): Promise<void> {
    await expect(this.heading).toBeVisible();
    await expect(this.section).toBeVisible();
    // The filters show their labels once hydrated (the server renders the values too, but only
    // a hydrated select opens).
    await expect(this.keyFilter).toContainText(/Key:/);
  }

  /** Body rows only. */
  rows(): Locator {
    return this.section.getByRole("row").filter({ has: this.page.getByRole("cell") });
  }

  cell(row: Locator, column: LogColumn): Locator {
    return row.getByRole("cell").nth(LOG_COLUMNS.indexOf(column));
  }

  /** Rows matching method, path, status and (optionally) the key's name. */
  row(match: { method: string; path: string; status: number; key?: string }): Locator {
    let rows = this.rows()
      .filter({ has: this.page.locator("td:nth-child(3)").getByText(match.method, { exact: true }) })
      .filter({ has: this.page.locator("td:nth-child(4)").getByText(match.path, { exact: true }) })
      .filter({ has: this.page.locator("td:nth-child(5)").getByText(String(match.status), { exact: true }) });
    if (match.key) rows = rows.filter({ has: this.page.locator("td:nth-child(2) span.truncate[title]").getByText(match.key, { exact: true }) });
    return rows;
  }

  /** The key name of every row, top to bottom (without the kind badge, which has a title too). */
  async keyNames(): Promise<string[]> {
    return this.rows().locator("td:nth-child(2) span.truncate[title]").allInnerTexts();
  }

  /** The column's text of every row, top to bottom. */
  async columnTexts(column: LogColumn): Promise<string[]> {
    return (await this.rows().locator(`td:nth-child(${LOG_COLUMNS.indexOf(column) + 1})`).allInnerTexts()).map((t) => t.trim());
  }

  /**
   * Reloads until the log holds `count` requests. Requests are written in a background batch
   * (about once a second), so the first load after an API call may not show them yet.
   */
  async reloadUntilCount(count: number): Promise<void> {
    await expect(async () => {
      await this.page.reload();
      await this.expectLoaded();
      await expect(this.rows()).toHaveCount(count, { timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
  }

  private async choose(trigger: Locator, option: string | RegExp, param: string): Promise<void> {
    const listbox = this.page.getByRole("listbox");
    await clickUntilVisible(trigger, listbox);
    await listbox.getByRole("option", { name: option }).click();
    await expect(listbox).toBeHidden();
    await expect(this.page).toHaveURL(new RegExp(`[?&]${param}=`));
  }

  async filterByStatus(label: "2xx success" | "4xx client error" | "5xx server error"): Promise<void> {
    await this.choose(this.statusFilter, label, "status");
    await expect(this.statusFilter).toContainText(label);
  }

  /** Filters by a credential's name (the option also shows its kind: "server secret"). */
  async filterByKey(name: string): Promise<void> {
    await this.choose(this.keyFilter, new RegExp(`^${name}\\s*(publishable|secret|token)$`), "key");
    await expect(this.keyFilter).toContainText(name);
  }

  async clearFilters(): Promise<void> {
    await this.filters.getByRole("button", { name: "Clear filters" }).click();
    await expect(this.page).not.toHaveURL(/[?&](key|status)=/);
  }
}

/** A project's Tables page: the data API tables of one environment with their row counts. */
export class TablesPage {
  readonly heading: Locator;
  readonly sidebarLink: Locator;
  readonly section: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Tables" });
    this.sidebarLink = page.getByRole("link", { name: "Tables", exact: true });
    this.section = page.getByRole("region", { name: /^Tables/ });
  }

  async open(): Promise<void> {
    await this.sidebarLink.click();
    await this.page.waitForURL(/\/tables(\?|$)/);
    await this.expectLoaded();
  }

  async expectLoaded(): Promise<void> {
    await expect(this.heading).toBeVisible();
    await expect(this.section).toBeVisible();
  }

  rows(): Locator {
    return this.section.getByRole("row").filter({ has: this.page.getByRole("cell") });
  }

  row(name: string): Locator {
    return this.rows().filter({ has: this.page.locator("td:first-child").getByText(name, { exact: true }) });
  }

  /** The "Rows" cell of a table. */
  rowCount(name: string): Locator {
    return this.row(name).getByRole("cell").nth(1);
  }
}
