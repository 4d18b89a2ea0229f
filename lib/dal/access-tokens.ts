import "server-only";
import { db } from "@/lib/db";
import type { AccessTokenType, Role } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import { canCreateNonExpiringToken, canCreateTokens, canRevokeToken } from "@/lib/auth/permissions";
import { normaliseScopes, scopesBeyondRole, type Scope } from "@/lib/auth/scopes";
import { issueCredential, maskKey } from "@/lib/keys/format";
import { TOKEN_PAGE_SIZE, type TokenListParams } from "@/lib/validations/access-tokens";
import { announceInvalidation, invalidateLocally } from "@/lib/credentials/invalidation";
import { recordAudit } from "./audit";
import type { Context, MemberContext } from "./context";
import { DalError, forbidden, notFound } from "./errors";

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
}

export interface AccessTokenPage {
  rows: AccessTokenRow[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
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
  return { rows: tokens.map((token) => toRow(token, now)), total, page, pageCount, pageSize: TOKEN_PAGE_SIZE };
}

export interface CreatedAccessToken {
  token: AccessTokenRow;
  /** The full token: this return value is the only place it ever exists. */
  plaintext: string;
}

export const TOKEN_CREATION_LIMIT = { perMinute: 30 } as const;

export async function createAccessToken(
  ctx: Context,
  input: { name: string; type: AccessTokenType; scopes: Scope[]; expiresAt: Date | null },
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

  const { plaintext, hash, start, last4 } = issueCredential("access_token");
  const token = await db.$transaction(async (tx) => {
    // As for keys: one organization's creations take turns, so the limit holds under concurrency.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`tokens:${member.organizationId}`}))`;
    const recent = await tx.accessToken.count({
      where: { organizationId: member.organizationId, createdAt: { gt: new Date(Date.now() - 60_000) } },
    });
    if (recent >= TOKEN_CREATION_LIMIT.perMinute) {
      throw new DalError("RATE_LIMITED", "Too many tokens created in the last minute. Wait a moment and try again.");
    }
    const created = await tx.accessToken.create({
      data: {
        organizationId: member.organizationId,
        name: input.name,
        type: input.type,
        scopes,
        hash,
        start,
        last4,
        createdById: member.userId,
        expiresAt: input.expiresAt,
      },
      select: rowSelect,
    });
    await recordAudit(tx, member, {
      action: "access_token.created",
      target: { type: "access_token", id: created.id },
      metadata: { name: input.name, type: input.type, scopes, expiresAt: input.expiresAt?.toISOString() ?? null, start, last4 },
    });
    return created;
  });
  return { token: toRow(token, new Date()), plaintext };
}

/**
 * Revokes a token: the next request with it is refused. OWNER and ADMIN revoke any token;
 * a DEVELOPER only their own; a VIEWER none.
 */
export async function revokeAccessToken(ctx: Context, tokenId: string): Promise<AccessTokenRow> {
  const member = requireMember(ctx);
  const token = await db.accessToken.findFirst({
    where: { id: tokenId, organizationId: member.organizationId },
    select: { ...rowSelect, hash: true },
  });
  if (!token) throw notFound("Access token");
  if (!canRevokeToken(member.role, token.createdBy?.id === member.userId)) {
    throw forbidden(member.role === "VIEWER" ? "Viewers cannot revoke tokens." : "Developers can revoke only the tokens they created.");
  }
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
