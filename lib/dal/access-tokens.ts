import "server-only";
import { db } from "@/lib/db";
import type { AccessTokenType, Role } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import { canCreateNonExpiringToken, canCreateTokens, canRevokeToken } from "@/lib/auth/permissions";
import { capScopesToRole, normaliseScopes, scopesBeyondRole, type Scope } from "@/lib/auth/scopes";
import { keyContextSchema, type KeyContext } from "@/lib/access/permissions";
import { issueCredential, maskKey } from "@/lib/keys/format";
import { rolledExpiry, type RollOverlap } from "@/lib/keys/rotation";
import type { Transaction } from "@/lib/db";
import { TOKEN_PAGE_SIZE, type TokenListParams } from "@/lib/validations/access-tokens";
import { announceInvalidation, invalidateLocally } from "@/lib/credentials/invalidation";
import { recordAudit } from "./audit";
import type { Context, MemberContext, TokenContext } from "./context";
import { DalError, forbidden, notFound } from "./errors";
import { resolveRoleIds } from "./key-roles";
import { requestsInLastHour } from "./request-logs";

/** An access token as the console may show it: never its value or hash. */
export interface AccessTokenRow {
  id: string;
  name: string;
  type: AccessTokenType;
  scopes: Scope[];
  maskedToken: string;
  createdBy: { id: string | null; name: string; role: Role | null } | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  status: "active" | "revoked" | "expired";
  revokedAt: Date | null;
  revokedBy: string | null;
  prefix: string | null;
  roles: Array<{ id: string; name: string; project: string }>;
  context: KeyContext;
  rolledToId: string | null;
  rolledFromId: string | null;
  overlapAfterFirstUseSeconds: number | null;
  firstUsedAt: Date | null;
}

export interface AccessTokenPage {
  rows: AccessTokenRow[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
  /** Requests in the last hour of each rolled token on the page: has traffic moved yet? */
  rolledTraffic: Record<string, number>;
}

const rowSelect = {
  id: true,
  name: true,
  type: true,
  scopes: true,
  start: true,
  last4: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
  organizationId: true,
  revokedBy: { select: { name: true } },
  createdBy: { select: { id: true, name: true, memberships: { select: { organizationId: true, role: true } } } },
  prefix: true,
  context: true,
  rolledToId: true,
  rolledFrom: { select: { id: true } },
  overlapAfterFirstUseSeconds: true,
  firstUsedAt: true,
  roles: {
    select: { role: { select: { id: true, name: true, project: { select: { name: true } } } } },
    orderBy: { role: { name: "asc" } },
  },
} as const satisfies Prisma.AccessTokenSelect;

type TokenRecord = Prisma.AccessTokenGetPayload<{ select: typeof rowSelect }>;

function toRow(token: TokenRecord, now: Date): AccessTokenRow {
  const membership = token.createdBy?.memberships.find((m) => m.organizationId === token.organizationId);
  return {
    id: token.id,
    name: token.name,
    type: token.type,
    scopes: token.scopes as Scope[],
    maskedToken: maskKey(token),
    // The creator's current role in this organization; null once they have left it.
    createdBy: token.createdBy ? { id: token.createdBy.id, name: token.createdBy.name, role: membership?.role ?? null } : null,
    createdAt: token.createdAt,
    lastUsedAt: token.lastUsedAt,
    expiresAt: token.expiresAt,
    status: token.revokedAt ? "revoked" : token.expiresAt && token.expiresAt <= now ? "expired" : "active",
    revokedAt: token.revokedAt,
    revokedBy: token.revokedBy?.name ?? null,
    prefix: token.prefix,
    roles: token.roles.map(({ role }) => ({ id: role.id, name: role.name, project: role.project.name })),
    context: keyContextSchema.safeParse(token.context).data ?? {},
    rolledToId: token.rolledToId,
    rolledFromId: token.rolledFrom?.id ?? null,
    overlapAfterFirstUseSeconds: token.overlapAfterFirstUseSeconds,
    firstUsedAt: token.firstUsedAt,
  };
}

/** Active: not revoked and not past its expiry. Inactive is exactly the complement. */
function statusWhere(status: "active" | "inactive", now: Date): Prisma.AccessTokenWhereInput {
  return status === "active"
    ? { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] }
    : { OR: [{ revokedAt: { not: null } }, { expiresAt: { lte: now } }] };
}

