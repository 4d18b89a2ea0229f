import { beforeAll, describe, expect, it } from "vitest";
import type { Grant } from "@/lib/access/permissions";
import { lookupCredential } from "@/lib/credentials/resolve";
import { db } from "@/lib/db";
import { addMember, expectDalError, signUp, type TestAccount } from "@/test/factories";
import { createAccessToken, revokeAccessToken } from "./access-tokens";
import { createApiKey, deleteApiKey } from "./api-keys";
import { createKeyRole, deleteKeyRole, listKeyRoles, listProjectTableNames, updateKeyRole, type KeyRoleInput } from "./key-roles";

// Roles of a project against a real, migrated database (PGlite and PostgreSQL): writes and their
// audit rows, validation, permissions, tenancy, and what a change does to the keys holding a role.

const CUSTOMER_ORDERS_GRANT: Grant = { table: "orders", actions: ["read"], conditions: [{ field: "customerId", equals: { context: "customerId" } }] };
const CUSTOMER_ORDERS: Grant[] = [CUSTOMER_ORDERS_GRANT];

function roleInput(name: string, grants: Grant[] = CUSTOMER_ORDERS): KeyRoleInput {
  return { name, description: `${name} for tests`, grants };
}

async function auditRows(account: TestAccount, targetId: string) {
  return db.auditEvent.findMany({
    where: { organizationId: account.ctx.organizationId, targetType: "role", targetId },
    orderBy: { createdAt: "asc" },
    select: { action: true, metadata: true, actorUserId: true },
  });
}

async function secretKeyWithRoles(account: TestAccount, name: string, roleIds: string[]) {
  return createApiKey(account.ctx, { projectSlug: account.projectSlug, environment: "dev", kind: "secret", name, roleIds, context: { customerId: "c-1" } });
}

