import { expect, type Locator, type Page } from "@playwright/test";

export interface Credentials {
  name: string;
  email: string;
  password: string;
}

/** Where sign-up lands: the first project's API Keys page of the new organization. */
export interface ConsoleLocation {
  orgSlug: string;
  projectSlug: string;
  /** `/<org>/<project>/api-keys` */
  apiKeysPath: string;
}

const API_KEYS_PATH = /^\/([^/]+)\/([^/]+)\/api-keys$/;

export function parseApiKeysPath(url: string): ConsoleLocation {
  const { pathname } = new URL(url);
  const match = API_KEYS_PATH.exec(pathname);
  if (!match?.[1] || !match[2]) throw new Error(`Not an API Keys URL: ${url}`);
  return { orgSlug: match[1], projectSlug: match[2], apiKeysPath: pathname };
}

export class SignUpPage {
  readonly name: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;

  constructor(readonly page: Page) {
    this.name = page.getByLabel("Name", { exact: true });
    this.email = page.getByLabel("Email", { exact: true });
    this.password = page.getByLabel("Password", { exact: true });
    this.submit = page.getByRole("button", { name: "Create account" });
  }

  async goto(): Promise<void> {
    await this.page.goto("/sign-up");
    await expect(this.page.getByText("Create your account")).toBeVisible();
  }

  async fill(credentials: Credentials): Promise<void> {
    await this.name.fill(credentials.name);
    await this.email.fill(credentials.email);
    await this.password.fill(credentials.password);
  }

  /** Signs up and waits for the console: `/<org>/<project>/api-keys`. */
  async signUp(credentials: Credentials): Promise<ConsoleLocation> {
    await this.goto();
    await this.fill(credentials);
    await this.submit.click();
    await this.page.waitForURL((url) => API_KEYS_PATH.test(url.pathname));
    return parseApiKeysPath(this.page.url());
  }
}
