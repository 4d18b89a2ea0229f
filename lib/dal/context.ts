import type { Role } from "@/lib/generated/prisma/enums";
import { can } from "@/lib/auth/permissions";
import { hasScope, type ResourceScope } from "@/lib/auth/scopes";
import { forbidden } from "./errors";

/** Who is asking, for which organization, from where. Every DAL function takes one. */
export type Context = MemberContext | TokenContext;

interface BaseContext {
  organizationId: string;
  organizationSlug: string;
  request: RequestInfo;
}

/** A signed-in member of the organization (the console). */
export interface MemberContext extends BaseContext {
  kind: "member";
  userId: string;
  role: Role;
}

/** An access token of the organization (the REST API). */
export interface TokenContext extends BaseContext {
  kind: "token";
  tokenId: string;
  scopes: readonly string[];
}

export interface RequestInfo {
  ip: string | null;
  userAgent: string | null;
}

/**
 * Throws unless the caller holds `scope`: through its role for a member, through its scopes
 * for a token.
 * @example assertCan(ctx, "apikey:create")
 */
export function assertCan(ctx: Context, scope: ResourceScope): void {
  const allowed = ctx.kind === "member" ? can(ctx.role, scope) : hasScope(ctx.scopes, scope);
  if (!allowed) throw forbidden(ctx.kind === "token" ? `This token lacks the ${scope} scope.` : undefined);
}

/** The user to record as creator or deleter: null when a token acted. */
export function actingUserId(ctx: Context): string | null {
  return ctx.kind === "member" ? ctx.userId : null;
}

/**
 * How callers name a project: the console by its URL slug, the REST API by its public Project
 * ID. A bare string is a slug.
 */
export type ProjectRef = string | { projectSlug: string; projectPublicId?: never } | { projectPublicId: string; projectSlug?: never };

/** The unique-within-organization column a ProjectRef names, for a `where` clause. */
export function projectKey(ref: ProjectRef): { slug: string } | { publicId: string } {
  if (typeof ref === "string") return { slug: ref };
  return ref.projectPublicId !== undefined ? { publicId: ref.projectPublicId } : { slug: ref.projectSlug };
}
