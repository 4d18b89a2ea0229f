import "server-only";
import { canReadAuditLog } from "@/lib/auth/permissions";
import type { Scope } from "@/lib/auth/scopes";
import { db } from "@/lib/db";
import type { AccessTokenType } from "@/lib/generated/prisma/enums";
import { maskKey, type KeyKind } from "@/lib/keys/format";
import { slugSchema } from "@/lib/validations/projects";
import { keyContextSchema, type KeyContext } from "@/lib/access/permissions";
import { auditEventSelect, describeEvents, type AuditEventRow } from "./audit-log";
import { assertCan, type Context } from "./context";
import { forbidden, notFound } from "./errors";

/** How far back one page of a credential's timeline reaches; "Load older" moves the window. */
export const TIMELINE_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

/** What keys and tokens share beyond their kind: access limits and their place in a roll. */
export interface CredentialLifecycle {
  prefix: string | null;
  roles: Array<{ id: string; name: string; projectSlug: string }>;
  context: KeyContext;
  /** The credential that replaced this one ("Roll key"), and the one this one replaced. */
  rolledTo: { id: string; name: string; firstUsedAt: Date | null } | null;
  rolledFrom: { id: string; name: string } | null;
  /** Set while a "first use + 1 hour" overlap waits for the replacement's first request. */
  overlapAfterFirstUseSeconds: number | null;
  firstUsedAt: Date | null;
}

export interface ApiKeyDetail extends CredentialLifecycle {
  id: string;
  name: string;
  kind: KeyKind;
  maskedKey: string;
  project: { slug: string; name: string };
  environment: string;
  createdAt: Date;
  createdBy: string | null;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  deletedAt: Date | null;
  deletedBy: string | null;
  status: "active" | "expired" | "deleted";
}

export interface AccessTokenDetail extends CredentialLifecycle {
  id: string;
  name: string;
  type: AccessTokenType;
  maskedToken: string;
  scopes: Scope[];
  createdAt: Date;
  createdBy: string | null;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  revokedBy: string | null;
  status: "active" | "expired" | "revoked";
}

const lifecycleSelect = {
  prefix: true,
  context: true,
  overlapAfterFirstUseSeconds: true,
  firstUsedAt: true,
  roles: { select: { role: { select: { id: true, name: true, project: { select: { slug: true } } } } }, orderBy: { role: { name: "asc" } } },
  rolledTo: { select: { id: true, name: true, firstUsedAt: true } },
  rolledFrom: { select: { id: true, name: true } },
} as const;

function lifecycleOf(credential: {
  prefix: string | null;
  context: unknown;
  overlapAfterFirstUseSeconds: number | null;
  firstUsedAt: Date | null;
  roles: Array<{ role: { id: string; name: string; project: { slug: string } } }>;
  rolledTo: { id: string; name: string; firstUsedAt: Date | null } | null;
  rolledFrom: { id: string; name: string } | null;
}): CredentialLifecycle {
  return {
    prefix: credential.prefix,
    roles: credential.roles.map(({ role }) => ({ id: role.id, name: role.name, projectSlug: role.project.slug })),
    context: keyContextSchema.safeParse(credential.context).data ?? {},
    rolledTo: credential.rolledTo,
    rolledFrom: credential.rolledFrom,
    overlapAfterFirstUseSeconds: credential.overlapAfterFirstUseSeconds,
    firstUsedAt: credential.firstUsedAt,
  };
}

/** Requests of one hour: how many, how many were refused and why (error code → count). */
export interface RequestHour {
  hour: Date;
  calls: number;
  denied: number;
  reasons: { code: string; count: number }[];
}

export type TimelineItem = { kind: "event"; at: Date; event: AuditEventRow } | { kind: "requests"; at: Date; requests: RequestHour };

export interface Timeline {
  items: TimelineItem[];
  /** The window is [from, before): older items need another page starting at `from`. */
  from: Date;
  before: Date;
  hasOlder: boolean;
}

/**
 * A key of the project, deleted ones included (tombstones keep their page). Another
 * organization's key, or one of another project, is NOT_FOUND like one that never existed.
 */
export async function getApiKeyDetail(ctx: Context, query: { projectSlug: string; keyId: string }, now = new Date()): Promise<ApiKeyDetail> {
  assertCan(ctx, "apikey:read");
  if (!slugSchema.safeParse(query.projectSlug).success) throw notFound("API key");
  const key = await db.apiKey.findFirst({
    where: { id: query.keyId, organizationId: ctx.organizationId, project: { slug: query.projectSlug, organizationId: ctx.organizationId } },
    select: {
      id: true,
      name: true,
      kind: true,
      start: true,
      last4: true,
      createdAt: true,
      expiresAt: true,
      lastUsedAt: true,
      deletedAt: true,
      createdBy: { select: { name: true } },
      deletedBy: { select: { name: true } },
      project: { select: { slug: true, name: true } },
      environment: { select: { slug: true } },
      ...lifecycleSelect,
    },
  });
  if (!key) throw notFound("API key");
  return {
    ...lifecycleOf(key),
    id: key.id,
    name: key.name,
    kind: key.kind === "SECRET" ? "secret" : "publishable",
    maskedKey: maskKey(key),
    project: key.project,
    environment: key.environment.slug,
    createdAt: key.createdAt,
    createdBy: key.createdBy?.name ?? null,
    expiresAt: key.expiresAt,
    lastUsedAt: key.lastUsedAt,
    deletedAt: key.deletedAt,
    deletedBy: key.deletedBy?.name ?? null,
    status: key.deletedAt ? "deleted" : key.expiresAt && key.expiresAt <= now ? "expired" : "active",
  };
}

