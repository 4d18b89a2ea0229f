import "server-only";
import { db, type Transaction } from "@/lib/db";
import type { ApiKeyKind } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import { keyContextSchema, type KeyContext } from "@/lib/access/permissions";
import { issueCredential, maskKey, type KeyKind } from "@/lib/keys/format";
import { rolledExpiry, type RollOverlap } from "@/lib/keys/rotation";
import { KEY_PAGE_SIZE } from "@/lib/validations/keys";
import { actingUserId, assertCan, projectKey, type Context, type ProjectRef } from "./context";
import { recordAudit } from "./audit";
import { announceInvalidation, invalidateLocally } from "@/lib/credentials/invalidation";
import { afterCursor, NEWEST_FIRST, pageOf } from "./cursor";
import { DalError, notFound } from "./errors";
import { resolveRoleIds } from "./key-roles";
import { requestsInLastHour } from "./request-logs";

const KIND_TO_DB: Record<KeyKind, ApiKeyKind> = { publishable: "PUBLISHABLE", secret: "SECRET" };

/** A key as the console may show it. Never carries a secret key's value or hash. */
export interface ApiKeyRow {
  id: string;
  environment: string;
  name: string;
  kind: KeyKind;
  maskedKey: string;
  /** The whole key, for publishable keys only (public by design). */
  publicValue: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  createdBy: string | null;
  /** The custom prefix, if one was chosen ("acme" for acme_sk_…). */
  prefix: string | null;
  expiresAt: Date | null;
  /** Expired keys stay listed (inactive) but are refused. */
  status: "active" | "expired";
  roles: Array<{ id: string; name: string }>;
  context: KeyContext;
  /** Set once the key was rolled: the key that replaced it. */
  rolledToId: string | null;
  rolledFromId: string | null;
  /** "Until 1 hour after the new key is first used", while the new key is still unused. */
  overlapAfterFirstUseSeconds: number | null;
  firstUsedAt: Date | null;
}

export interface ApiKeyPage {
  rows: ApiKeyRow[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
}

const rowSelect = {
  id: true,
  name: true,
  kind: true,
  start: true,
  last4: true,
  publicValue: true,
  createdAt: true,
  lastUsedAt: true,
  createdBy: { select: { name: true } },
  environment: { select: { slug: true } },
  prefix: true,
  expiresAt: true,
  context: true,
  rolledToId: true,
  rolledFrom: { select: { id: true } },
  overlapAfterFirstUseSeconds: true,
  firstUsedAt: true,
  roles: { select: { role: { select: { id: true, name: true } } }, orderBy: { role: { name: "asc" } } },
} as const satisfies Prisma.ApiKeySelect;

type KeyRecord = Prisma.ApiKeyGetPayload<{ select: typeof rowSelect }>;

function toRow(key: KeyRecord, now = new Date()): ApiKeyRow {
  const kind: KeyKind = key.kind === "PUBLISHABLE" ? "publishable" : "secret";
  const context = keyContextSchema.safeParse(key.context);
  return {
    id: key.id,
    environment: key.environment.slug,
    name: key.name,
    kind,
    maskedKey: maskKey(key),
    publicValue: kind === "publishable" ? key.publicValue : null,
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt,
    createdBy: key.createdBy?.name ?? null,
    prefix: key.prefix,
    expiresAt: key.expiresAt,
    status: key.expiresAt && key.expiresAt <= now ? "expired" : "active",
    roles: key.roles.map(({ role }) => role),
    context: context.success ? context.data : {},
    rolledToId: key.rolledToId,
    rolledFromId: key.rolledFrom?.id ?? null,
    overlapAfterFirstUseSeconds: key.overlapAfterFirstUseSeconds,
    firstUsedAt: key.firstUsedAt,
  };
}

/** Active: not past its expiry. Inactive (expired) keys stay listed but are refused. */
function statusWhere(status: "active" | "inactive", now: Date): Prisma.ApiKeyWhereInput {
  return status === "active" ? { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } : { expiresAt: { lte: now } };
}

/** The environment, found through a project of the caller's organization only. */
export async function findEnvironment(ctx: Context, project: ProjectRef, environment: string) {
  const env = await db.environment.findFirst({
    where: { slug: environment, project: { ...projectKey(project), organizationId: ctx.organizationId } },
    select: { id: true, projectId: true },
  });
  if (!env) throw notFound("Environment");
  return env;
}

export type ListApiKeysQuery = Exclude<ProjectRef, string> & {
  environment: string;
  kind: KeyKind;
  page: number;
  search?: string;
  /** Default "active". */
  status?: "active" | "inactive";
};

/**
 * One page of live keys, newest first. Offset paging over the (environment, kind, deletedAt,
 * createdAt) index stays in the low milliseconds at 10,000 keys per environment
 * (bench/api-keys-list.ts), and lets the console show "page 3 of 500".
 */
export async function listApiKeys(ctx: Context, query: ListApiKeysQuery): Promise<ApiKeyPage> {
  assertCan(ctx, "apikey:read");
  const env = await findEnvironment(ctx, query, query.environment);
  const now = new Date();
  const where: Prisma.ApiKeyWhereInput = {
    organizationId: ctx.organizationId,
    environmentId: env.id,
    kind: KIND_TO_DB[query.kind],
    deletedAt: null,
    ...statusWhere(query.status ?? "active", now),
    ...(query.search ? { name: { contains: query.search, mode: "insensitive" as const } } : {}),
  };
  const total = await db.apiKey.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / KEY_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(query.page) || 1), pageCount);
  const keys = await db.apiKey.findMany({
    where,
    select: rowSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * KEY_PAGE_SIZE,
    take: KEY_PAGE_SIZE,
  });
  return { rows: keys.map((key) => toRow(key, now)), total, page, pageCount, pageSize: KEY_PAGE_SIZE };
}

