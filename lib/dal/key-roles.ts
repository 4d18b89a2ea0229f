import "server-only";
import { db, type Transaction } from "@/lib/db";
import { grantsSchema, type Grant } from "@/lib/access/permissions";
import { announceInvalidation, invalidateLocally } from "@/lib/credentials/invalidation";
import { assertCan, projectKey, type Context, type ProjectRef } from "./context";
import { recordAudit } from "./audit";
import { DalError, isUniqueViolation, notFound } from "./errors";

// Roles of one project (the "Roles" page, and the role picker of keys and tokens). Every query is
// scoped by the caller's organization, and through the project by its slug or public id.

export const MAX_ROLES_PER_PROJECT = 100;

export interface KeyRoleRow {
  id: string;
  name: string;
  description: string;
  grants: Grant[];
  /** Live keys and tokens that carry the role. */
  assignedCount: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface KeyRoleInput {
  name: string;
  description: string;
  grants: Grant[];
}

const roleSelect = {
  id: true,
  name: true,
  description: true,
  permissions: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { apiKeys: { where: { apiKey: { deletedAt: null } } }, accessTokens: { where: { accessToken: { revokedAt: null } } } } },
} as const;

function toRow(role: {
  id: string;
  name: string;
  description: string;
  permissions: unknown;
  createdAt: Date;
  updatedAt: Date;
  _count: { apiKeys: number; accessTokens: number };
}): KeyRoleRow {
  const grants = grantsSchema.safeParse(role.permissions);
  return {
    id: role.id,
    name: role.name,
    description: role.description,
    grants: grants.success ? grants.data : [],
    assignedCount: role._count.apiKeys + role._count.accessTokens,
    createdAt: role.createdAt,
    updatedAt: role.updatedAt,
  };
}

async function findProject(ctx: Context, project: ProjectRef): Promise<{ id: string }> {
  const found = await db.project.findFirst({ where: { ...projectKey(project), organizationId: ctx.organizationId }, select: { id: true } });
  if (!found) throw notFound("Project");
  return found;
}

export async function listKeyRoles(ctx: Context, project: ProjectRef): Promise<KeyRoleRow[]> {
  assertCan(ctx, "role:read");
  const { id: projectId } = await findProject(ctx, project);
  const roles = await db.keyRole.findMany({
    where: { organizationId: ctx.organizationId, projectId },
    orderBy: [{ name: "asc" }],
    select: roleSelect,
  });
  return roles.map(toRow);
}

/**
 * Names of the project's data tables across all its environments: suggestions for the grants
 * editor (a role applies in every environment, so a table of any one of them is a candidate).
 */
export async function listProjectTableNames(ctx: Context, project: ProjectRef): Promise<string[]> {
  assertCan(ctx, "table:read");
  const { id: projectId } = await findProject(ctx, project);
  const tables = await db.dataTable.findMany({
    where: { organizationId: ctx.organizationId, projectId },
    distinct: ["name"],
    orderBy: { name: "asc" },
    select: { name: true },
  });
  return tables.map((table) => table.name);
}

export async function getKeyRole(ctx: Context, project: ProjectRef, roleId: string): Promise<KeyRoleRow> {
  assertCan(ctx, "role:read");
  const role = await db.keyRole.findFirst({
    where: { id: roleId, organizationId: ctx.organizationId, project: { ...projectKey(project), organizationId: ctx.organizationId } },
    select: roleSelect,
  });
  if (!role) throw notFound("Role");
  return toRow(role);
}

function conflictOnName(error: unknown, name: string): never {
  if (isUniqueViolation(error)) throw new DalError("CONFLICT", `A role named ${name} already exists in this project.`, { name: ["Already taken in this project."] });
  throw error;
}

export async function createKeyRole(ctx: Context, project: ProjectRef, input: KeyRoleInput): Promise<KeyRoleRow> {
  assertCan(ctx, "role:create");
  const grants = parseGrants(input.grants);
  const { id: projectId } = await findProject(ctx, project);
  try {
    return await db.$transaction(async (tx) => {
      const count = await tx.keyRole.count({ where: { projectId } });
      if (count >= MAX_ROLES_PER_PROJECT) throw new DalError("CONFLICT", `A project has at most ${MAX_ROLES_PER_PROJECT} roles.`);
      const role = await tx.keyRole.create({
        data: { organizationId: ctx.organizationId, projectId, name: input.name, description: input.description, permissions: grants },
        select: roleSelect,
      });
      await recordAudit(tx, ctx, {
        action: "role.created",
        target: { type: "role", id: role.id },
        projectId,
        metadata: { name: input.name, after: { name: input.name, description: input.description, grants } },
      });
      return toRow(role);
    });
  } catch (error) {
    conflictOnName(error, input.name);
  }
}

/**
 * Changing a role changes, at once, what every key and token holding it may do: their cached
 * credentials are invalidated in the same transaction (here and, by NOTIFY, in other instances).
 * Fields left out keep their current value (the REST API's PATCH sends only what changes).
 */