/** A token of the organization, revoked ones included. Tokens are a console matter. */
export async function getAccessTokenDetail(ctx: Context, tokenId: string, now = new Date()): Promise<AccessTokenDetail> {
  if (ctx.kind !== "member") throw forbidden("Access tokens are managed in the console.");
  const token = await db.accessToken.findFirst({
    where: { id: tokenId, organizationId: ctx.organizationId },
    select: {
      id: true,
      name: true,
      type: true,
      scopes: true,
      start: true,
      last4: true,
      createdAt: true,
      expiresAt: true,
      lastUsedAt: true,
      revokedAt: true,
      createdBy: { select: { name: true } },
      revokedBy: { select: { name: true } },
      ...lifecycleSelect,
    },
  });
  if (!token) throw notFound("Access token");
  return {
    ...lifecycleOf(token),
    id: token.id,
    name: token.name,
    type: token.type,
    maskedToken: maskKey(token),
    scopes: token.scopes as Scope[],
    createdAt: token.createdAt,
    createdBy: token.createdBy?.name ?? null,
    expiresAt: token.expiresAt,
    lastUsedAt: token.lastUsedAt,
    revokedAt: token.revokedAt,
    revokedBy: token.revokedBy?.name ?? null,
    status: token.revokedAt ? "revoked" : token.expiresAt && token.expiresAt <= now ? "expired" : "active",
  };
}

/**
 * Requests per hour of one credential, bucketed by the database. Hours come back as ISO text:
 * the two driver adapters disagree on how they return a bare timestamp, but not on text.
 * Parameters are cast because the adapters send them as text (see lib/auth/sign-in.ts).
 */
async function requestHours(organizationId: string, credentialId: string, from: Date, before: Date): Promise<RequestHour[]> {
  const [totals, reasons] = await Promise.all([
    db.$queryRaw<{ hour: string; calls: number; denied: number }[]>`
      SELECT to_char(date_trunc('hour', "createdAt"), 'YYYY-MM-DD"T"HH24":00:00.000Z"') AS hour,
             count(*)::int AS calls,
             (count(*) FILTER (WHERE "status" >= 400))::int AS denied
      FROM "RequestLog"
      WHERE "organizationId" = ${organizationId} AND "credentialId" = ${credentialId}
        AND "createdAt" >= ${from}::timestamp(3) AND "createdAt" < ${before}::timestamp(3)
      GROUP BY 1`,
    db.$queryRaw<{ hour: string; code: string; count: number }[]>`
      SELECT to_char(date_trunc('hour', "createdAt"), 'YYYY-MM-DD"T"HH24":00:00.000Z"') AS hour,
             coalesce("code", 'HTTP ' || "status"::text) AS code,
             count(*)::int AS count
      FROM "RequestLog"
      WHERE "organizationId" = ${organizationId} AND "credentialId" = ${credentialId}
        AND "createdAt" >= ${from}::timestamp(3) AND "createdAt" < ${before}::timestamp(3) AND "status" >= 400
      GROUP BY 1, 2`,
  ]);
  const reasonsByHour = new Map<string, { code: string; count: number }[]>();
  for (const row of reasons) reasonsByHour.set(row.hour, [...(reasonsByHour.get(row.hour) ?? []), { code: row.code, count: row.count }]);
  return totals.map((row) => ({
    hour: new Date(row.hour),
    calls: row.calls,
    denied: row.denied,
    // Most frequent reason first; ties by code, so the text is stable.
    reasons: (reasonsByHour.get(row.hour) ?? []).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
  }));
}

/**
 * One credential's history in one window, newest first: its lifecycle events from the audit
 * log merged with its requests, an item per hour. Call after getApiKeyDetail or
 * getAccessTokenDetail, which check that the caller may see the credential. Client IPs of
 * colleagues are shown to those who may read the audit log only.
 */
export async function getCredentialTimeline(
  ctx: Context,
  credential: { type: "api_key" | "access_token"; id: string },
  before = new Date(),
): Promise<Timeline> {
  const from = new Date(before.getTime() - TIMELINE_WINDOW_DAYS * DAY_MS);
  const org = ctx.organizationId;
  const inWindow = { gte: from, lt: before };
  const [events, hours, olderEvent, olderRequest] = await Promise.all([
    db.auditEvent.findMany({
      where: { organizationId: org, targetType: credential.type, targetId: credential.id, createdAt: inWindow },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: auditEventSelect,
    }),
    requestHours(org, credential.id, from, before),
    db.auditEvent.findFirst({ where: { organizationId: org, targetType: credential.type, targetId: credential.id, createdAt: { lt: from } }, select: { id: true } }),
    db.requestLog.findFirst({ where: { organizationId: org, credentialId: credential.id, createdAt: { lt: from } }, select: { id: true } }),
  ]);
  const showIps = ctx.kind === "member" && canReadAuditLog(ctx.role);
  const rows = await describeEvents(ctx, events);
  const items: TimelineItem[] = [
    ...rows.map((event) => ({ kind: "event" as const, at: event.createdAt, event: showIps ? event : { ...event, ip: null } })),
    ...hours.map((requests) => ({ kind: "requests" as const, at: requests.hour, requests })),
  ];
  // Newest first; within one hour a lifecycle event sorts above the hour's request summary.
  items.sort((a, b) => b.at.getTime() - a.at.getTime());
  return { items, from, before, hasOlder: Boolean(olderEvent || olderRequest) };
}
