import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/generated/prisma/enums";
import { can, PERMISSIONS, ROLE_LABEL, ROLE_PERMISSIONS, type Permission } from "./permissions";

// The whole role matrix, spelled out: a change to who may do what has to change this table.
const MATRIX: Record<Permission, Record<Role, boolean>> = {
  "org.read": { OWNER: true, ADMIN: true, DEVELOPER: true, VIEWER: true },
  "project.read": { OWNER: true, ADMIN: true, DEVELOPER: true, VIEWER: true },
  "keys.read": { OWNER: true, ADMIN: true, DEVELOPER: true, VIEWER: true },
  "keys.write": { OWNER: true, ADMIN: true, DEVELOPER: true, VIEWER: false },
  "project.write": { OWNER: true, ADMIN: true, DEVELOPER: false, VIEWER: false },
};

describe("can", () => {
  const cases = PERMISSIONS.flatMap((permission) =>
    (Object.keys(MATRIX[permission]) as Role[]).map((role) => ({ role, permission, allowed: MATRIX[permission][role] })),
  );

  it.each(cases)("$role → $permission: $allowed", ({ role, permission, allowed }) => {
    expect(can(role, permission)).toBe(allowed);
  });

  it("covers every role and every permission", () => {
    expect(Object.keys(ROLE_PERMISSIONS).sort()).toEqual(["ADMIN", "DEVELOPER", "OWNER", "VIEWER"]);
    expect(Object.keys(MATRIX).sort()).toEqual([...PERMISSIONS].sort());
    expect(Object.keys(ROLE_LABEL).sort()).toEqual(Object.keys(ROLE_PERMISSIONS).sort());
  });

  it("grants no permission that is not in the list", () => {
    for (const granted of Object.values(ROLE_PERMISSIONS)) {
      expect(granted.every((p) => (PERMISSIONS as readonly string[]).includes(p))).toBe(true);
    }
  });
});
