import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Scope } from "@/lib/auth/scopes";
import { tokenContext } from "@/lib/credentials/context";
import { clearCache } from "@/lib/credentials/cache";
import { lookupCredential } from "@/lib/credentials/resolve";
import { createAccessToken, revokeAccessToken } from "@/lib/dal/access-tokens";
import type { MemberContext, TokenContext } from "@/lib/dal/context";
import { db } from "@/lib/db";
import { API_ROUTES, call, createFixture, errorOf, pathsOf, stateFingerprint, type Fixture } from "@/test/api-client";
import { addMember, expectDalError, requestFrom, signUp, type TestAccount } from "@/test/factories";

// Privilege escalation through access tokens: a token never holds more than its creator's role,
// only the console (a member) mints and revokes tokens, and the REST API has no way to do either:
// a token may only roll itself, into a replacement that still answers to its creator.

const inAnHour = () => new Date(Date.now() + 3_600_000);

let owner: TestAccount;
let admin: MemberContext;
let developer: MemberContext;
let viewer: MemberContext;
let fixture: Fixture;

beforeAll(async () => {
  owner = await signUp({ name: "Escalation Owner" });
  admin = await addMember(owner.orgSlug, "ADMIN");
  developer = await addMember(owner.orgSlug, "DEVELOPER");
  viewer = await addMember(owner.orgSlug, "VIEWER");
  fixture = await createFixture(owner.ctx);
});

/**
 * No console path changes roles yet: change the membership directly, then drop the verification
 * cache (whose 60 s TTL would otherwise bound how soon the change applies).
 */
async function changeRole(member: MemberContext, role: MemberContext["role"]): Promise<void> {
  await db.membership.update({
    where: { organizationId_userId: { organizationId: member.organizationId, userId: member.userId } },
    data: { role },
  });
  clearCache();
}

async function tokenCount(): Promise<number> {
  return db.accessToken.count({ where: { organizationId: owner.ctx.organizationId } });
}

describe("a DEVELOPER", () => {
  const beyondDeveloper: Scope[][] = [["*:*"], ["project:delete"], ["environment:create"], ["project:update"], ["apikey:create", "project:delete"]];

  it.each(beyondDeveloper)("cannot create a token with %s (and more)", async (...scopes) => {
    const before = { tokens: await tokenCount(), state: await stateFingerprint() };
    const error = await expectDalError(
      createAccessToken(developer, { name: "too strong", type: "BEARER_TOKEN", scopes, expiresAt: inAnHour() }),
      "FORBIDDEN",
    );
    const refused = scopes.filter((scope) => scope !== "apikey:create");
    expect(error.fieldErrors?.scopes?.[0]).toEqual(expect.stringContaining(refused.join(", ")));
    expect({ tokens: await tokenCount(), state: await stateFingerprint() }).toEqual(before);
  });

  it("cannot create a token that never expires", async () => {
    const before = await tokenCount();
    const error = await expectDalError(
      createAccessToken(developer, { name: "forever", type: "BEARER_TOKEN", scopes: ["apikey:read"], expiresAt: null }),
      "FORBIDDEN",
    );
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(["expiry"]);
    expect(await tokenCount()).toBe(before);
  });

  it("can create an expiring apikey:create token, which creates keys and nothing more", async () => {
    const { token, plaintext } = await createAccessToken(developer, {
      name: "ci keys",
      type: "BEARER_TOKEN",
      scopes: ["apikey:create"],
      expiresAt: inAnHour(),
    });
    expect(token).toMatchObject({ scopes: ["apikey:create"], status: "active", createdBy: { id: developer.userId, role: "DEVELOPER" } });

    const paths = pathsOf(fixture);
    expect((await call("POST", paths.keys, { token: plaintext, body: { name: "from ci", kind: "secret" } })).status).toBe(201);
    for (const [method, url] of [
      ["POST", paths.projects],
      ["DELETE", paths.project],
      ["POST", paths.environments],
      ["GET", paths.keys],
    ] as const) {
      const response = await call(method, url, { token: plaintext, body: method === "POST" ? { name: "x", slug: "xx" } : undefined });
      expect(response.status).toBe(403);
      expect(errorOf(response).code).toBe("INSUFFICIENT_SCOPE");
    }
  });

  it("cannot revoke an ADMIN's or the OWNER's token, but can revoke their own", async () => {
    const adminToken = await createAccessToken(admin, { name: "admin's", type: "BEARER_TOKEN", scopes: ["*:*"], expiresAt: null });
    const ownerToken = await createAccessToken(owner.ctx, { name: "owner's", type: "BEARER_TOKEN", scopes: ["*:*"], expiresAt: null });
    const ownToken = await createAccessToken(developer, { name: "mine", type: "BEARER_TOKEN", scopes: ["project:read"], expiresAt: inAnHour() });

    for (const victim of [adminToken, ownerToken]) {
      await expectDalError(revokeAccessToken(developer, victim.token.id), "FORBIDDEN");
      expect(await db.accessToken.findUniqueOrThrow({ where: { id: victim.token.id }, select: { revokedAt: true } })).toEqual({ revokedAt: null });
      expect((await call("GET", "/api/v1/projects", { token: victim.plaintext })).status).toBe(200);
    }

    const revoked = await revokeAccessToken(developer, ownToken.token.id);
    expect(revoked.status).toBe("revoked");
    expect((await call("GET", "/api/v1/projects", { token: ownToken.plaintext })).status).toBe(401);
  });
});