/**
 * Requests each rolled key served in the last hour, so users can see when traffic has moved to
 * the new key. Only rolled keys are counted: it is the question nobody asks of the others.
 */
export async function rolledKeyTraffic(ctx: Context, rows: readonly ApiKeyRow[]): Promise<Map<string, number>> {
  const rolled = rows.filter((row) => row.rolledToId !== null).map((row) => row.id);
  return requestsInLastHour(ctx, rolled);
}

export interface CreatedApiKey {
  key: ApiKeyRow;
  /** The full key. This return value is the only place it ever exists for a secret key. */
  plaintext: string;
}

// Creating keys is cheap for us and for an attacker holding a session; this bounds the damage.
export const KEY_CREATION_LIMIT = { perMinute: 60 } as const;

/** What a secret key may carry beyond its name (publishable keys are public and carry none). */
export interface KeyOptions {
  prefix?: string | null;
  roleIds?: string[];
  context?: KeyContext;
  expiresAt?: Date | null;
}

export async function createApiKey(
  ctx: Context,
  input: Exclude<ProjectRef, string> & { environment: string; kind: KeyKind; name: string } & KeyOptions,
): Promise<CreatedApiKey> {
  assertCan(ctx, "apikey:create");
  if (input.kind === "publishable" && (input.roleIds?.length || (input.context && Object.keys(input.context).length))) {
    throw new DalError("INVALID", "Publishable keys are public and read-only: roles and context apply to secret keys.", {
      roleIds: ["Only secret keys carry roles."],
    });
  }
  assertFutureExpiry(input.expiresAt);
  const env = await findEnvironment(ctx, input, input.environment);
  const issued = await db.$transaction(async (tx) => {
    await takeCreationTurn(tx, ctx);
    return insertKey(tx, ctx, {
      projectId: env.projectId,
      environmentId: env.id,
      environment: input.environment,
      kind: input.kind,
      name: input.name,
      prefix: input.prefix ?? null,
      roleIds: input.roleIds ?? [],
      context: input.context ?? {},
      expiresAt: input.expiresAt ?? null,
    });
  });
  return { key: toRow(issued.key), plaintext: issued.plaintext };
}

function assertFutureExpiry(expiresAt: Date | null | undefined): void {
  if (expiresAt && expiresAt.getTime() <= Date.now()) {
    throw new DalError("INVALID", "The expiry must be in the future.", { expiresAt: ["Choose a time in the future."] });
  }
}

/**
 * Creations of one organization take turns here, so the count below cannot be raced past the
 * limit by concurrent requests (PostgreSQL runs them in parallel under READ COMMITTED).
 */
