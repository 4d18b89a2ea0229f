import type { Role } from "@/lib/generated/prisma/enums";
import { can, type Permission } from "@/lib/auth/permissions";
import { forbidden } from "./errors";

/** Who is asking, for which organization, from where. Every DAL function takes one. */
export interface MemberContext {
  userId: string;
  organizationId: string;
  organizationSlug: string;
  role: Role;
  request: RequestInfo;
}

export interface RequestInfo {
  ip: string | null;
  userAgent: string | null;
}

/**
 * Throws unless the caller's role grants `permission`.
 * @example assertCan(ctx, "keys.write")
 */
export function assertCan(ctx: MemberContext, permission: Permission): void {
  if (!can(ctx.role, permission)) throw forbidden();
}