describe("a VIEWER", () => {
  it.each([[["project:read"]], [["apikey:read"]], [["*:*"]], [[]]] as Scope[][][])("cannot create a token with %j", async (scopes) => {
    const before = await tokenCount();
    await expectDalError(createAccessToken(viewer, { name: "viewer's", type: "API_KEY", scopes, expiresAt: inAnHour() }), "FORBIDDEN");
    expect(await tokenCount()).toBe(before);
  });
});

describe("an ADMIN (the control)", () => {
  it("can create a never-expiring *:* token", async () => {
    const { token } = await createAccessToken(admin, { name: "admin all", type: "API_KEY", scopes: ["*:*"], expiresAt: null });
    expect(token).toMatchObject({ scopes: ["*:*"], expiresAt: null, status: "active" });
  });
});

describe("a token", () => {
  let tokenCtx: TokenContext;
  let tokenId: string;

  beforeAll(async () => {
    const created = await createAccessToken(owner.ctx, { name: "all powerful", type: "BEARER_TOKEN", scopes: ["*:*"], expiresAt: null });
    tokenId = created.token.id;
    const result = await lookupCredential(created.plaintext);
    if (!result.ok || result.credential.kind !== "access_token") throw new Error("Test setup: token refused");
    tokenCtx = tokenContext(result.credential, requestFrom());
  });

  it("cannot create tokens, even holding *:*", async () => {
    const before = await tokenCount();
    await expectDalError(createAccessToken(tokenCtx, { name: "child", type: "BEARER_TOKEN", scopes: ["project:read"], expiresAt: inAnHour() }), "FORBIDDEN");
    expect(await tokenCount()).toBe(before);
  });

  it("cannot revoke tokens, not even itself", async () => {
    const other = await createAccessToken(owner.ctx, { name: "someone else's", type: "BEARER_TOKEN", scopes: ["project:read"], expiresAt: inAnHour() });
    for (const id of [other.token.id, tokenId]) {
      await expectDalError(revokeAccessToken(tokenCtx, id), "FORBIDDEN");
      expect(await db.accessToken.findUniqueOrThrow({ where: { id }, select: { revokedAt: true } })).toEqual({ revokedAt: null });
    }
  });

  it("can roll only itself: the replacement keeps its creator and the audit names the token", async () => {
    const created = await createAccessToken(developer, { name: "pipeline", type: "BEARER_TOKEN", scopes: ["token:roll", "apikey:read"], expiresAt: inAnHour() });
    const response = await call("POST", pathsOf(fixture).tokenRoll, { token: created.plaintext, body: { overlap: "now" } });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const body = response.body as { id: string; token: string; scopes: string[]; previous: { id: string } };
    expect(body).toMatchObject({ scopes: ["apikey:read", "token:roll"], previous: { id: created.token.id } });
    const replacement = await db.accessToken.findUniqueOrThrow({ where: { id: body.id }, select: { createdById: true, expiresAt: true } });
    expect(replacement).toEqual({ createdById: developer.userId, expiresAt: created.token.expiresAt });
    const rolled = await db.auditEvent.findFirstOrThrow({ where: { action: "access_token.rolled", targetId: created.token.id } });
    expect(rolled).toMatchObject({ actorType: "access_token", actorTokenId: created.token.id, actorUserId: null });
    // "now": the old token is refused on its next request; the new one works.
    expect((await call("GET", pathsOf(fixture).keys, { token: created.plaintext })).status).toBe(401);
    expect((await call("GET", pathsOf(fixture).keys, { token: body.token })).status).toBe(200);
  });

  it("rolled by a since-demoted creator carries only what the creator's role now holds", async () => {
    const creator = await addMember(owner.orgSlug, "ADMIN");
    const created = await createAccessToken(creator, { name: "admin pipeline", type: "BEARER_TOKEN", scopes: ["*:*"], expiresAt: inAnHour() });
    await changeRole(creator, "DEVELOPER");
    const response = await call("POST", pathsOf(fixture).tokenRoll, { token: created.plaintext, body: { overlap: "1h" } });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const { scopes } = response.body as { scopes: string[] };
    expect(scopes).not.toContain("*:*");
    expect(scopes).toEqual(expect.arrayContaining(["apikey:create", "token:roll"]));
    expect(scopes).not.toContain("project:delete");
  });

  it("of a creator who is now a viewer cannot roll itself", async () => {
    const creator = await addMember(owner.orgSlug, "DEVELOPER");
    const created = await createAccessToken(creator, { name: "demoted pipeline", type: "BEARER_TOKEN", scopes: ["token:roll"], expiresAt: inAnHour() });
    await changeRole(creator, "VIEWER");
    const before = { tokens: await tokenCount(), state: await stateFingerprint() };
    const response = await call("POST", pathsOf(fixture).tokenRoll, { token: created.plaintext, body: { overlap: "1h" } });
    expect(response.status).toBe(403);
    expect(errorOf(response)).toMatchObject({ code: "INSUFFICIENT_SCOPE", details: { requiredScope: "token:roll" } });
    expect({ tokens: await tokenCount(), state: await stateFingerprint() }).toEqual(before);
  });

  it("of another organization's owner cannot revoke this organization's tokens", async () => {
    const stranger = await signUp({ name: "Stranger" });
    const target = await createAccessToken(owner.ctx, { name: "target", type: "BEARER_TOKEN", scopes: ["project:read"], expiresAt: inAnHour() });
    await expectDalError(revokeAccessToken(stranger.ctx, target.token.id), "NOT_FOUND");
  });
});