/** Token management is a console activity: a token cannot mint or revoke tokens. */
function requireMember(ctx: Context): MemberContext {
  if (ctx.kind !== "member") throw forbidden("Access tokens are managed in the console.");
  return ctx;
}

export async function listAccessTokens(
  ctx: Context,
  status: "active" | "inactive",
  params: TokenListParams,
): Promise<AccessTokenPage> {
  requireMember(ctx);
  const now = new Date();
  const where: Prisma.AccessTokenWhereInput = {
    organizationId: ctx.organizationId,
    ...statusWhere(status, now),
    ...(params.q ? { name: { contains: params.q, mode: "insensitive" } } : {}),
  };
  // Never-used / never-expiring tokens sort last whichever the direction.
  const nulls = params.sort === "lastUsedAt" || params.sort === "expiresAt" ? { nulls: "last" as const } : {};
  const orderBy: Prisma.AccessTokenOrderByWithRelationInput[] = [
    { [params.sort]: Object.keys(nulls).length ? { sort: params.dir, ...nulls } : params.dir },
    { id: params.dir },
  ];
  const total = await db.accessToken.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / TOKEN_PAGE_SIZE));
  const page = Math.min(Math.max(1, params.page), pageCount);
  const tokens = await db.accessToken.findMany({
    where,
    select: rowSelect,
    orderBy,
    skip: (page - 1) * TOKEN_PAGE_SIZE,
    take: TOKEN_PAGE_SIZE,
  });
  const rows = tokens.map((token) => toRow(token, now));
  const traffic = await requestsInLastHour(ctx, rows.filter((row) => row.rolledToId !== null).map((row) => row.id), now);
  return { rows, total, page, pageCount, pageSize: TOKEN_PAGE_SIZE, rolledTraffic: Object.fromEntries(traffic) };
}

export interface CreatedAccessToken {
  token: AccessTokenRow;
  /** The full token: this return value is the only place it ever exists. */
  plaintext: string;
}

export const TOKEN_CREATION_LIMIT = { perMinute: 30 } as const;

export interface TokenOptions {
  prefix?: string | null;
  /** Roles of any project of the organization; each limits the token's data access in its project. */
  roleIds?: string[];
  context?: KeyContext;
}

export async function createAccessToken(
  ctx: Context,
  input: { name: string; type: AccessTokenType; scopes: Scope[]; expiresAt: Date | null } & TokenOptions,
): Promise<CreatedAccessToken> {
  const member = requireMember(ctx);
  if (!canCreateTokens(member.role)) throw forbidden("Viewers cannot create access tokens.");
  const scopes = normaliseScopes(input.scopes);
  const beyond = scopesBeyondRole(member.role, scopes);
  if (beyond.length > 0) {
    throw new DalError("FORBIDDEN", `Your role cannot grant: ${beyond.join(", ")}.`, {
      scopes: [`A token cannot have more rights than you: remove ${beyond.join(", ")}.`],
    });
  }
  if (input.expiresAt === null && !canCreateNonExpiringToken(member.role)) {
    throw new DalError("FORBIDDEN", "Only owners and admins can create tokens that never expire.", {
      expiry: ["Choose an expiry: only owners and admins can create tokens that never expire."],
    });
  }
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
    throw new DalError("INVALID", "The expiry must be in the future.", { expiresOn: ["The expiry date must be in the future."] });
  }
  const token = await db.$transaction(async (tx) => {
    await takeCreationTurn(tx, member.organizationId);
    return insertToken(tx, member, member.userId, {
      name: input.name,
      type: input.type,
      scopes,
      expiresAt: input.expiresAt,
      prefix: input.prefix ?? null,
      roleIds: input.roleIds ?? [],
      context: input.context ?? {},
    });
  });
  return { token: toRow(token.record, new Date()), plaintext: token.plaintext };
}

