import type { Route } from "@playwright/test";
import { expect, test } from "./fixtures";
import { maskedSecret } from "./pages/api-keys";

/*
 * User B must not see, nor delete, anything of user A's organization: not through the console's
 * URLs, and not by calling the delete server action with A's ids in place of B's own.
 */
test.describe("tenancy", () => {
  test("user B cannot open user A's organization or project", async ({ account: a, apiKeysPage, otherUser }) => {
    await apiKeysPage.createAndStoreSecretKey("a-secret");
    const b = await otherUser("b");

    const aPaths = [
      a.apiKeysPath,
      `${a.apiKeysPath}?env=prod`,
      `/${a.orgSlug}/${a.projectSlug}/settings`,
      `/${a.orgSlug}/${a.projectSlug}`,
      `/${a.orgSlug}`,
    ];
    for (const path of aPaths) {
      await test.step(path, async () => {
        const response = await b.page.goto(path);
        await expect(b.page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
        expect(response?.status(), `status of ${path}`).toBe(404);
        await expect(b.page.getByText("a-secret")).toHaveCount(0);
        await expect(b.page.getByText(a.orgSlug)).toHaveCount(0);
      });
    }

    // A still has the key.
    await apiKeysPage.goto(a.apiKeysPath);
    await expect(apiKeysPage.row("secret", "a-secret")).toBeVisible();
  });

  test("user B cannot delete user A's key by forging the delete action's arguments", async ({ page, account: a, apiKeysPage: aKeys, otherUser }) => {
    const aPlaintext = await aKeys.createAndStoreSecretKey("a-secret");
    const aKeyId = await aKeys.keyId("a-secret");

    const b = await otherUser("b");
    await b.apiKeys.createPublishableKey("b-key");
    const bKeyId = await b.apiKeys.keyId("b-key");
    expect(bKeyId).not.toBe(aKeyId);

    // The action's bound arguments ({ orgSlug, projectSlug, keyId }) travel in the request body;
    // the route rewrites them on the way out, as a user with devtools could.
    const forgeries = [
      {
        name: "A's key id within B's organization",
        replace: [[bKeyId, aKeyId]],
        message: "API key not found.",
      },
      {
        name: "A's organization, project and key id",
        replace: [
          [bKeyId, aKeyId],
          [b.account.orgSlug, a.orgSlug],
        ],
        message: /^Not found\./,
      },
    ] as const;

    const { dialog, confirmName, confirm } = await b.apiKeys.openDelete("b-key");
    await confirmName.fill("b-key");
    await expect(confirm).toBeEnabled();

    for (const forgery of forgeries) {
      await test.step(forgery.name, async () => {
        const rewritten: string[] = [];
        const forge = async (route: Route) => {
          const request = route.request();
          const body = request.postData();
          if (request.method() !== "POST" || !request.headers()["next-action"] || body === null) return route.fallback();
          let forged = body;
          for (const [from, to] of forgery.replace) forged = forged.replaceAll(from, to);
          rewritten.push(body.includes(bKeyId) && forged.includes(aKeyId) && !forged.includes(bKeyId) ? "ok" : body);
          return route.continue({ postData: forged });
        };
        await b.page.route("**/*", forge);
        try {
          const responded = b.page.waitForResponse((r) => r.request().method() === "POST" && !!r.request().headers()["next-action"]);
          await confirm.click();
          const response = await responded;
          expect(response.status()).toBe(200);
          await expect(dialog.getByRole("status")).toHaveText(forgery.message);
          await expect(dialog).toBeVisible();
        } finally {
          await b.page.unroute("**/*", forge);
        }
        expect(rewritten, "the action request was intercepted and rewritten exactly once").toEqual(["ok"]);
      });
    }

    // A's key is still there, and still only masked.
    await page.reload();
    await aKeys.expectLoaded();
    await expect(aKeys.row("secret", "a-secret")).toContainText(maskedSecret(aPlaintext));
    expect(await aKeys.keyId("a-secret")).toBe(aKeyId);

    // B's own key was never the target, so it is untouched.
    await b.page.reload();
    await b.apiKeys.expectLoaded();
    await expect(b.apiKeys.row("publishable", "b-key")).toBeVisible();
    await expect(b.apiKeys.toasts.filter({ hasText: "Key deleted" })).toHaveCount(0);

    // Control: the same dialog without forgery does delete B's key, so the forgeries failed
    // because of the tenancy checks, not because the request was malformed.
    const again = await b.apiKeys.openDelete("b-key");
    await again.confirmName.fill("b-key");
    await again.confirm.click();
    await expect(again.dialog).toBeHidden();
    await expect(b.apiKeys.row("publishable", "b-key")).toHaveCount(0);
    await page.reload();
    await expect(aKeys.row("secret", "a-secret")).toBeVisible();
  });
});
