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

/** Token policy, shared by the DAL (which enforces it) and the console (which mirrors it). */
export function canCreateTokens(role: Role): boolean {
  return role !== "VIEWER";
}

/** Tokens that never expire are an owner's or admin's call. */
export function canCreateNonExpiringToken(role: Role): boolean {
  return role === "OWNER" || role === "ADMIN";
}

/** Organization-wide settings (expiry warnings): owners and admins. */
export function canManageOrganization(role: Role): boolean {
  return role === "OWNER" || role === "ADMIN";
}

/** OWNER and ADMIN revoke any token; a DEVELOPER only their own; a VIEWER none. */
export function canRevokeToken(role: Role, createdByCaller: boolean): boolean {
  return role === "OWNER" || role === "ADMIN" || (role === "DEVELOPER" && createdByCaller);
}

export const ROLE_LABEL: Record<Role, string> = {
  OWNER: "Owner",
  ADMIN: "Admin",
  DEVELOPER: "Developer",
  VIEWER: "Viewer",
};

/** The audit log shows colleagues' IP addresses and every change: an owner's or admin's view. */
export function canReadAuditLog(role: Role): boolean {
  return role === "OWNER" || role === "ADMIN";
}