export async function updateKeyRole(ctx: Context, project: ProjectRef, roleId: string, input: Partial<KeyRoleInput>): Promise<KeyRoleRow> {
  assertCan(ctx, "role:update");
  const grants = input.grants === undefined ? undefined : parseGrants(input.grants);
  const { id: projectId } = await findProject(ctx, project);
  let hashes: string[] = [];
  try {
    const updated = await db.$transaction(async (tx) => {
      const before = await tx.keyRole.findFirst({ where: { id: roleId, projectId, organizationId: ctx.organizationId }, select: roleSelect });
      if (!before) throw notFound("Role");
      const previous = toRow(before);
      const next = { name: input.name ?? previous.name, description: input.description ?? previous.description, grants: grants ?? previous.grants };
      const role = await tx.keyRole.update({
        where: { id: roleId },
        data: { name: next.name, description: next.description, permissions: next.grants },
        select: roleSelect,
      });
      hashes = await holderHashes(tx, roleId);
      await announceInvalidation(tx, hashes);
      await recordAudit(tx, ctx, {
        action: "role.updated",
        target: { type: "role", id: roleId },
        projectId,
        metadata: {
          name: next.name,
          before: { name: previous.name, description: previous.description, grants: previous.grants },
          after: next,
        },
      });
      return toRow(role);
    });
    invalidateLocally(hashes);
    return updated;
  } catch (error) {
    // Only a new name can collide with another role's.
    conflictOnName(error, input.name ?? "");
  }
}

/** A role still held by a live key or token cannot be deleted: removing it would widen them. */
export async function deleteKeyRole(ctx: Context, project: ProjectRef, roleId: string): Promise<void> {
  assertCan(ctx, "role:delete");
  const { id: projectId } = await findProject(ctx, project);
  await db.$transaction(async (tx) => {
    const role = await tx.keyRole.findFirst({ where: { id: roleId, projectId, organizationId: ctx.organizationId }, select: roleSelect });
    if (!role) throw notFound("Role");
    const row = toRow(role);
    if (row.assignedCount > 0) {
      throw new DalError("CONFLICT", `${role.name} is held by ${row.assignedCount} key${row.assignedCount === 1 ? "" : "s"} or token${row.assignedCount === 1 ? "" : "s"}. Remove it from them first.`);
    }
    // Tombstones (deleted keys, revoked tokens) may still reference it; they no longer need it.
    await tx.apiKeyRole.deleteMany({ where: { roleId } });
    await tx.accessTokenRole.deleteMany({ where: { roleId } });
    await tx.keyRole.delete({ where: { id: roleId } });
    await recordAudit(tx, ctx, {
      action: "role.deleted",
      target: { type: "role", id: roleId },
      projectId,
      metadata: { name: role.name, before: { name: row.name, description: row.description, grants: row.grants } },
    });
  });
}

/** Hashes of the live keys and tokens holding a role: their cached rights are stale. */
async function holderHashes(tx: Transaction, roleId: string): Promise<string[]> {
  // One after the other: a transaction is one connection, which runs one query at a time.
  const keys = await tx.apiKey.findMany({ where: { roles: { some: { roleId } }, deletedAt: null }, select: { hash: true } });
  const tokens = await tx.accessToken.findMany({ where: { roles: { some: { roleId } }, revokedAt: null }, select: { hash: true } });
  return [...keys, ...tokens].map((credential) => credential.hash);
}

function parseGrants(grants: unknown): Grant[] {
  const parsed = grantsSchema.safeParse(grants);
  if (!parsed.success) {
    throw new DalError("INVALID", "The role's permissions are invalid.", { grants: parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`) });
  }
  return parsed.data;
}

/**
 * The roles `roleIds` names, all of which must belong to `projectId` of the caller's
 * organization: a key can never be given another project's role.
 */
export async function resolveRoleIds(tx: Transaction, ctx: Context, projectId: string | null, roleIds: readonly string[]): Promise<Array<{ id: string; name: string }>> {
  const unique = [...new Set(roleIds)];
  if (unique.length === 0) return [];
  const roles = await tx.keyRole.findMany({
    where: { id: { in: unique }, organizationId: ctx.organizationId, ...(projectId ? { projectId } : {}) },
    select: { id: true, name: true },
  });
  if (roles.length !== unique.length) {
    throw new DalError("INVALID", "Some roles were not found in this project.", { roleIds: ["Choose roles of this project."] });
  }
  return roles;
}

export interface OrganizationRoleGroup {
  project: { slug: string; name: string };
  roles: Array<{ id: string; name: string; description: string }>;
}

/** Roles of every project of the organization, grouped by project: the token dialogs' picker. */
export async function listOrganizationRoles(ctx: Context): Promise<OrganizationRoleGroup[]> {
  assertCan(ctx, "role:read");
  const projects = await db.project.findMany({
    where: { organizationId: ctx.organizationId, keyRoles: { some: {} } },
    orderBy: { name: "asc" },
    select: { slug: true, name: true, keyRoles: { orderBy: { name: "asc" }, select: { id: true, name: true, description: true } } },
  });
  return projects.map(({ keyRoles, ...project }) => ({ project, roles: keyRoles }));
}
