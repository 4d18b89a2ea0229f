import type { Role } from "@/lib/generated/prisma/enums";

/**
 * What each organization role may do. Not server-only: the console mirrors it to disable
 * controls, while the DAL enforces it on every call.
 */
export const PERMISSIONS = ["org.read", "project.read", "project.write", "keys.read", "keys.write"] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = ["org.read", "project.read", "keys.read"];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  OWNER: PERMISSIONS,
  ADMIN: PERMISSIONS,
  DEVELOPER: [...READ, "keys.write"],
  VIEWER: READ,
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export const ROLE_LABEL: Record<Role, string> = {
  OWNER: "Owner",
  ADMIN: "Admin",
  DEVELOPER: "Developer",
  VIEWER: "Viewer",
};
