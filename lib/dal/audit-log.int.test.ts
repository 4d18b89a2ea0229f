import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AUDIT_PAGE_SIZE } from "@/lib/validations/audit-log";
import { addMember, expectDalError, requestFrom, signUp, type TestAccount } from "@/test/factories";
import { createAccessToken, revokeAccessToken } from "./access-tokens";
import { createApiKey, deleteApiKey } from "./api-keys";
import { AUDIT_FORBIDDEN_MESSAGE, listAuditEvents, listAuditFilterOptions } from "./audit-log";
import { createKeyRole } from "./key-roles";

// The organization's audit log against a real database: events written by the app's own code
// paths (sign-up, key and token lifecycle), read back through filters, pages and role checks.

const request = requestFrom("203.0.113.44", "vitest/audit-log");

describe("listAuditEvents", () => {
  let owner: TestAccount;
  let other: TestAccount;
  let keyId: string;
  let tokenId: string;

  beforeAll(async () => {
    owner = await signUp({ name: "Grace Hopper", request });
    other = await signUp({ name: "Other Org", request });
    const { key } = await createApiKey(owner.ctx, { projectSlug: owner.projectSlug, environment: "dev", kind: "secret", name: "billing-worker" });
    keyId = key.id;
    await deleteApiKey(owner.ctx, { keyId });
    const { token } = await createAccessToken(owner.ctx, { name: "ci-deploy", type: "BEARER_TOKEN", scopes: ["apikey:read"], expiresAt: null });
    tokenId = token.id;
    await revokeAccessToken(owner.ctx, tokenId);
    // The other organization's key is never part of the owner's log.
    await createApiKey(other.ctx, { projectSlug: other.projectSlug, environment: "dev", kind: "secret", name: "billing-worker" });
  });

  it("lists every lifecycle event newest first, naming actor, target (with its page), project, environment and IP", async () => {
    const log = await listAuditEvents(owner.ctx, { page: 1 });
    expect(log.rows.map((row) => row.action)).toEqual([
      "access_token.revoked",
      "access_token.secret_shown",
      "access_token.created",
      "api_key.deleted",
      "api_key.secret_shown",
      "api_key.created",
      "project.created",
      "organization.created",
      "user.signed_up",
    ]);
    const deleted = log.rows.find((row) => row.action === "api_key.deleted");
    expect(deleted).toMatchObject({
      actor: { type: "user", name: "Grace Hopper", email: owner.email },
      target: { type: "api_key", id: keyId, name: "billing-worker", href: `/${owner.orgSlug}/${owner.projectSlug}/api-keys/${keyId}`, environment: "dev" },
      ip: "203.0.113.44",
    });
    expect(deleted?.target.project).toEqual(expect.any(String));
    expect(log.rows.find((row) => row.action === "access_token.revoked")?.target).toMatchObject({
      name: "ci-deploy",
      href: `/${owner.orgSlug}/access-tokens/${tokenId}`,
    });
  });

  it("filters by key or token, by actor, by action and by time range", async () => {
    const byKey = await listAuditEvents(owner.ctx, { target: keyId, page: 1 });
    expect(byKey.rows.map((row) => row.action)).toEqual(["api_key.deleted", "api_key.secret_shown", "api_key.created"]);
    const byToken = await listAuditEvents(owner.ctx, { target: tokenId, page: 1 });
    expect(byToken.rows.map((row) => row.action)).toEqual(["access_token.revoked", "access_token.secret_shown", "access_token.created"]);

    const byAction = await listAuditEvents(owner.ctx, { action: "api_key.created", page: 1 });
    expect(byAction.rows.map((row) => row.target.id)).toEqual([keyId]);

    expect((await listAuditEvents(owner.ctx, { actor: `user:${owner.userId}`, page: 1 })).total).toBe(9);
    expect((await listAuditEvents(owner.ctx, { actor: "user:someone-else", page: 1 })).total).toBe(0);
    expect((await listAuditEvents(owner.ctx, { actor: "system", page: 1 })).total).toBe(0);

    const future = new Date(Date.now() + 60_000);
    expect((await listAuditEvents(owner.ctx, { from: future, page: 1 })).total).toBe(0);
    expect((await listAuditEvents(owner.ctx, { to: future, from: new Date(Date.now() - 3_600_000), page: 1 })).total).toBe(9);
  });

  it("pages server-side, newest first, and clamps a page past the end", async () => {
    const events = Array.from({ length: AUDIT_PAGE_SIZE + 5 }, (_, i) => ({
      organizationId: other.ctx.organizationId,
      actorUserId: other.userId,
      actorType: "user",
      action: "project.updated",
      targetType: "project",
      targetId: `proj_${i}`,
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
    }));
    await db.auditEvent.createMany({ data: events });
    const first = await listAuditEvents(other.ctx, { action: "project.updated", page: 1 });
    expect(first).toMatchObject({ total: AUDIT_PAGE_SIZE + 5, page: 1, pageCount: 2 });
    expect(first.rows).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.rows[0]?.target.id).toBe(`proj_${AUDIT_PAGE_SIZE + 4}`);
    const last = await listAuditEvents(other.ctx, { action: "project.updated", page: 99 });
    expect(last.page).toBe(2);
    expect(last.rows.map((row) => row.target.id)).toEqual(["proj_4", "proj_3", "proj_2", "proj_1", "proj_0"]);
  });

  it("never shows one organization another's events, even when filtered by the other's ids", async () => {
    const log = await listAuditEvents(other.ctx, { page: 1 });
    expect(log.rows.every((row) => row.target.id !== keyId && row.target.id !== tokenId)).toBe(true);
    expect((await listAuditEvents(other.ctx, { target: keyId, page: 1 })).total).toBe(0);
    expect((await listAuditEvents(other.ctx, { actor: `user:${owner.userId}`, page: 1 })).total).toBe(0);
    const options = await listAuditFilterOptions(other.ctx);
    expect(options.targets.map((t) => t.value)).not.toContain(keyId);
    expect(options.actors.map((a) => a.value)).not.toContain(`user:${owner.userId}`);
  });

  it("is for owners and admins: developers and viewers are refused with a clear message", async () => {
    const admin = await addMember(owner.orgSlug, "ADMIN", request);
    expect((await listAuditEvents(admin, { target: keyId, page: 1 })).total).toBe(3);
    for (const role of ["DEVELOPER", "VIEWER"] as const) {
      const member = await addMember(owner.orgSlug, role, request);
      const error = await expectDalError(listAuditEvents(member, { page: 1 }), "FORBIDDEN");
      expect(error.message).toBe(AUDIT_FORBIDDEN_MESSAGE);
      await expectDalError(listAuditFilterOptions(member), "FORBIDDEN");
    }
  });

  it("offers the organization's keys (deleted too) and tokens, and its members, as filter choices", async () => {
    const options = await listAuditFilterOptions(owner.ctx);
    expect(options.targets).toEqual(
      expect.arrayContaining([
        { value: keyId, label: "billing-worker", detail: expect.stringContaining("Secret key") },
        { value: tokenId, label: "ci-deploy", detail: "Access token" },
      ]),
    );
    expect(options.actors).toContainEqual({ value: `user:${owner.userId}`, label: "Grace Hopper", detail: owner.email });
  });

  it("names a role target and links it to its project's Roles page", async () => {
    const role = await createKeyRole(owner.ctx, owner.projectSlug, { name: "auditors", description: "", grants: [{ table: "*", actions: ["read"], conditions: [] }] });
    const page = await listAuditEvents(owner.ctx, { action: "role.created", page: 1 });
    expect(page.rows.map((row) => row.target)).toEqual([
      expect.objectContaining({ type: "role", id: role.id, name: "auditors", href: `/${owner.orgSlug}/${owner.projectSlug}/roles` }),
    ]);
  });
});