async function takeCreationTurn(tx: Transaction, ctx: Context): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`keys:${ctx.organizationId}`}))`;
  const recent = await tx.apiKey.count({
    where: { organizationId: ctx.organizationId, createdAt: { gt: new Date(Date.now() - 60_000) } },
  });
  if (recent >= KEY_CREATION_LIMIT.perMinute) {
    throw new DalError("RATE_LIMITED", "Too many keys created in the last minute. Wait a moment and try again.");
  }
}

interface NewKey {
  projectId: string;
  environmentId: string;
  environment: string;
  kind: KeyKind;
  name: string;
  prefix: string | null;
  roleIds: string[];
  context: KeyContext;
  expiresAt: Date | null;
  rolledFromId?: string;
}

/** Inserts a key and its audit trail ("created", and "secret shown" for the one-time reveal). */
async function insertKey(tx: Transaction, ctx: Context, input: NewKey): Promise<{ key: KeyRecord; plaintext: string }> {
  const roles = await resolveRoleIds(tx, ctx, input.projectId, input.roleIds);
  const { plaintext, hash, start, last4 } = issueCredential(input.kind, input.prefix);
  const key = await tx.apiKey.create({
    data: {
      organizationId: ctx.organizationId,
      projectId: input.projectId,
      environmentId: input.environmentId,
      kind: KIND_TO_DB[input.kind],
      name: input.name,
      hash,
      start,
      last4,
      prefix: input.prefix,
      context: input.context,
      expiresAt: input.expiresAt,
      publicValue: input.kind === "publishable" ? plaintext : null,
      createdById: actingUserId(ctx),
      roles: { create: roles.map((role) => ({ roleId: role.id })) },
    },
    select: rowSelect,
  });
  const target = { type: "api_key", id: key.id } as const;
  const where = { projectId: input.projectId, environmentId: input.environmentId };
  await recordAudit(tx, ctx, {
    action: "api_key.created",
    target,
    ...where,
    metadata: {
      name: input.name,
      kind: input.kind,
      environment: input.environment,
      start,
      last4,
      after: snapshot(toRow(key)),
      ...(input.rolledFromId ? { rolledFromId: input.rolledFromId } : {}),
    },
  });
  if (input.kind === "secret") {
    await recordAudit(tx, ctx, { action: "api_key.secret_shown", target, ...where, metadata: { name: input.name, start, last4 } });
  }
  return { key, plaintext };
}

/** The editable state of a key, as audit events record it before and after a change. */
function snapshot(row: ApiKeyRow): Prisma.InputJsonObject {
  return {
    name: row.name,
    roles: row.roles.map((role) => role.name),
    context: row.context,
    expiresAt: row.expiresAt?.toISOString() ?? null,
  };
}

/** A live key of the caller's organization, optionally required to be in a named project environment. */
async function findLiveKey(ctx: Context, keyId: string, within?: { project: ProjectRef; environment: string }) {
  const key = await db.apiKey.findFirst({
    where: {
      id: keyId,
      organizationId: ctx.organizationId,
      deletedAt: null,
      ...(within ? { environment: { slug: within.environment, project: projectKey(within.project) } } : {}),
    },
    select: { ...rowSelect, projectId: true, environmentId: true, hash: true },
  });
  if (!key) throw notFound("API key");
  return key;
}

/**
 * Edits a key's name, roles, context or expiry. The key string stays the same; what it may do
 * changes at once (its cached rights are invalidated here and, by NOTIFY, elsewhere).
 */
export async function updateApiKey(
  ctx: Context,
  input: { keyId: string; within?: { project: ProjectRef; environment: string }; name?: string } & Omit<KeyOptions, "prefix">,
): Promise<ApiKeyRow> {
  assertCan(ctx, "apikey:update");
  const key = await findLiveKey(ctx, input.keyId, input.within);
  const before = toRow(key);
  if (before.kind === "publishable" && (input.roleIds?.length || (input.context && Object.keys(input.context).length))) {
    throw new DalError("INVALID", "Publishable keys are public and read-only: roles and context apply to secret keys.", {
      roleIds: ["Only secret keys carry roles."],
    });
  }
  if (input.expiresAt !== undefined) assertFutureExpiry(input.expiresAt);
  const updated = await db.$transaction(async (tx) => {
    // Locked and re-checked: a key deleted meanwhile is not edited back to life, and two edits
    // of one key apply one after the other.
    const live = await tx.$queryRaw<unknown[]>`SELECT 1 FROM "ApiKey" WHERE id = ${key.id} AND "deletedAt" IS NULL FOR UPDATE`;
    if (live.length === 0) throw notFound("API key");
    await tx.apiKey.update({
      where: { id: key.id },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.context !== undefined ? { context: input.context } : {}),
        ...(input.expiresAt !== undefined ? { expiresAt: input.expiresAt, expiryRecordedAt: null } : {}),
        ...(input.roleIds !== undefined
          ? { roles: { deleteMany: {}, create: (await resolveRoleIds(tx, ctx, key.projectId, input.roleIds)).map((role) => ({ roleId: role.id })) } }
          : {}),
      },
    });
    const after = await tx.apiKey.findUniqueOrThrow({ where: { id: key.id }, select: rowSelect });
    await announceInvalidation(tx, [key.hash]);
    await recordAudit(tx, ctx, {
      action: "api_key.updated",
      target: { type: "api_key", id: key.id },
      projectId: key.projectId,
      environmentId: key.environmentId,
      metadata: { name: after.name, before: snapshot(before), after: snapshot(toRow(after)) },
    });
    return after;
  });
  invalidateLocally([key.hash]);
  return toRow(updated);
}

export interface RolledApiKey extends CreatedApiKey {
  /** The replaced key, with its new end of life. */
  previous: ApiKeyRow;
}

/**
 * "Roll key": issues a replacement that inherits name, prefix, roles, context and expiry, and
 * lets the old key work for the chosen overlap (never past its own expiry). The old key's new
 * expiry is announced to other instances in the same transaction.
 */
export async function rollApiKey(
  ctx: Context,
  input: { keyId: string; overlap: RollOverlap; within?: { project: ProjectRef; environment: string } },
): Promise<RolledApiKey> {
  // apikey:update alone, like every other change to a key: the replacement only takes over
  // rights the key already had, and an API endpoint requires exactly one scope.
  assertCan(ctx, "apikey:update");
  const key = await findLiveKey(ctx, input.keyId, input.within);
  const old = toRow(key);
  if (old.kind !== "secret") throw new DalError("INVALID", "Publishable keys are public: create a new one instead of rolling.");
  if (old.status === "expired") throw new DalError("CONFLICT", "This key has expired: create a new key instead.");
  if (old.rolledToId) throw new DalError("CONFLICT", "This key was already rolled. Roll its replacement instead.");

  const now = new Date();
  const end = rolledExpiry(input.overlap, now, old.expiresAt);
  const result = await db.$transaction(async (tx) => {
    await takeCreationTurn(tx, ctx);
    const issued = await insertKey(tx, ctx, {
      projectId: key.projectId,
      environmentId: key.environmentId,
      environment: old.environment,
      kind: "secret",
      name: old.name,
      prefix: old.prefix,
      roleIds: old.roles.map((role) => role.id),
      context: old.context,
      expiresAt: old.expiresAt,
      rolledFromId: key.id,
    });
    // Of two concurrent rolls, only one finds the key unrolled; the other rolls back whole.
    const { count } = await tx.apiKey.updateMany({
      where: { id: key.id, deletedAt: null, rolledToId: null },
      data: { rolledToId: issued.key.id, expiresAt: end.expiresAt, overlapAfterFirstUseSeconds: end.overlapAfterFirstUseSeconds },
    });
    if (count === 0) throw new DalError("CONFLICT", "This key was already rolled. Roll its replacement instead.");
    await announceInvalidation(tx, [key.hash]);
    await recordAudit(tx, ctx, {
      action: "api_key.rolled",
      target: { type: "api_key", id: key.id },
      projectId: key.projectId,
      environmentId: key.environmentId,
      metadata: {
        name: old.name,
        overlap: input.overlap,
        rolledToId: issued.key.id,
        before: { expiresAt: old.expiresAt?.toISOString() ?? null },
        after: { expiresAt: end.expiresAt?.toISOString() ?? null, overlapAfterFirstUseSeconds: end.overlapAfterFirstUseSeconds },
      },
    });
    // Read back after the link was made, so both rows show it.
    // One after the other: a transaction is one connection, which runs one query at a time.
    const replacement = await tx.apiKey.findUniqueOrThrow({ where: { id: issued.key.id }, select: rowSelect });
    const previous = await tx.apiKey.findUniqueOrThrow({ where: { id: key.id }, select: rowSelect });
    return { replacement, plaintext: issued.plaintext, previous };
  });
  invalidateLocally([key.hash]);
  return { key: toRow(result.replacement), plaintext: result.plaintext, previous: toRow(result.previous) };
}

/**
 * Deletes (revokes) a key: it stops verifying at once. The row stays as a tombstone so the
 * audit trail and later verification answers can still name it.
 */
export async function deleteApiKey(
  ctx: Context,
  input: {
    keyId: string;
    /** The console asks the user to type the key's name; the REST API does not. */
    confirmName?: string;
    /** The REST API names the key under a project and environment: it must be there. */
    within?: { project: ProjectRef; environment: string };
  },
): Promise<ApiKeyRow> {
  assertCan(ctx, "apikey:delete");
  const key = await db.apiKey.findFirst({
    where: {
      id: input.keyId,
      organizationId: ctx.organizationId,
      deletedAt: null,
      ...(input.within ? { environment: { slug: input.within.environment, project: projectKey(input.within.project) } } : {}),
    },
    select: { ...rowSelect, projectId: true, environmentId: true, hash: true },
  });
  if (!key) throw notFound("API key");
  if (input.confirmName !== undefined && key.name !== input.confirmName) {
    throw new DalError("INVALID", "The name you typed does not match the key's name.", {
      confirmName: [`Type "${key.name}" exactly to confirm.`],
    });
  }
  await db.$transaction(async (tx) => {
    // The tenant and liveness predicates are repeated on the write: of two concurrent deletes,
    // exactly one succeeds and writes an audit event.
    const { count } = await tx.apiKey.updateMany({
      where: { id: key.id, organizationId: ctx.organizationId, deletedAt: null },
      data: { deletedAt: new Date(), deletedById: actingUserId(ctx) },
    });
    if (count === 0) throw notFound("API key");
    await announceInvalidation(tx, [key.hash]);
    await recordAudit(tx, ctx, {
      action: "api_key.deleted",
      target: { type: "api_key", id: key.id },
      projectId: key.projectId,
      environmentId: key.environmentId,
      metadata: { name: key.name, kind: toRow(key).kind, start: key.start, last4: key.last4 },
    });
  });
  invalidateLocally([key.hash]);
  return toRow(key);
}

export interface ApiKeyCursorPage {
  rows: ApiKeyRow[];
  nextCursor: string | null;
}

/** Live keys of one environment, newest first, by cursor: the REST API's list. */
export async function listApiKeysAfter(
  ctx: Context,
  query: { project: ProjectRef; environment: string; kind?: KeyKind; cursor?: string; limit: number },
): Promise<ApiKeyCursorPage> {
  assertCan(ctx, "apikey:read");
  const env = await findEnvironment(ctx, query.project, query.environment);
  const keys = await db.apiKey.findMany({
    where: {
      organizationId: ctx.organizationId,
      environmentId: env.id,
      deletedAt: null,
      ...(query.kind ? { kind: KIND_TO_DB[query.kind] } : {}),
      ...afterCursor(query.cursor),
    },
    select: rowSelect,
    orderBy: NEWEST_FIRST,
    take: query.limit + 1,
  });
  const page = pageOf(keys, query.limit);
  return { rows: page.rows.map((key) => toRow(key)), nextCursor: page.nextCursor };
}

/** One live key of one environment. */
export async function getApiKey(ctx: Context, query: { project: ProjectRef; environment: string; keyId: string }): Promise<ApiKeyRow> {
  assertCan(ctx, "apikey:read");
  const key = await db.apiKey.findFirst({
    where: {
      id: query.keyId,
      organizationId: ctx.organizationId,
      deletedAt: null,
      environment: { slug: query.environment, project: projectKey(query.project) },
    },
    select: rowSelect,
  });
  if (!key) throw notFound("API key");
  return toRow(key);
}
