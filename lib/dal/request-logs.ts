import "server-only";
import { pruneRequestLogs } from "@/lib/credentials/prune";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { LOG_PAGE_SIZE, logRetentionDaysSchema, type StatusFilter } from "@/lib/validations/logs";
import { slugSchema } from "@/lib/validations/projects";
import { recordAudit } from "./audit";
import { assertCan, projectKey, type Context, type ProjectRef } from "./context";
import { listTables, type TableRow } from "./data";
import { DalError, notFound } from "./errors";

export { pruneRequestLogs };

export type CredentialKind = "publishable" | "secret" | "access_token";

/** One request as the console shows it: who called, what, how it went. Never a secret. */
export interface RequestLogRow {
  id: string;
  createdAt: Date;
  credentialId: string;
  credentialName: string;
  credentialKind: CredentialKind;
  method: string;
  path: string;
  status: number;
  latencyMs: number;
  ip: string | null;
}

export interface RequestLogPage {
  rows: RequestLogRow[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
}

export interface RequestLogQuery {
  project: ProjectRef;
  environment: string;
  credentialId?: string;
  status?: StatusFilter;
  from?: Date;
  to?: Date;
  page: number;
}

/** A credential the key filter offers: seen in the log, or a live key of the environment. */
export interface LogCredential {
  id: string;
  name: string;
  kind: CredentialKind;
}

/**
 * The environment, looked up through the caller's organization: another organization's project
 * or environment is NOT_FOUND, exactly like one that does not exist.
 */
async function environmentOf(ctx: Context, ref: ProjectRef, slug: string): Promise<{ id: string; projectId: string }> {
  const key = projectKey(ref);
  if ("slug" in key && !slugSchema.safeParse(key.slug).success) throw notFound("Environment");
  const environment = await db.environment.findFirst({
    where: { slug, project: { organizationId: ctx.organizationId, ...key } },
    select: { id: true, projectId: true },
  });
  if (!environment) throw notFound("Environment");
  return environment;
}

function statusWhere(status: StatusFilter): Prisma.IntFilter {
  if (typeof status === "number") return { equals: status };
  const base = Number(status[0]) * 100;
  return { gte: base, lt: base + 100 };
}

function asKind(kind: string): CredentialKind {
  return kind === "publishable" || kind === "secret" ? kind : "access_token";
}

/**
 * One page of an environment's request log, newest first. Reading the log is part of the
 * dashboard (`dashboard:read`, which every role holds); rows never include a secret.
 */
export async function listRequestLogs(ctx: Context, query: RequestLogQuery): Promise<RequestLogPage> {
  assertCan(ctx, "dashboard:read");
  const environment = await environmentOf(ctx, query.project, query.environment);
  const where: Prisma.RequestLogWhereInput = {
    organizationId: ctx.organizationId,
    environmentId: environment.id,
    ...(query.credentialId ? { credentialId: query.credentialId } : {}),
    ...(query.status !== undefined ? { status: statusWhere(query.status) } : {}),
    ...(query.from || query.to ? { createdAt: { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lte: query.to } : {}) } } : {}),
  };
  const total = await db.requestLog.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / LOG_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(query.page) || 1), pageCount);
  const rows = await db.requestLog.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * LOG_PAGE_SIZE,
    take: LOG_PAGE_SIZE,
    select: {
      id: true,
      createdAt: true,
      credentialId: true,
      credentialName: true,
      credentialKind: true,
      method: true,
      path: true,
      status: true,
      latencyMs: true,
      ip: true,
    },
  });
  return { rows: rows.map((row) => ({ ...row, credentialKind: asKind(row.credentialKind) })), total, page, pageCount, pageSize: LOG_PAGE_SIZE };
}

/**
 * The choices of the key filter: every credential seen in the environment's log (deleted keys
 * and tokens included, by their logged name) plus the environment's live keys, by name.
 */
