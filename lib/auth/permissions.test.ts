import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/generated/prisma/enums";
import { can, ROLE_LABEL } from "./permissions";
import { ALL_SCOPES_WILDCARD, normaliseScopes, RESOURCE_SCOPES, ROLE_SCOPES, scopesBeyondRole, type ResourceScope } from "./scopes";

const ROLES: Role[] = ["OWNER", "ADMIN", "DEVELOPER", "VIEWER"];

// The console's role matrix, spelled out so a change to ROLE_SCOPES has to change this too.
const DEVELOPER_DENIED: ResourceScope[] = [
  "project:create",
  "project:update",
  "project:delete",
  "environment:create",
  "environment:update",
  "environment:delete",
  // Roles decide what restricted keys may reach: an owner's or admin's call.
  "role:create",
  "role:update",
  "role:delete",
];

describe("can(role, scope)", () => {
  const cases = RESOURCE_SCOPES.flatMap((scope) =>
    ROLES.map((role) => {
      const allowed =
        role === "OWNER" || role === "ADMIN" ? true : role === "DEVELOPER" ? !DEVELOPER_DENIED.includes(scope) : scope.endsWith(":read");
      return { role, scope, allowed };
    }),
  );

  it.each(cases)("$role → $scope: $allowed", ({ role, scope, allowed }) => {
    expect(can(role, scope)).toBe(allowed);
  });

  it("lets developers manage keys but not reshape projects", () => {
    expect(can("DEVELOPER", "apikey:create")).toBe(true);
    expect(can("DEVELOPER", "apikey:delete")).toBe(true);
    expect(can("DEVELOPER", "environment:create")).toBe(false);
    expect(can("VIEWER", "apikey:create")).toBe(false);
    expect(can("VIEWER", "apikey:read")).toBe(true);
  });

  it("labels every role", () => {
    expect(Object.keys(ROLE_LABEL).sort()).toEqual([...ROLES].sort());
  });
});

describe("scopes", () => {
  it("only owners and admins hold the wildcard", () => {
    expect(ROLES.filter((role) => ROLE_SCOPES[role].includes(ALL_SCOPES_WILDCARD))).toEqual(["OWNER", "ADMIN"]);
  });

  it("names what a role may not put into a token", () => {
    expect(scopesBeyondRole("DEVELOPER", ["apikey:read", "*:*", "project:delete"])).toEqual(["*:*", "project:delete"]);
    expect(scopesBeyondRole("ADMIN", ["*:*", "project:delete"])).toEqual([]);
  });

  it("normalises: the wildcard alone stands for everything, otherwise canonical order without duplicates", () => {
    expect(normaliseScopes(["apikey:read", "*:*"])).toEqual(["*:*"]);
    expect(normaliseScopes(["table:read", "project:read", "table:read"])).toEqual(["project:read", "table:read"]);
  });
});
