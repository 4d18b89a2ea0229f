import "server-only";
import type { Transaction } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { actingUserId, type Context } from "./context";

export type AuditAction =
  | "user.signed_up"
  | "user.signed_in"
  | "organization.created"
  | "organization.updated"
  | "project.created"
  | "project.updated"
  | "project.deleted"
  | "environment.created"
  | "environment.updated"
  | "environment.deleted"
  | "api_key.created"
  | "api_key.secret_shown"
  | "api_key.updated"
  | "api_key.rolled"
  | "api_key.overlap_started"
  | "api_key.expired"
  | "api_key.deleted"
  | "access_token.created"
  | "access_token.secret_shown"
  | "access_token.updated"
  | "access_token.rolled"
  | "access_token.overlap_started"
  | "access_token.expired"
  | "access_token.revoked"
  | "role.created"
  | "role.updated"
  | "role.deleted";

export interface AuditEntry {
  action: AuditAction;
  target: { type: "user" | "organization" | "project" | "environment" | "api_key" | "access_token" | "role"; id: string };
  projectId?: string;
  environmentId?: string;
  metadata?: Prisma.InputJsonObject;
}

/**
 * Writes an audit event inside the caller's transaction: the change and its record commit or
 * roll back together, so the trail has no gaps and no phantom entries.
 */
export async function recordAudit(tx: Transaction, ctx: Context, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      organizationId: ctx.organizationId,
      actorUserId: actingUserId(ctx),
      actorTokenId: ctx.kind === "token" ? ctx.tokenId : null,
      actorType: ctx.kind === "token" ? "access_token" : "user",
      action: entry.action,
      targetType: entry.target.type,
      targetId: entry.target.id,
      projectId: entry.projectId,
      environmentId: entry.environmentId,
      ip: ctx.request.ip,
      userAgent: ctx.request.userAgent?.slice(0, 512),
      metadata: entry.metadata ?? {},
    },
  });
}

