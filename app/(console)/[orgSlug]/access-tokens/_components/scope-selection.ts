import { ALL_SCOPES_WILDCARD, RESOURCE_SCOPES, ROLE_SCOPES, type ResourceScope, type Scope } from "@/lib/auth/scopes";
import type { Role } from "@/lib/generated/prisma/enums";

/** The Permission Scope checkboxes: `*:*` on its own flag, so "all ticked" and "*:*" stay different things. */
export interface ScopeSelection {
  all: boolean;
  selected: ReadonlySet<ResourceScope>;
}

export const EMPTY_SELECTION: ScopeSelection = { all: false, selected: new Set() };

/** Scopes a member of `role` may put on a token (a token never exceeds its creator). */
export function grantableScopes(role: Role): ReadonlySet<Scope> {
  return new Set(ROLE_SCOPES[role]);
}

/** Checking `*:*` ticks every scope the role holds; unchecking it clears them all. */
export function setAll(selection: ScopeSelection, checked: boolean, role: Role): ScopeSelection {
  if (!checked) return EMPTY_SELECTION;
  const grantable = grantableScopes(role);
  if (!grantable.has(ALL_SCOPES_WILDCARD)) return selection;
  return { all: true, selected: new Set(RESOURCE_SCOPES.filter((scope) => grantable.has(scope))) };
}

/**
 * One scope on or off. Unchecking any scope also unchecks `*:*`; ticking every scope by hand
 * does not check it, because `*:*` also grants scopes added in the future.
 */
export function setScope(selection: ScopeSelection, scope: ResourceScope, checked: boolean): ScopeSelection {
  const selected = new Set(selection.selected);
  if (checked) selected.add(scope);
  else selected.delete(scope);
  return { all: checked ? selection.all : false, selected };
}

/** What the form submits as `scopes`: just `*:*` when it is checked, else the ticked scopes in canonical order. */
export function submittedScopes(selection: ScopeSelection): Scope[] {
  if (selection.all) return [ALL_SCOPES_WILDCARD];
  return RESOURCE_SCOPES.filter((scope) => selection.selected.has(scope));
}
