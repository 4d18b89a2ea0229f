import { expect, newCredentials, test } from "./fixtures";
import { SignInPage } from "./pages/sign-in";

const SIGN_IN_URL = /\/sign-in(\?|$)/;
const INCORRECT = "Incorrect email or password.";

test.describe("sign-up and sign-in", () => {
  test("sign-up lands on an empty API Keys page of the new project, in dev", async ({ page, signUpPage, apiKeysPage }) => {
    const credentials = newCredentials();
    const location = await signUpPage.signUp(credentials);

    expect(location.apiKeysPath).toBe(`/${location.orgSlug}/${location.projectSlug}/api-keys`);
    await apiKeysPage.expectLoaded();
    await expect(apiKeysPage.environment).toContainText("dev");
    await expect(apiKeysPage.emptyState("publishable", "dev")).toBeVisible();
    await expect(apiKeysPage.emptyState("secret", "dev")).toBeVisible();
    await expect(apiKeysPage.section("publishable").getByRole("table")).toHaveCount(0);
    await expect(apiKeysPage.section("secret").getByRole("table")).toHaveCount(0);
    await expect(page.getByRole("link", { name: "API Keys" })).toHaveAttribute("aria-current", "page");
    await expect(apiKeysPage.accountMenu).toContainText(credentials.email);
  });

  test("sign out, the console is closed, and signing in again opens it", async ({ page, account, apiKeysPage, signInPage }) => {
    await apiKeysPage.signOut();
    await signInPage.expectLoaded();

    await page.goto(account.apiKeysPath);
    await signInPage.expectLoaded();

    await signInPage.signIn(account.credentials.email, account.credentials.password);
    await page.waitForURL(account.apiKeysPath);
    await apiKeysPage.expectLoaded();
  });

  test("a wrong password and an unknown email get the same answer", async ({ browser, page, account, signInPage }) => {
    await page.context().clearCookies();
    await signInPage.goto();
    await signInPage.signIn(account.credentials.email, `${account.credentials.password}-wrong`);
    await expect(signInPage.error).toHaveText(INCORRECT);
    const wrongPassword = await signInPage.error.innerText();
    await expect(page).toHaveURL(SIGN_IN_URL);

    // A fresh context, so nothing left from the first attempt can shape the second answer.
    const context = await browser.newContext();
    try {
      const other = new SignInPage(await context.newPage());
      await other.goto();
      await other.signIn(newCredentials("nobody").email, account.credentials.password);
      await expect(other.error).toHaveText(INCORRECT);
      expect(await other.error.innerText()).toBe(wrongPassword);
      await expect(other.page).toHaveURL(SIGN_IN_URL);
    } finally {
      await context.close();
    }
  });

  for (const path of ["/", "/some-org/some-project/api-keys", "/some-org/some-project/settings", "/some-org"]) {
    test(`a signed-out visitor of ${path} is sent to sign-in`, async ({ page, signInPage }) => {
      await page.goto(path);
      await signInPage.expectLoaded();
    });
  }

  test("a copied session cookie stops working once its user signs out", async ({ browser, page, account, apiKeysPage }) => {
    const stolen = await page.context().cookies();
    expect(stolen.map((cookie) => cookie.name)).toContain("next-auth.session-token");

    // Before sign-out the copy works: it is the same session.
    const thief = await browser.newContext();
    try {
      await thief.addCookies(stolen);
      const thiefPage = await thief.newPage();
      await thiefPage.goto(account.apiKeysPath);
      await expect(thiefPage.getByRole("heading", { level: 1, name: "API Keys" })).toBeVisible();

      await apiKeysPage.signOut();

      // The thief still sends the cookie (proxy.ts lets it through); the server-side session is gone.
      expect((await thief.cookies()).map((cookie) => cookie.name)).toContain("next-auth.session-token");
      await thiefPage.goto(account.apiKeysPath);
      await new SignInPage(thiefPage).expectLoaded();
    } finally {
      await thief.close();
    }

    // A context that never saw the console, with only the saved cookies, is turned away too.
    const late = await browser.newContext();
    try {
      await late.addCookies(stolen);
      const latePage = await late.newPage();
      await latePage.goto(account.apiKeysPath);
      await new SignInPage(latePage).expectLoaded();
    } finally {
      await late.close();
    }
  });
});
