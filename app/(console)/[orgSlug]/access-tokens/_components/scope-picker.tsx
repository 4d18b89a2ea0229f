"use client";

import { Lock } from "lucide-react";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { ALL_SCOPES_WILDCARD, SCOPE_GROUPS, type Scope } from "@/lib/auth/scopes";
import type { Role } from "@/lib/generated/prisma/enums";
import { cn } from "@/lib/utils";
import { grantableScopes, setAll, setScope, type ScopeSelection } from "./scope-selection";

const ROLE_HINT_ID = "token-scopes-role-hint";

interface ScopePickerProps {
  role: Role;
  value: ScopeSelection;
  onChange: (next: ScopeSelection) => void;
  /** The field's error, tied to the fieldset and announced. */
  error?: string;
}

const checkboxId = (scope: Scope) => (scope === ALL_SCOPES_WILDCARD ? "token-scope-all" : `token-scope-${scope.replaceAll(":", "-")}`);

/** "Permission Scope": `*:*` first, then one small group per resource, in a compact grid. */
export function ScopePicker({ role, value, onChange, error }: ScopePickerProps) {
  const grantable = grantableScopes(role);
  const anyLocked = SCOPE_GROUPS.some((group) => group.scopes.some((scope) => !grantable.has(scope))) || !grantable.has(ALL_SCOPES_WILDCARD);
  const errorId = "token-scopes-error";
  const hintId = "token-scopes-hint";

  return (
    <fieldset className="grid gap-2" aria-describedby={[hintId, error ? errorId : null].filter(Boolean).join(" ")} aria-invalid={error ? true : undefined}>
      <legend className="mb-2 text-sm leading-none font-medium">Permission Scope</legend>
      <p id={hintId} className="-mt-1 text-xs text-muted-foreground">
        Choose at least one. A token can never do more than your role allows.
      </p>
      <div className={cn("overflow-hidden rounded-md border", error && "border-destructive")}>
        <fieldset className="flex items-center gap-3 border-b bg-muted/40 px-3 py-2.5">
          <legend className="sr-only">All</legend>
          <span aria-hidden className="w-24 shrink-0 text-xs font-medium text-muted-foreground">
            All
          </span>
          <ScopeCheckbox
            scope={ALL_SCOPES_WILDCARD}
            checked={value.all}
            locked={!grantable.has(ALL_SCOPES_WILDCARD)}
            onCheckedChange={(checked) => onChange(setAll(value, checked, role))}
          />
          <span className="text-xs text-muted-foreground">Every scope, including ones added later.</span>
        </fieldset>
        <div className="grid grid-cols-2 gap-x-4 gap-y-3 p-3 sm:grid-cols-3">
          {SCOPE_GROUPS.map((group) => (
            <fieldset key={group.id} className="grid content-start gap-1">
              <legend className="mb-1.5 text-xs font-medium text-muted-foreground">{group.label}</legend>
              {group.scopes.map((scope) => (
                <ScopeCheckbox
                  key={scope}
                  scope={scope}
                  checked={value.selected.has(scope)}
                  locked={!grantable.has(scope)}
                  onCheckedChange={(checked) => onChange(setScope(value, scope, checked))}
                />
              ))}
            </fieldset>
          ))}
        </div>
        {anyLocked ? (
          <p className="flex items-center gap-1.5 border-t px-3 py-2 text-xs text-muted-foreground">
            <Lock className="size-3" aria-hidden />
            <span id={ROLE_HINT_ID}>Your role cannot grant this</span>
          </p>
        ) : null}
      </div>
      <div id={errorId} aria-live="polite" className="text-sm text-destructive empty:hidden">
        {error}
      </div>
    </fieldset>
  );
}

interface ScopeCheckboxProps {
  scope: Scope;
  checked: boolean;
  locked: boolean;
  onCheckedChange: (checked: boolean) => void;
}

/** Its accessible name is exactly the scope string, e.g. "project:read". */
function ScopeCheckbox({ scope, checked, locked, onCheckedChange }: ScopeCheckboxProps) {
  const id = checkboxId(scope);
  return (
    <div className="flex items-center gap-2" title={locked ? "Your role cannot grant this" : undefined}>
      <Checkbox
        id={id}
        checked={checked && !locked}
        disabled={locked}
        onCheckedChange={(state) => onCheckedChange(state === true)}
        aria-describedby={locked ? ROLE_HINT_ID : undefined}
      />
      <Label htmlFor={id} className={cn("cursor-pointer font-mono text-xs font-normal", locked && "text-muted-foreground")}>
        {scope}
      </Label>
      {locked ? <Lock className="size-3 text-muted-foreground" aria-hidden /> : null}
    </div>
  );
}