/** As for keys: one organization's creations take turns, so the limit holds under concurrency. */
async function takeCreationTurn(tx: Transaction, organizationId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`tokens:${organizationId}`}))`;
  const recent = await tx.accessToken.count({
    where: { organizationId, createdAt: { gt: new Date(Date.now() - 60_000) } },
  });
  if (recent >= TOKEN_CREATION_LIMIT.perMinute) {
    throw new DalError("RATE_LIMITED", "Too many tokens created in the last minute. Wait a moment and try again.");
  }
}

/** Inserts a token created by `createdById`, audited as `actor`'s act (the creator, or a token rolling itself). */
async function insertToken(
  tx: Transaction,
  actor: Context,
  createdById: string,
  input: { name: string; type: AccessTokenType; scopes: Scope[]; expiresAt: Date | null; prefix: string | null; roleIds: string[]; context: KeyContext; rolledFromId?: string },
): Promise<{ record: TokenRecord; plaintext: string }> {
  const roles = await resolveRoleIds(tx, actor, null, input.roleIds);
  const { plaintext, hash, start, last4 } = issueCredential("access_token", input.prefix);
  const record = await tx.accessToken.create({
    data: {
      organizationId: actor.organizationId,
      name: input.name,
      type: input.type,
      scopes: input.scopes,
      hash,
      start,
      last4,
      prefix: input.prefix,
      context: input.context,
      createdById,
      expiresAt: input.expiresAt,
      roles: { create: roles.map((role) => ({ roleId: role.id })) },
    },
    select: rowSelect,
  });
  const target = { type: "access_token", id: record.id } as const;
  await recordAudit(tx, actor, {
    action: "access_token.created",
    target,
    metadata: {
      name: input.name,
      type: input.type,
      scopes: input.scopes,
      expiresAt: input.expiresAt?.toISOString() ?? null,
      start,
      last4,
      after: snapshot(toRow(record, new Date())),
      ...(input.rolledFromId ? { rolledFromId: input.rolledFromId } : {}),
    },
  });
  await recordAudit(tx, actor, { action: "access_token.secret_shown", target, metadata: { name: input.name, start, last4 } });
  return { record, plaintext };
}

function snapshot(row: AccessTokenRow): Prisma.InputJsonObject {
  return { name: row.name, roles: row.roles.map((role) => role.name), context: row.context, expiresAt: row.expiresAt?.toISOString() ?? null };
}

/** A token the member may manage: OWNER and ADMIN any, a DEVELOPER only their own, a VIEWER none. */
async function findManageableToken(member: MemberContext, tokenId: string) {
  const token = await db.accessToken.findFirst({
    where: { id: tokenId, organizationId: member.organizationId },
    select: { ...rowSelect, hash: true },
  });
  if (!token) throw notFound("Access token");
  if (!canRevokeToken(member.role, token.createdBy?.id === member.userId)) {
    throw forbidden(member.role === "VIEWER" ? "Viewers cannot change tokens." : "Developers can change only the tokens they created.");
  }
  return token;
}

/** Edits name, roles, context or expiry; the token string stays, its rights change at once. */
export async function updateAccessToken(
  ctx: Context,
  input: { tokenId: string; name?: string; roleIds?: string[]; context?: KeyContext; expiresAt?: Date | null },
): Promise<AccessTokenRow> {
  const member = requireMember(ctx);
  const token = await findManageableToken(member, input.tokenId);
  const now = new Date();
  const before = toRow(token, now);
  if (before.status !== "active") throw new DalError("CONFLICT", "This token is inactive and can no longer be edited.");
  if (input.expiresAt === null && !canCreateNonExpiringToken(member.role)) {
    throw new DalError("FORBIDDEN", "Only owners and admins can make a token never expire.", { expiresAt: ["Choose an expiry date."] });
  }
  if (input.expiresAt && input.expiresAt <= now) {
    throw new DalError("INVALID", "The expiry must be in the future.", { expiresAt: ["Choose a time in the future."] });
  }
  const updated = await db.$transaction(async (tx) => {
    // Locked and re-checked: a token revoked meanwhile is not edited back to life.
    const live = await tx.$queryRaw<unknown[]>`SELECT 1 FROM "AccessToken" WHERE id = ${token.id} AND "revokedAt" IS NULL FOR UPDATE`;
    if (live.length === 0) throw new DalError("CONFLICT", "This token is inactive and can no longer be edited.");
    await tx.accessToken.update({
      where: { id: token.id },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.context !== undefined ? { context: input.context } : {}),
        ...(input.expiresAt !== undefined ? { expiresAt: input.expiresAt, expiryRecordedAt: null } : {}),
        ...(input.roleIds !== undefined
          ? { roles: { deleteMany: {}, create: (await resolveRoleIds(tx, member, null, input.roleIds)).map((role) => ({ roleId: role.id })) } }
          : {}),
      },
    });
    const after = await tx.accessToken.findUniqueOrThrow({ where: { id: token.id }, select: rowSelect });
    await announceInvalidation(tx, [token.hash]);
    await recordAudit(tx, member, {
      action: "access_token.updated",
      target: { type: "access_token", id: token.id },
      metadata: { name: after.name, before: snapshot(before), after: snapshot(toRow(after, now)) },
    });
    return after;
  });
  invalidateLocally([token.hash]);
  return toRow(updated, now);
}

export type RolledAccessToken = CreatedAccessToken & { previous: AccessTokenRow };

/** "Roll token" in the console: a replacement inheriting everything; the old one works for the chosen overlap. */
export async function rollAccessToken(ctx: Context, input: { tokenId: string; overlap: RollOverlap }): Promise<RolledAccessToken> {
  const member = requireMember(ctx);
  if (!canCreateTokens(member.role)) throw forbidden("Viewers cannot create access tokens.");
  const token = await findManageableToken(member, input.tokenId);
  return rollToken(member, token, { creatorId: member.userId, creatorRole: member.role, overlap: input.overlap });
}

/** The calling token as the console would list it: what a pipeline may learn about itself. */
export async function getOwnAccessToken(ctx: TokenContext): Promise<AccessTokenRow> {
  const token = await db.accessToken.findFirst({ where: { id: ctx.tokenId, organizationId: ctx.organizationId }, select: rowSelect });
  if (!token) throw notFound("Access token");
  return toRow(token, new Date());
}

/**
 * A token rolling itself through the REST API, so a pipeline can rotate its own credential
 * without a person. It can name no other token: the id is the caller's own. The replacement keeps
 * the original creator (it lives no longer than their access, and carries no more than their
 * current role holds), and the audit trail names the token as the actor.
 */
export async function rollOwnAccessToken(ctx: TokenContext, input: { overlap: RollOverlap }): Promise<RolledAccessToken> {
  const token = await db.accessToken.findFirst({
    where: { id: ctx.tokenId, organizationId: ctx.organizationId },
    select: { ...rowSelect, hash: true },
  });
  const creator = token?.createdBy?.memberships.find((m) => m.organizationId === ctx.organizationId);
  // The credential lookup already refuses a token whose creator left; this holds if that changes.
  if (!token?.createdBy || !creator) throw notFound("Access token");
  if (!canCreateTokens(creator.role)) throw forbidden("The member who created this token can no longer create tokens.");
  return rollToken(ctx, token, { creatorId: token.createdBy.id, creatorRole: creator.role, overlap: input.overlap });
}

async function rollToken(
  actor: Context,
  token: TokenRecord & { hash: string },
  input: { creatorId: string; creatorRole: Role; overlap: RollOverlap },
): Promise<RolledAccessToken> {
  const now = new Date();
  const old = toRow(token, now);
  if (old.status !== "active") throw new DalError("CONFLICT", "This token is inactive: create a new one instead.");
  if (old.rolledToId) throw new DalError("CONFLICT", "This token was already rolled. Roll its replacement instead.");
  const end = rolledExpiry(input.overlap, now, old.expiresAt);
  const result = await db.$transaction(async (tx) => {
    await takeCreationTurn(tx, actor.organizationId);
    const issued = await insertToken(tx, actor, input.creatorId, {
      name: old.name,
      type: token.type,
      // The creator's role may have narrowed since: the replacement carries no more than it holds
      // (a `*:*` token of a since-demoted admin becomes the scopes a developer holds, not none).
      scopes: normaliseScopes(capScopesToRole(old.scopes, input.creatorRole) as Scope[]),
      expiresAt: old.expiresAt,
      prefix: old.prefix,
      roleIds: old.roles.map((role) => role.id),
      context: old.context,
      rolledFromId: token.id,
    });
    const { count } = await tx.accessToken.updateMany({
      where: { id: token.id, organizationId: actor.organizationId, revokedAt: null, rolledToId: null },
      data: { rolledToId: issued.record.id, expiresAt: end.expiresAt, overlapAfterFirstUseSeconds: end.overlapAfterFirstUseSeconds },
    });
    if (count === 0) throw new DalError("CONFLICT", "This token was already rolled. Roll its replacement instead.");
    await announceInvalidation(tx, [token.hash]);
    await recordAudit(tx, actor, {
      action: "access_token.rolled",
      target: { type: "access_token", id: token.id },
      metadata: {
        name: old.name,
        overlap: input.overlap,
        rolledToId: issued.record.id,
        before: { expiresAt: old.expiresAt?.toISOString() ?? null },
        after: { expiresAt: end.expiresAt?.toISOString() ?? null, overlapAfterFirstUseSeconds: end.overlapAfterFirstUseSeconds },
      },
    });
    // Read back after the link was made, so both rows show it.
    // One after the other: a transaction is one connection, which runs one query at a time.
    const replacement = await tx.accessToken.findUniqueOrThrow({ where: { id: issued.record.id }, select: rowSelect });
    const previous = await tx.accessToken.findUniqueOrThrow({ where: { id: token.id }, select: rowSelect });
    return { replacement, plaintext: issued.plaintext, previous };
  });
  invalidateLocally([token.hash]);
  return { token: toRow(result.replacement, now), plaintext: result.plaintext, previous: toRow(result.previous, now) };
}

/**
 * Revokes a token: the next request with it is refused. OWNER and ADMIN revoke any token;
 * a DEVELOPER only their own; a VIEWER none.
 */
export async function revokeAccessToken(ctx: Context, tokenId: string): Promise<AccessTokenRow> {
  const member = requireMember(ctx);
  const token = await findManageableToken(member, tokenId);
  const now = new Date();
  if (toRow(token, now).status !== "active") throw new DalError("CONFLICT", "This token is already inactive.");

  const revoked = await db.$transaction(async (tx) => {
    // Predicates repeated on the write: of two concurrent revokes, one succeeds and is audited.
    const { count } = await tx.accessToken.updateMany({
      where: { id: token.id, organizationId: member.organizationId, revokedAt: null },
      data: { revokedAt: now, revokedById: member.userId },
    });
    if (count === 0) throw new DalError("CONFLICT", "This token is already inactive.");
    await announceInvalidation(tx, [token.hash]);
    await recordAudit(tx, member, {
      action: "access_token.revoked",
      target: { type: "access_token", id: token.id },
      metadata: { name: token.name, start: token.start, last4: token.last4 },
    });
    return tx.accessToken.findUniqueOrThrow({ where: { id: token.id }, select: rowSelect });
  });
  invalidateLocally([token.hash]);
  return toRow(revoked, now);
}