describe("key roles", () => {
  let owner: TestAccount;

  beforeAll(async () => {
    owner = await signUp({ name: "Role Owner" });
  });

  it("creates, updates and deletes a role, each with its audit row (before/after in metadata)", async () => {
    const role = await createKeyRole(owner.ctx, owner.projectSlug, roleInput("support"));
    expect(role).toMatchObject({ name: "support", description: "support for tests", grants: CUSTOMER_ORDERS, assignedCount: 0 });

    const widened: Grant[] = [{ ...CUSTOMER_ORDERS_GRANT, actions: ["read", "update"] }, { table: "*", actions: ["read"], conditions: [] }];
    const updated = await updateKeyRole(owner.ctx, owner.projectSlug, role.id, { ...roleInput("support-agents", widened), description: "" });
    expect(updated).toMatchObject({ id: role.id, name: "support-agents", description: "", grants: widened });
    expect((await listKeyRoles(owner.ctx, owner.projectSlug)).map((row) => row.name)).toContain("support-agents");

    await deleteKeyRole(owner.ctx, owner.projectSlug, role.id);
    expect(await db.keyRole.findUnique({ where: { id: role.id } })).toBeNull();

    const audit = await auditRows(owner, role.id);
    expect(audit.map((row) => row.action)).toEqual(["role.created", "role.updated", "role.deleted"]);
    expect(audit.every((row) => row.actorUserId === owner.userId)).toBe(true);
    const [created, changed, deleted] = audit.map((row) => row.metadata);
    expect(created).toMatchObject({ after: { name: "support", grants: CUSTOMER_ORDERS } });
    expect(changed).toMatchObject({
      before: { name: "support", description: "support for tests", grants: CUSTOMER_ORDERS },
      after: { name: "support-agents", description: "", grants: widened },
    });
    expect(deleted).toMatchObject({ before: { name: "support-agents", grants: widened } });
  });

  it("refuses a second role of the same name with CONFLICT, and an update that would collide writes nothing", async () => {
    const first = await createKeyRole(owner.ctx, owner.projectSlug, roleInput("analyst"));
    const second = await createKeyRole(owner.ctx, owner.projectSlug, roleInput("auditor"));

    const error = await expectDalError(createKeyRole(owner.ctx, owner.projectSlug, roleInput("analyst")), "CONFLICT");
    expect(error.fieldErrors).toEqual({ name: ["Already taken in this project."] });

    await expectDalError(updateKeyRole(owner.ctx, owner.projectSlug, second.id, roleInput("analyst", [{ table: "*", actions: ["delete"], conditions: [] }])), "CONFLICT");
    // The failed update rolled back as a whole: the role and its audit trail are as before.
    expect(await db.keyRole.findUniqueOrThrow({ where: { id: second.id }, select: { name: true, permissions: true } })).toEqual({
      name: "auditor",
      permissions: CUSTOMER_ORDERS,
    });
    expect((await auditRows(owner, second.id)).map((row) => row.action)).toEqual(["role.created"]);
    expect((await auditRows(owner, first.id)).map((row) => row.action)).toEqual(["role.created"]);
  });

  it.each<[string, unknown]>([
    ["no grants", []],
    ["no actions", [{ table: "orders", actions: [], conditions: [] }]],
    ["an unknown action", [{ table: "orders", actions: ["drop"], conditions: [] }]],
    ["a bad table name", [{ table: "Orders!", actions: ["read"], conditions: [] }]],
    ["a bad field name", [{ table: "orders", actions: ["read"], conditions: [{ field: "1st", equals: { value: 1 } }] }]],
    ["a condition without a right-hand side", [{ table: "orders", actions: ["read"], conditions: [{ field: "status", equals: {} }] }]],
    ["an unknown key", [{ table: "orders", actions: ["read"], conditions: [], where: "1=1" }]],
  ])("refuses grants with %s as INVALID and writes nothing", async (_case, grants) => {
    const before = await db.keyRole.count({ where: { organizationId: owner.ctx.organizationId } });
    const auditBefore = await db.auditEvent.count({ where: { organizationId: owner.ctx.organizationId, targetType: "role" } });
    const error = await expectDalError(createKeyRole(owner.ctx, owner.projectSlug, { name: "broken", description: "", grants: grants as Grant[] }), "INVALID");
    expect(error.fieldErrors?.grants?.length).toBeGreaterThan(0);
    expect(await db.keyRole.count({ where: { organizationId: owner.ctx.organizationId } })).toBe(before);
    expect(await db.auditEvent.count({ where: { organizationId: owner.ctx.organizationId, targetType: "role" } })).toBe(auditBefore);
  });

  it("lets every member read roles but only owners and admins change them", async () => {
    const role = await createKeyRole(owner.ctx, owner.projectSlug, roleInput("readers-only"));
    const admin = await addMember(owner.orgSlug, "ADMIN");
    for (const memberRole of ["DEVELOPER", "VIEWER"] as const) {
      const member = await addMember(owner.orgSlug, memberRole);
      expect((await listKeyRoles(member, owner.projectSlug)).map((row) => row.id)).toContain(role.id);
      await expectDalError(createKeyRole(member, owner.projectSlug, roleInput(`by-${memberRole}`)), "FORBIDDEN");
      await expectDalError(updateKeyRole(member, owner.projectSlug, role.id, roleInput("renamed")), "FORBIDDEN");
      await expectDalError(deleteKeyRole(member, owner.projectSlug, role.id), "FORBIDDEN");
    }
    const renamed = await updateKeyRole(admin, owner.projectSlug, role.id, roleInput("renamed-by-admin"));
    expect(renamed.name).toBe("renamed-by-admin");
  });

  it("keeps each organization's roles to itself: no listing, editing, deleting or assigning across tenants", async () => {
    const other = await signUp({ name: "Other Org" });
    const role = await createKeyRole(owner.ctx, owner.projectSlug, roleInput("private"));

    // Project slugs are per organization: the same slug names the other organization's own project.
    expect(other.projectSlug).toBe(owner.projectSlug);
    expect(await listKeyRoles(other.ctx, owner.projectSlug)).toEqual([]);
    const ownerProject = await db.project.findFirstOrThrow({ where: { organizationId: owner.ctx.organizationId, slug: owner.projectSlug }, select: { publicId: true } });
    await expectDalError(listKeyRoles(other.ctx, { projectPublicId: ownerProject.publicId }), "NOT_FOUND");
    await expectDalError(listProjectTableNames(other.ctx, { projectPublicId: ownerProject.publicId }), "NOT_FOUND");
    // Through their own project, with the other organization's role id.
    await expectDalError(updateKeyRole(other.ctx, other.projectSlug, role.id, roleInput("hijacked")), "NOT_FOUND");
    await expectDalError(deleteKeyRole(other.ctx, other.projectSlug, role.id), "NOT_FOUND");
    const assign = await expectDalError(secretKeyWithRoles(other, "borrowed-role", [role.id]), "INVALID");
    expect(assign.fieldErrors).toEqual({ roleIds: ["Choose roles of this project."] });
    await expectDalError(createAccessToken(other.ctx, { name: "borrowed", type: "BEARER_TOKEN", scopes: ["table:data:read"], expiresAt: null, roleIds: [role.id] }), "INVALID");

    expect(await db.keyRole.findUniqueOrThrow({ where: { id: role.id }, select: { name: true } })).toEqual({ name: "private" });
    expect(await db.apiKey.count({ where: { organizationId: other.ctx.organizationId, name: "borrowed-role" } })).toBe(0);
  });

  it("refuses to delete a role a live key or token holds, and allows it once they are gone", async () => {
    const role = await createKeyRole(owner.ctx, owner.projectSlug, roleInput("held"));
    const { key } = await secretKeyWithRoles(owner, "holder", [role.id]);
    const { token } = await createAccessToken(owner.ctx, { name: "holder-token", type: "BEARER_TOKEN", scopes: ["table:data:read"], expiresAt: null, roleIds: [role.id] });
    expect((await listKeyRoles(owner.ctx, owner.projectSlug)).find((row) => row.id === role.id)?.assignedCount).toBe(2);

    const refused = await expectDalError(deleteKeyRole(owner.ctx, owner.projectSlug, role.id), "CONFLICT");
    expect(refused.message).toBe("held is held by 2 keys or tokens. Remove it from them first.");

    await deleteApiKey(owner.ctx, { keyId: key.id });
    const stillHeld = await expectDalError(deleteKeyRole(owner.ctx, owner.projectSlug, role.id), "CONFLICT");
    expect(stillHeld.message).toBe("held is held by 1 key or token. Remove it from them first.");

    await revokeAccessToken(owner.ctx, token.id);
    await deleteKeyRole(owner.ctx, owner.projectSlug, role.id);
    expect(await db.keyRole.findUnique({ where: { id: role.id } })).toBeNull();
    expect((await auditRows(owner, role.id)).map((row) => row.action)).toEqual(["role.created", "role.deleted"]);
  });

  it("changes what a key holding the role may do at once: its cached credential is invalidated", async () => {
    const role = await createKeyRole(owner.ctx, owner.projectSlug, roleInput("live-change"));
    const { plaintext } = await secretKeyWithRoles(owner, "cached-holder", [role.id]);

    const before = await lookupCredential(plaintext);
    expect(before.ok && before.credential.roles.map((held) => held.grants)).toEqual([CUSTOMER_ORDERS]);
    // A second lookup is served from the in-process cache, which an update must not leave stale.
    expect((await lookupCredential(plaintext)).ok).toBe(true);

    const widened: Grant[] = [{ table: "*", actions: ["read", "write"], conditions: [] }];
    await updateKeyRole(owner.ctx, owner.projectSlug, role.id, roleInput("live-change", widened));
    const after = await lookupCredential(plaintext);
    expect(after.ok && after.credential.roles.map((held) => held.grants)).toEqual([widened]);
  });

  it("suggests the project's table names from all its environments, once each", async () => {
    const account = await signUp({ name: "Tables Owner" });
    const project = await db.project.findFirstOrThrow({
      where: { slug: account.projectSlug, organizationId: account.ctx.organizationId },
      select: { id: true, environments: { select: { id: true, slug: true } } },
    });
    const tables = project.environments.flatMap((env) =>
      (env.slug === "dev" ? ["orders", "customers"] : ["orders", "invoices"]).map((name) => ({
        organizationId: account.ctx.organizationId,
        projectId: project.id,
        environmentId: env.id,
        name,
      })),
    );
    await db.dataTable.createMany({ data: tables });
    expect(await listProjectTableNames(account.ctx, account.projectSlug)).toEqual(["customers", "invoices", "orders"]);
  });
});
