import "server-only";
import { db } from "@/lib/db";
import type { ApiKeyKind } from "@/lib/generated/prisma/enums";
import { issueCredential, maskKey, type KeyKind } from "@/lib/keys/format";
import { KEY_PAGE_SIZE } from "@/lib/validations/keys";
import { actingUserId, assertCan, projectKey, type Context, type ProjectRef } from "./context";
import { recordAudit } from "./audit";
import { announceInvalidation, invalidateLocally } from "@/lib/credentials/invalidation";
import { afterCursor, NEWEST_FIRST, pageOf } from "./cursor";
import { DalError, notFound } from "./errors";

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
} as const;

function toRow(key: {
  id: string;
  name: string;
  kind: ApiKeyKind;
  start: string;
  last4: string;
  publicValue: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  createdBy: { name: string } | null;
  environment: { slug: string };
}): ApiKeyRow {
  const kind: KeyKind = key.kind === "PUBLISHABLE" ? "publishable" : "secret";
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
  };
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
};

/**
 * One page of live keys, newest first. Offset paging over the (environment, kind, deletedAt,
 * createdAt) index stays in the low milliseconds at 10,000 keys per environment
 * (bench/api-keys-list.ts), and lets the console show "page 3 of 500".
 */
export async function listApiKeys(ctx: Context, query: ListApiKeysQuery): Promise<ApiKeyPage> {
  assertCan(ctx, "apikey:read");
  const env = await findEnvironment(ctx, query, query.environment);
  const where = {
    organizationId: ctx.organizationId,
    environmentId: env.id,
    kind: KIND_TO_DB[query.kind],
    deletedAt: null,
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
  return { rows: keys.map(toRow), total, page, pageCount, pageSize: KEY_PAGE_SIZE };
}

export interface CreatedApiKey {
  key: ApiKeyRow;
  /** The full key. This return value is the only place it ever exists for a secret key. */
  plaintext: string;
}

// Creating keys is cheap for us and for an attacker holding a session; this bounds the damage.
export const KEY_CREATION_LIMIT = { perMinute: 60 } as const;

export async function createApiKey(
  ctx: Context,
  input: Exclude<ProjectRef, string> & { environment: string; kind: KeyKind; name: string },
): Promise<CreatedApiKey> {
  assertCan(ctx, "apikey:create");
  const env = await findEnvironment(ctx, input, input.environment);
  const { plaintext, hash, start, last4 } = issueCredential(input.kind);

  const key = await db.$transaction(async (tx) => {
    // Creations of one organization take turns here, so the count below cannot be raced past
    // the limit by concurrent requests (PostgreSQL runs them in parallel under READ COMMITTED).
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`keys:${ctx.organizationId}`}))`;
    const recent = await tx.apiKey.count({
      where: { organizationId: ctx.organizationId, createdAt: { gt: new Date(Date.now() - 60_000) } },
    });
    if (recent >= KEY_CREATION_LIMIT.perMinute) {
      throw new DalError("RATE_LIMITED", "Too many keys created in the last minute. Wait a moment and try again.");
    }
    const created = await tx.apiKey.create({
      data: {
        organizationId: ctx.organizationId,
        projectId: env.projectId,
        environmentId: env.id,
        kind: KIND_TO_DB[input.kind],
        name: input.name,
        hash,
        start,
        last4,
        publicValue: input.kind === "publishable" ? plaintext : null,
        createdById: actingUserId(ctx),
      },
      select: rowSelect,
    });
    await recordAudit(tx, ctx, {
      action: "api_key.created",
      target: { type: "api_key", id: created.id },
      projectId: env.projectId,
      environmentId: env.id,
      metadata: { name: input.name, kind: input.kind, environment: input.environment, start, last4 },
    });
    return created;
  });
  return { key: toRow(key), plaintext };
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
  return { rows: page.rows.map(toRow), nextCursor: page.nextCursor };
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
