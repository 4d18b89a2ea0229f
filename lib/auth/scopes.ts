import type { Role } from "@/lib/generated/prisma/enums";

/**
 * Access-token scopes, grouped as the console shows them (seed 003) plus our own API Keys group.
 * Not server-only: the create form renders the same groups it will be validated against.
 */
export const SCOPE_GROUPS = [
  { id: "project", label: "Project", scopes: ["project:read", "project:create", "project:update", "project:delete"] },
  { id: "environment", label: "Environment", scopes: ["environment:read", "environment:create", "environment:update", "environment:delete"] },
  { id: "table", label: "Table", scopes: ["table:read", "table:create", "table:update", "table:delete"] },
  { id: "table-data", label: "Table Data", scopes: ["table:data:read", "table:data:create", "table:data:update", "table:data:delete"] },
  { id: "dashboard", label: "Dashboard", scopes: ["dashboard:read"] },
  { id: "apikey", label: "API Keys", scopes: ["apikey:read", "apikey:create", "apikey:update", "apikey:delete"] },
  { id: "role", label: "Roles", scopes: ["role:read", "role:create", "role:update", "role:delete"] },
  // A token may read and roll only itself (/api/v1/access-tokens/self): no scope reaches another token.
  { id: "token", label: "Access Tokens", scopes: ["token:read", "token:roll"] },
] as const;

export const ALL_SCOPES_WILDCARD = "*:*";

export type ResourceScope = (typeof SCOPE_GROUPS)[number]["scopes"][number];
export type Scope = ResourceScope | typeof ALL_SCOPES_WILDCARD;

export const RESOURCE_SCOPES: readonly ResourceScope[] = SCOPE_GROUPS.flatMap((group) => group.scopes);
export const ALL_SCOPES: readonly Scope[] = [...RESOURCE_SCOPES, ALL_SCOPES_WILDCARD];

export function isScope(value: string): value is Scope {
  return (ALL_SCOPES as readonly string[]).includes(value);
}

/** Whether a token holding `granted` may do what `required` names; `*:*` grants everything. */
export function hasScope(granted: readonly string[], required: ResourceScope): boolean {
  return granted.includes(ALL_SCOPES_WILDCARD) || granted.includes(required);
}

/**
 * The scopes a member of each role holds, and so the most a token they create may carry.
 * OWNER and ADMIN hold everything, `*:*` included. DEVELOPER works with data and keys but does
 * not reshape projects or environments. VIEWER reads, and cannot create tokens at all.
 */
const DEVELOPER_SCOPES: readonly ResourceScope[] = [
  "project:read",
  "environment:read",
  "table:read",
  "table:create",
  "table:update",
  "table:delete",
  "table:data:read",
  "table:data:create",
  "table:data:update",
  "table:data:delete",
  "dashboard:read",
  "apikey:read",
  "apikey:create",
  "apikey:update",
  "apikey:delete",
  "role:read",
  // Developers roll their own tokens in the console, so their tokens may roll themselves.
  "token:read",
  "token:roll",
];

export const ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  OWNER: ALL_SCOPES,
  ADMIN: ALL_SCOPES,
  DEVELOPER: DEVELOPER_SCOPES,
  VIEWER: RESOURCE_SCOPES.filter((scope) => scope.endsWith(":read")),
};

/** Scopes in `requested` that `role` does not hold: a token may never exceed its creator. */
export function scopesBeyondRole(role: Role, requested: readonly Scope[]): Scope[] {
  const held = ROLE_SCOPES[role];
  return requested.filter((scope) => !held.includes(scope));
}

/**
 * What a token may do now: its scopes, but never more than its creator's current role holds,
 * so demoting a member also narrows the tokens they created.
 */
export function capScopesToRole(scopes: readonly string[], role: Role): string[] {
  const held = ROLE_SCOPES[role];
  if (held.includes(ALL_SCOPES_WILDCARD)) return [...scopes];
  const requested = scopes.includes(ALL_SCOPES_WILDCARD) ? RESOURCE_SCOPES : scopes;
  return requested.filter((scope) => (held as readonly string[]).includes(scope));
}

/** `*:*` stands for every scope, so a list holding it is normalised to just the wildcard. */
export function normaliseScopes(scopes: readonly Scope[]): Scope[] {
  if (scopes.includes(ALL_SCOPES_WILDCARD)) {
    return [ALL_SCOPES_WILDCARD];
  }
  return RESOURCE_SCOPES.filter((scope) => scopes.includes(scope));
}
