import "server-only";
import { canReadAuditLog } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AUDIT_PAGE_SIZE } from "@/lib/validations/audit-log";
import type { AuditAction } from "./audit";
import type { Context } from "./context";
import { forbidden } from "./errors";

export const AUDIT_FORBIDDEN_MESSAGE = "You need the Owner or Admin role to view the audit log.";

export type AuditActor =
  | { type: "user"; id: string | null; name: string; email: string | null }
  | { type: "access_token"; id: string | null; name: string }
  | { type: "system"; name: "System" };

/** What an event acted on, named as it is now (or as it was, for deleted keys), with its page. */
export interface AuditTarget {
  type: string;
  id: string;
  name: string;
  /** The console page of the target, when it has one (keys and tokens). */
  href: string | null;
  project: string | null;
  environment: string | null;
}

export interface AuditEventRow {
  id: string;
  createdAt: Date;
  action: string;
  actor: AuditActor;
  target: AuditTarget;
  ip: string | null;
}

export interface AuditLogPage {
  rows: AuditEventRow[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
}

export interface AuditLogQuery {
  /** A key or token id: its events only. */
  target?: string;
  /** `user:<id>`, `token:<id>` or `system`. */
  actor?: string;
  action?: AuditAction;
  from?: Date;
  to?: Date;
  page: number;
}

/** A choice of the key/token or actor filter. */
export interface AuditFilterOption {
  value: string;
  label: string;
  detail: string;
}

/** Only a member with the Owner or Admin role reads the log; tokens never do. */
function assertCanReadAuditLog(ctx: Context): void {
  if (ctx.kind !== "member" || !canReadAuditLog(ctx.role)) throw forbidden(AUDIT_FORBIDDEN_MESSAGE);
}

function actorWhere(actor: string): Prisma.AuditEventWhereInput {
  if (actor === "system") return { actorType: "system" };
  const [type, id] = actor.split(":");
  return type === "token" ? { actorType: "access_token", actorTokenId: id } : { actorType: "user", actorUserId: id };
}

/** The columns describeEvents needs. */
export const auditEventSelect = {
  id: true,
  createdAt: true,
  action: true,
  actorType: true,
  actorTokenId: true,
  actorUserId: true,
  actorUser: { select: { name: true, email: true } },
  targetType: true,
  targetId: true,
  projectId: true,
  environmentId: true,
  ip: true,
} as const satisfies Prisma.AuditEventSelect;

type EventRecord = Prisma.AuditEventGetPayload<{ select: typeof auditEventSelect }>;

/**
 * Turns events into rows, naming actors and targets with one query per kind of thing for the
 * whole page. Every lookup is scoped to the caller's organization, so an id recorded in this
 * organization can never pull another organization's names into the page.
 */
export async function describeEvents(ctx: Context, events: EventRecord[]): Promise<AuditEventRow[]> {
  const idsOf = (type: string) => [...new Set(events.filter((e) => e.targetType === type).map((e) => e.targetId))];
  const tokenIds = [...new Set([...idsOf("access_token"), ...events.flatMap((e) => (e.actorTokenId ? [e.actorTokenId] : []))])];
  const projectIds = [...new Set([...idsOf("project"), ...events.flatMap((e) => (e.projectId ? [e.projectId] : []))])];
  const environmentIds = [...new Set([...idsOf("environment"), ...events.flatMap((e) => (e.environmentId ? [e.environmentId] : []))])];
  const org = ctx.organizationId;
  const [keys, tokens, projects, environments, organizations, users, roles] = await Promise.all([
    db.apiKey.findMany({ where: { organizationId: org, id: { in: idsOf("api_key") } }, select: { id: true, name: true, project: { select: { slug: true } } } }),
    db.accessToken.findMany({ where: { organizationId: org, id: { in: tokenIds } }, select: { id: true, name: true } }),
    db.project.findMany({ where: { organizationId: org, id: { in: projectIds } }, select: { id: true, name: true, slug: true } }),
    db.environment.findMany({ where: { project: { organizationId: org }, id: { in: environmentIds } }, select: { id: true, slug: true } }),
    db.organization.findMany({ where: { id: org }, select: { id: true, name: true } }),
    db.user.findMany({ where: { id: { in: idsOf("user") }, memberships: { some: { organizationId: org } } }, select: { id: true, name: true } }),
    db.keyRole.findMany({ where: { organizationId: org, id: { in: idsOf("role") } }, select: { id: true, name: true, project: { select: { slug: true } } } }),
  ]);
  const roleById = new Map(roles.map((r) => [r.id, r]));
  const keyById = new Map(keys.map((k) => [k.id, k]));
  const tokenById = new Map(tokens.map((t) => [t.id, t]));
  const projectById = new Map(projects.map((p) => [p.id, p]));
  const environmentById = new Map(environments.map((e) => [e.id, e]));
  const nameOf: Record<string, Map<string, string>> = {
    api_key: new Map(keys.map((k) => [k.id, k.name])),
    access_token: new Map(tokens.map((t) => [t.id, t.name])),
    project: new Map(projects.map((p) => [p.id, p.name])),
    environment: new Map(environments.map((e) => [e.id, e.slug])),
    organization: new Map(organizations.map((o) => [o.id, o.name])),
    user: new Map(users.map((u) => [u.id, u.name])),
    role: new Map(roles.map((r) => [r.id, r.name])),
  };

  return events.map((event) => {
    const key = event.targetType === "api_key" ? keyById.get(event.targetId) : undefined;
    const role = event.targetType === "role" ? roleById.get(event.targetId) : undefined;
    const href = key
      ? `/${ctx.organizationSlug}/${key.project.slug}/api-keys/${key.id}`
      : event.targetType === "access_token" && tokenById.has(event.targetId)
        ? `/${ctx.organizationSlug}/access-tokens/${event.targetId}`
        : role
          ? `/${ctx.organizationSlug}/${role.project.slug}/roles`
          : null;
    const actor: AuditActor =
      event.actorType === "access_token"
        ? { type: "access_token", id: event.actorTokenId, name: (event.actorTokenId && tokenById.get(event.actorTokenId)?.name) || "Deleted token" }
        : event.actorType === "user"
          ? { type: "user", id: event.actorUserId, name: event.actorUser?.name ?? "Deleted user", email: event.actorUser?.email ?? null }
          : { type: "system", name: "System" };
    return {
      id: event.id,
      createdAt: event.createdAt,
      action: event.action,
      actor,
      target: {
        type: event.targetType,
        id: event.targetId,
        // A target gone for good (a deleted project) still shows its id rather than nothing.
        name: nameOf[event.targetType]?.get(event.targetId) ?? event.targetId,
        href,
        // A project's own events would only repeat its name as "project".
        project: event.projectId && event.targetType !== "project" ? (projectById.get(event.projectId)?.name ?? null) : null,
        environment: event.environmentId ? (environmentById.get(event.environmentId)?.slug ?? null) : null,
      },
      ip: event.ip,
    };
  });
}

/** One page of the organization's audit log, newest first. Owners and admins only. */
export async function listAuditEvents(ctx: Context, query: AuditLogQuery): Promise<AuditLogPage> {
  assertCanReadAuditLog(ctx);
  const where: Prisma.AuditEventWhereInput = {
    organizationId: ctx.organizationId,
    ...(query.target ? { targetId: query.target, targetType: { in: ["api_key", "access_token"] } } : {}),
    ...(query.actor ? actorWhere(query.actor) : {}),
    ...(query.action ? { action: query.action } : {}),
    ...(query.from || query.to ? { createdAt: { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lte: query.to } : {}) } } : {}),
  };
  const total = await db.auditEvent.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(query.page) || 1), pageCount);
  const events = await db.auditEvent.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * AUDIT_PAGE_SIZE,
    take: AUDIT_PAGE_SIZE,
    select: auditEventSelect,
  });
  return { rows: await describeEvents(ctx, events), total, page, pageCount, pageSize: AUDIT_PAGE_SIZE };
}

