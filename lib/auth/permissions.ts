import type { Role } from "@/lib/generated/prisma/enums";
import { hasScope, ROLE_SCOPES, type ResourceScope } from "./scopes";

/**
 * One vocabulary for authorization: a member's role grants the same scopes an access token can
 * carry (lib/auth/scopes.ts), so the DAL checks console users and API tokens alike. Not
 * server-only: the console mirrors it to disable controls, while the DAL enforces it.
 */
export function can(role: Role, scope: ResourceScope): boolean {
  return hasScope(ROLE_SCOPES[role], scope);
}

export const ROLE_LABEL: Record<Role, string> = {
  OWNER: "Owner",
  ADMIN: "Admin",
  DEVELOPER: "Developer",
  VIEWER: "Viewer",
};
