import { randomBytes } from "node:crypto";
import { test as base, expect, type Browser, type Page } from "@playwright/test";
import { AccessTokensPage } from "./pages/access-tokens";
import { ApiKeysPage } from "./pages/api-keys";
import { LogsPage, TablesPage } from "./pages/logs";
import { SettingsPage } from "./pages/settings";
import { SignInPage } from "./pages/sign-in";
import { SignUpPage, type ConsoleLocation, type Credentials } from "./pages/sign-up";

/** Fresh credentials: every test signs up its own user, so tests never share data. */
export function newCredentials(label = "user"): Credentials {
  const unique = `${Date.now()}-${randomBytes(4).toString("hex")}`;
  return {
    name: `E2E ${label}`,
    email: `${label}-${unique}@example.test`,
    password: `pw-${randomBytes(12).toString("base64url")}`,
  };
}

/** A signed-up (and so signed-in) user, and where the console put them. */
export interface Account extends ConsoleLocation {
  credentials: Credentials;
}

export async function signUp(page: Page, label = "user"): Promise<Account> {
  const credentials = newCredentials(label);
  const location = await new SignUpPage(page).signUp(credentials);
  return { credentials, ...location };
}

/** A second user in a browser context of its own (own cookies), closed after the test. */
export interface OtherUser {
  page: Page;
  account: Account;
  apiKeys: ApiKeysPage;
}

interface Fixtures {
  signUpPage: SignUpPage;
  signInPage: SignInPage;
  apiKeysPage: ApiKeysPage;
  settingsPage: SettingsPage;
  accessTokensPage: AccessTokensPage;
  logsPage: LogsPage;
  tablesPage: TablesPage;
  /** Signs up a new user in `page`; the page is on that user's API Keys page. */
  account: Account;
  /** Creates further users, each in its own browser context. */
  otherUser: (label: string) => Promise<OtherUser>;
}

async function withOtherUsers(browser: Browser, use: (create: (label: string) => Promise<OtherUser>) => Promise<void>) {
  const contexts: Awaited<ReturnType<Browser["newContext"]>>[] = [];
  try {
    await use(async (label) => {
      // browser.newContext() in a test gets the project's `use` options (baseURL, permissions).
      const context = await browser.newContext();
      contexts.push(context);
      const page = await context.newPage();
      const account = await signUp(page, label);
      return { page, account, apiKeys: new ApiKeysPage(page) };
    });
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
  }
}

export const test = base.extend<Fixtures>({
  signUpPage: async ({ page }, use) => use(new SignUpPage(page)),
  signInPage: async ({ page }, use) => use(new SignInPage(page)),
  apiKeysPage: async ({ page }, use) => use(new ApiKeysPage(page)),
  settingsPage: async ({ page }, use) => use(new SettingsPage(page)),
  accessTokensPage: async ({ page }, use) => use(new AccessTokensPage(page)),
  logsPage: async ({ page }, use) => use(new LogsPage(page)),
  tablesPage: async ({ page }, use) => use(new TablesPage(page)),
  account: async ({ page }, use) => {
    const account = await signUp(page);
    await new ApiKeysPage(page).expectLoaded();
    await use(account);
  },
  otherUser: async ({ browser }, use) => withOtherUsers(browser, use),
});

export { expect };

/** The text the page's clipboard holds (the context has clipboard-read permission). */
export function readClipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}
