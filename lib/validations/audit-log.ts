import { z } from "zod";
import type { AuditAction } from "@/lib/dal/audit";
import { LOG_RANGES, type LogRange } from "./logs";

/** Events per page of the audit log (offset paging, newest first). */
export const AUDIT_PAGE_SIZE = 50;

/** How each action reads in the console. Every AuditAction needs one (the compiler checks). */
export const AUDIT_ACTION_LABEL = {
  "user.signed_up": "Account created",
  "user.signed_in": "Signed in",
  "organization.created": "Organization created",
  "organization.updated": "Organization settings changed",
  "project.created": "Project created",
  "project.updated": "Project updated",
  "project.deleted": "Project deleted",
  "environment.created": "Environment created",
  "environment.updated": "Environment updated",
  "environment.deleted": "Environment deleted",
  "api_key.created": "API key created",
  "api_key.secret_shown": "Secret shown once",
  "api_key.updated": "API key edited",
  "api_key.rolled": "API key rolled",
  "api_key.overlap_started": "Replacement first used",
  "api_key.expired": "API key expired",
  "api_key.deleted": "API key deleted",
  "access_token.created": "Access token created",
  "access_token.secret_shown": "Token shown once",
  "access_token.updated": "Access token edited",
  "access_token.rolled": "Access token rolled",
  "access_token.overlap_started": "Replacement first used",
  "access_token.expired": "Access token expired",
  "access_token.revoked": "Access token revoked",
  "role.created": "Role created",
  "role.updated": "Role edited",
  "role.deleted": "Role deleted",
} as const satisfies Record<AuditAction, string>;

export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABEL) as [AuditAction, ...AuditAction[]];

/** An action's label; an action recorded by a newer version than this one reads as itself. */
export function auditActionLabel(action: string): string {
  return (AUDIT_ACTION_LABEL as Record<string, string>)[action] ?? action;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Who acted, as the actor filter names it: `user:<id>`, `token:<id>` or `system`. */
export const actorFilterSchema = z.union([
  z.literal("system"),
  z.string().regex(/^(user|token):[A-Za-z0-9_-]{1,64}$/, { error: "Choose an actor from the list." }),
]);

/**
 * The Audit Log page's query string. Unlike the request log, a filter that cannot be used is an
 * error the page shows: the log is evidence, and silently widening it would mislead.
 */
export const auditLogParamsSchema = z
  .object({
    target: z.string().regex(ID, { error: "The key or token filter must be an ID from the list." }).optional(),
    actor: actorFilterSchema.optional(),
    action: z.enum(AUDIT_ACTIONS, { error: "Choose an action from the list." }).optional(),
    from: z
      .union([z.enum(Object.keys(LOG_RANGES) as [LogRange, ...LogRange[]]), z.iso.datetime()], {
        error: "The start of the time range must be 1h, 24h, 7d, 30d or an ISO 8601 time.",
      })
      .optional(),
    to: z.iso.datetime({ error: "The end of the time range must be an ISO 8601 time." }).optional(),
    page: z.coerce.number({ error: "The page must be a number." }).int().min(1).max(100_000).default(1),
  })
  .refine((params) => !params.to || !params.from || params.from in LOG_RANGES || new Date(params.from) <= new Date(params.to), {
    error: "The time range ends before it starts.",
    path: ["to"],
  });
export type AuditLogParams = z.infer<typeof auditLogParamsSchema>;

/** A key's or token's page: `before` moves the activity window back ("Load older"). */
export const timelineParamsSchema = z.object({
  before: z.iso.datetime({ error: "The activity page must start at an ISO 8601 time, as the Load older link gives." }).optional(),
});