describe("the REST API", () => {
  const METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"] as const;
  const routeFilesUnder = (dir: string) =>
    fs
      .readdirSync(path.join(process.cwd(), dir), { recursive: true, encoding: "utf8" })
      .filter((file) => /^route\.[jt]sx?$/.test(path.basename(file)))
      .map((file) => path.posix.join(dir, file.split(path.sep).join("/")));

  it("routes every token-authenticated endpoint through the test client; any other route file only reads", async () => {
    const known = new Set(API_ROUTES.map((route) => route.file));
    const files = routeFilesUnder("app/api/v1");
    for (const file of known) expect(files).toContain(file);
    // A route file the client does not know (the public OpenAPI document, say) must not change
    // anything: a new mutating endpoint has to join API_ROUTES, and with it the scope matrix.
    // POST /api/v1/keys/verify is not a management endpoint (secret keys may call it too) and
    // changes nothing but usage records: app/api/v1/verify.int.test.ts covers its callers.
    const OWN_TESTS: Record<string, string[]> = { "app/api/v1/keys/verify/route.ts": ["POST"] };
    for (const file of files.filter((f) => !known.has(f))) {
      if (OWN_TESTS[file]) {
        const handlers = (await import(/* @vite-ignore */ path.join(process.cwd(), file))) as Record<string, unknown>;
        expect(METHODS.filter((method) => typeof handlers[method] === "function")).toEqual(OWN_TESTS[file]);
        continue;
      }
      const handlers = (await import(/* @vite-ignore */ path.join(process.cwd(), file))) as Record<string, unknown>;
      expect({ file, methods: METHODS.filter((method) => typeof handlers[method] === "function") }).toEqual({ file, methods: ["GET"] });
    }
  });

  it("has no route that touches access tokens but a token's view and roll of itself, which take no token id", () => {
    const SELF = { "app/api/v1/access-tokens/self/route.ts": /getOwnAccessToken\(ctx\)/, "app/api/v1/access-tokens/self/roll/route.ts": /rollOwnAccessToken\(ctx, \{ overlap: body\.overlap \}\)/ };
    for (const file of routeFilesUnder("app/api")) {
      const source = fs.readFileSync(path.join(process.cwd(), file), "utf8");
      const own = SELF[file as keyof typeof SELF];
      if (own) expect(source, file).toMatch(own);
      else expect(source, file).not.toMatch(/access-tokens|AccessToken|accessToken/);
    }
    expect(routeFilesUnder("app/api/v1/access-tokens").sort()).toEqual(Object.keys(SELF).sort());
  });

  it("does not route token-minting paths, with or without a token", async () => {
    const { plaintext, token: prober } = await createAccessToken(owner.ctx, { name: "prober", type: "BEARER_TOKEN", scopes: ["*:*"], expiresAt: null });
    const before = await tokenCount();
    for (const url of [
      "/api/v1/access-tokens",
      `/api/v1/access-tokens/${prober.id}/roll`,
      "/api/v1/tokens",
      `/api/v1/organizations/${owner.orgSlug}/access-tokens`,
      `${pathsOf(fixture).project}/tokens`,
      `${pathsOf(fixture).project}/access-tokens`,
    ]) {
      const response = await call("POST", url, { token: plaintext, body: { name: "minted", type: "BEARER_TOKEN", scopes: ["*:*"] } });
      expect({ url, status: response.status, routed: response.routed }).toEqual({ url, status: 404, routed: false });
    }
    // Its own token is there to read, not to write: POST and PATCH are not routed.
    for (const method of ["POST", "PATCH"] as const) {
      const response = await call(method, "/api/v1/access-tokens/self", { token: plaintext, body: { scopes: ["*:*"] } });
      expect({ method, status: response.status, routed: response.routed }).toEqual({ method, status: 405, routed: false });
    }
    // PUT exists on no route: a token cannot replace a project's or key's attributes either.
    expect((await call("PUT", pathsOf(fixture).project, { token: plaintext, body: { name: "x" } })).status).toBe(405);
    expect(await tokenCount()).toBe(before);
  });
});

