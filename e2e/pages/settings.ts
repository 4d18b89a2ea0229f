import { expect, type Locator, type Page } from "@playwright/test";

export class SettingsPage {
  readonly heading: Locator;
  readonly projectId: Locator;
  readonly copyProjectId: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Settings" });
    this.projectId = page.getByTestId("project-id");
    this.copyProjectId = page.getByRole("button", { name: "Copy Project ID" });
  }

  async expectLoaded(): Promise<void> {
    await expect(this.heading).toBeVisible();
    await expect(this.projectId).toHaveText(/^proj_[0-9A-Za-z]+$/);
  }
}
