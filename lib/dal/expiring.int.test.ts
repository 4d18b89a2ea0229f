import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { signUp } from "@/test/factories";
import { createAccessToken, revokeAccessToken } from "./access-tokens";
import { createApiKey, deleteApiKey, rollApiKey } from "./api-keys";
import { countExpiring, getExpiryWarningDays } from "./expiring";

// The console banner's counts: live keys and tokens of one organization expiring within its
// warning window. Each test signs up its own organization, so counts never depend on others.

const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY);

describe("countExpiring", () => {
  it("counts only live, unrolled keys and tokens inside the organization's window", async () => {
    const { ctx, projectSlug } = await signUp();
    const secret = (name: string, expiresAt: Date | null, environment = "dev") =>
      createApiKey(ctx, { projectSlug, environment, kind: "secret", name, expiresAt });

    expect(await countExpiring(ctx)).toEqual({ warningDays: 7, keys: 0, tokens: 0, firstKey: null });

    await secret("later", inDays(30));
    await secret("never", null);
    const soon = await secret("soon", inDays(3), "prod");
    await secret("sooner", inDays(5));
    await createApiKey(ctx, { projectSlug, environment: "dev", kind: "publishable", name: "web", expiresAt: inDays(6) });
    const deleted = await secret("deleted", inDays(2));
    await deleteApiKey(ctx, { keyId: deleted.key.id });
    // A roll sets the old key's end on purpose: that is not news for the banner. Its replacement inherits the expiry.
    const rolled = await secret("rolled", inDays(4));
    await rollApiKey(ctx, { keyId: rolled.key.id, overlap: "1h" });

    const token = (name: string, expiresAt: Date | null) => createAccessToken(ctx, { name, type: "BEARER_TOKEN", scopes: ["project:read"], expiresAt });
    await token("ci", inDays(2));
    await token("later", inDays(60));
    const revoked = await token("revoked", inDays(1));
    await revokeAccessToken(ctx, revoked.token.id);

    // soon, sooner, web and the replacement of rolled; the one in prod expires first.
    expect(await countExpiring(ctx)).toEqual({ warningDays: 7, keys: 4, tokens: 1, firstKey: { projectSlug, environment: "prod" } });
    expect(soon.key.environment).toBe("prod");
  });

  it("leaves expired keys out and follows Organization.expiryWarningDays", async () => {
    const { ctx, projectSlug } = await signUp();
    const key = await createApiKey(ctx, { projectSlug, environment: "dev", kind: "secret", name: "k", expiresAt: inDays(10) });
    expect((await countExpiring(ctx)).keys).toBe(0);

    await db.organization.update({ where: { id: ctx.organizationId }, data: { expiryWarningDays: 14 } });
    expect(await getExpiryWarningDays(ctx)).toBe(14);
    expect(await countExpiring(ctx)).toMatchObject({ warningDays: 14, keys: 1, firstKey: { projectSlug, environment: "dev" } });

    await db.apiKey.update({ where: { id: key.key.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await countExpiring(ctx)).keys).toBe(0);
  });

  it("never counts another organization's credentials", async () => {
    const a = await signUp();
    const b = await signUp();
    await createApiKey(b.ctx, { projectSlug: b.projectSlug, environment: "dev", kind: "secret", name: "theirs", expiresAt: inDays(1) });
    await createAccessToken(b.ctx, { name: "theirs", type: "BEARER_TOKEN", scopes: ["project:read"], expiresAt: inDays(1) });
    expect(await countExpiring(a.ctx)).toMatchObject({ keys: 0, tokens: 0, firstKey: null });
    expect(await countExpiring(b.ctx)).toMatchObject({ keys: 1, tokens: 1 });
  });
});