/**
 * The choices of the key/token and actor filters: every key and token of the organization
 * (deleted and revoked ones too, since their history stays), the members, and the tokens and
 * the system as actors when they appear in the log.
 */
export async function listAuditFilterOptions(ctx: Context): Promise<{ targets: AuditFilterOption[]; actors: AuditFilterOption[] }> {
  assertCanReadAuditLog(ctx);
  const org = ctx.organizationId;
  const [keys, tokens, members, tokenActors, system] = await Promise.all([
    db.apiKey.findMany({
      where: { organizationId: org },
      select: { id: true, name: true, kind: true, project: { select: { name: true } }, environment: { select: { slug: true } } },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    }),
    db.accessToken.findMany({ where: { organizationId: org }, select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] }),
    db.membership.findMany({ where: { organizationId: org }, select: { user: { select: { id: true, name: true, email: true } } } }),
    db.auditEvent.findMany({ where: { organizationId: org, actorType: "access_token" }, distinct: ["actorTokenId"], select: { actorTokenId: true } }),
    db.auditEvent.findFirst({ where: { organizationId: org, actorType: "system" }, select: { id: true } }),
  ]);
  const tokenName = new Map(tokens.map((t) => [t.id, t.name]));
  const targets: AuditFilterOption[] = [
    ...keys.map((k) => ({
      value: k.id,
      label: k.name,
      detail: `${k.kind === "SECRET" ? "Secret" : "Publishable"} key · ${k.project.name} · ${k.environment.slug}`,
    })),
    ...tokens.map((t) => ({ value: t.id, label: t.name, detail: "Access token" })),
  ];
  const actors: AuditFilterOption[] = [
    ...members.map((m) => ({ value: `user:${m.user.id}`, label: m.user.name, detail: m.user.email })).sort((a, b) => a.label.localeCompare(b.label)),
    ...tokenActors.flatMap((e) => (e.actorTokenId ? [{ value: `token:${e.actorTokenId}`, label: tokenName.get(e.actorTokenId) ?? "Deleted token", detail: "Access token" }] : [])),
    ...(system ? [{ value: "system", label: "System", detail: "Keyward itself" }] : []),
  ];
  return { targets, actors };
}
