import { expect, test } from "@playwright/test";
import { startOwnServer } from "./own-server";
import { SignInPage } from "./pages/sign-in";
import { SignUpPage } from "./pages/sign-up";

// Sign-ups are limited per client address. The suite's shared server lifts the limit (every
// test signs up from 127.0.0.1), so this runs a server of its own that allows one.

const password = "correct horse battery staple";

test("a sign-up over the per-address limit is refused with a clear message and creates nothing", async ({ browser }) => {
  test.setTimeout(90_000);
  const server = await startOwnServer({ KEYWARD_SIGN_UP_LIMIT: "1" });
  try {
    const firstVisitor = await browser.newContext({ baseURL: server.base });
    await new SignUpPage(await firstVisitor.newPage()).signUp({ name: "First Person", email: `first-${Date.now()}@example.test`, password });
    await firstVisitor.close();

    const context = await browser.newContext({ baseURL: server.base });
    const page = await context.newPage();
    const signUpPage = new SignUpPage(page);
    const refused = { name: "Second Person", email: `second-${Date.now()}@example.test`, password };
    await signUpPage.goto();
    await signUpPage.fill(refused);
    await signUpPage.submit.click();
    await expect(page.getByText("Too many sign-ups from your network. Try again in 15 minutes.")).toBeVisible();
    await expect(page).toHaveURL(/\/sign-up$/);
    // What was typed stays, so the visitor can try again later without retyping.
    await expect(signUpPage.email).toHaveValue(refused.email);

    // No account was created: its credentials do not sign in.
    const signInPage = new SignInPage(page);
    await signInPage.goto();
    await signInPage.signIn(refused.email, refused.password);
    await expect(signInPage.error).toHaveText("Incorrect email or password.");
    await context.close();
  } finally {
    server.dispose();
  }
});