export async function listLogCredentials(ctx: Context, query: { project: ProjectRef; environment: string }): Promise<LogCredential[]> {
  assertCan(ctx, "dashboard:read");
  const environment = await environmentOf(ctx, query.project, query.environment);
  const [seen, live] = await Promise.all([
    db.requestLog.findMany({
      where: { organizationId: ctx.organizationId, environmentId: environment.id },
      distinct: ["credentialId"],
      orderBy: [{ credentialId: "asc" }, { createdAt: "desc" }],
      select: { credentialId: true, credentialName: true, credentialKind: true },
    }),
    db.apiKey.findMany({
      where: { organizationId: ctx.organizationId, environmentId: environment.id, deletedAt: null },
      select: { id: true, name: true, kind: true },
    }),
  ]);
  const byId = new Map<string, LogCredential>();
  for (const row of seen) byId.set(row.credentialId, { id: row.credentialId, name: row.credentialName, kind: asKind(row.credentialKind) });
  // A live key's current name wins over the name it had when it was logged.
  for (const key of live) byId.set(key.id, { id: key.id, name: key.name, kind: key.kind === "SECRET" ? "secret" : "publishable" });
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** How many days the project's request log keeps entries. */
export async function getLogRetention(ctx: Context, ref: ProjectRef): Promise<number> {
  assertCan(ctx, "project:read");
  const project = await db.project.findFirst({
    where: { organizationId: ctx.organizationId, ...projectKey(ref) },
    select: { logRetentionDays: true },
  });
  if (!project) throw notFound("Project");
  return project.logRetentionDays;
}

/** Changes how long the project's request log keeps entries (1–365 days); audited. */
export async function setLogRetention(ctx: Context, ref: ProjectRef, days: number): Promise<{ logRetentionDays: number }> {
  assertCan(ctx, "project:update");
  const parsed = logRetentionDaysSchema.safeParse(days);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "Enter a number of days between 1 and 365.";
    throw new DalError("INVALID", message, { days: [message] });
  }
  const project = await db.project.findFirst({
    where: { organizationId: ctx.organizationId, ...projectKey(ref) },
    select: { id: true, logRetentionDays: true },
  });
  if (!project) throw notFound("Project");
  await db.$transaction(async (tx) => {
    const { count } = await tx.project.updateMany({
      where: { id: project.id, organizationId: ctx.organizationId },
      data: { logRetentionDays: parsed.data },
    });
    if (count === 0) throw notFound("Project");
    await recordAudit(tx, ctx, {
      action: "project.updated",
      target: { type: "project", id: project.id },
      projectId: project.id,
      metadata: { before: { logRetentionDays: project.logRetentionDays }, after: { logRetentionDays: parsed.data } },
    });
  });
  return { logRetentionDays: parsed.data };
}

/**
 * The console's Tables page: the environment's data-API tables with row counts. Lives here, not
 * in data.ts, because it starts from a member (scope check, tenant lookup) rather than from an
 * authenticated data-API request.
 */
export async function listEnvironmentTables(ctx: Context, query: { project: ProjectRef; environment: string }): Promise<TableRow[]> {
  assertCan(ctx, "table:read");
  const environment = await environmentOf(ctx, query.project, query.environment);
  return listTables({ environmentId: environment.id });
}

/** How many requests each of these credentials of the caller's organization served in the last hour. */
export async function requestsInLastHour(ctx: Context, credentialIds: readonly string[], now = new Date()): Promise<Map<string, number>> {
  if (credentialIds.length === 0) return new Map();
  const counts = await db.requestLog.groupBy({
    by: ["credentialId"],
    where: { organizationId: ctx.organizationId, credentialId: { in: [...credentialIds] }, createdAt: { gt: new Date(now.getTime() - 3_600_000) } },
    _count: { _all: true },
  });
  return new Map(counts.map((row) => [row.credentialId, row._count._all]));
}