describe("a token whose creator's access changes", () => {
  // As in changeRole: memberships change directly, then the verification cache is dropped.
  async function tokenOf(creator: MemberContext, scopes: Scope[]) {
    const created = await createAccessToken(creator, { name: `of ${creator.role}`, type: "BEARER_TOKEN", scopes, expiresAt: inAnHour() });
    return created.plaintext;
  }

  it("stops working when its creator leaves the organization", async () => {
    const leaver = await addMember(owner.orgSlug, "ADMIN");
    const token = await tokenOf(leaver, ["project:read"]);
    expect((await call("GET", "/api/v1/projects", { token })).status).toBe(200);

    await db.membership.delete({ where: { organizationId_userId: { organizationId: leaver.organizationId, userId: leaver.userId } } });
    clearCache();

    const response = await call("GET", "/api/v1/projects", { token });
    expect(response.status).toBe(401);
    expect(errorOf(response).code).toBe("UNAUTHENTICATED");
  });

  it("stops working when its creator is disabled", async () => {
    const creator = await addMember(owner.orgSlug, "ADMIN");
    const token = await tokenOf(creator, ["project:read"]);
    await db.user.update({ where: { id: creator.userId }, data: { disabledAt: new Date() } });
    clearCache();
    expect((await call("GET", "/api/v1/projects", { token })).status).toBe(401);
  });

  it("is narrowed to what its creator's new role holds after a demotion", async () => {
    const creator = await addMember(owner.orgSlug, "ADMIN");
    const token = await tokenOf(creator, ["*:*"]);
    const path = `/api/v1/projects/${fixture.projectId}/environments`;
    await changeRole(creator, "DEVELOPER");

    const denied = await call("POST", path, { token, body: { slug: "demoted" } });
    expect(denied.status).toBe(403);
    expect(errorOf(denied).code).toBe("INSUFFICIENT_SCOPE");
    expect((await call("GET", `/api/v1/projects/${fixture.projectId}`, { token })).status).toBe(200);
  });
});
