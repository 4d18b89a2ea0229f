"use client";

import { ExternalLink, ShieldOff } from "lucide-react";
import type { Route } from "next";
import Link from "next/link";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/utils";

export interface RoleOption {
  id: string;
  name: string;
  description: string;
}

export interface RoleGroup {
  /** The project's name when roles of several projects are offered (access tokens). */
  label?: string;
  roles: RoleOption[];
}

interface RolePickerProps {
  id: string;
  groups: RoleGroup[];
  value: readonly string[];
  onChange: (next: string[]) => void;
  /** Where roles are defined; omitted when no single project applies. */
  rolesHref?: string;
  /** What a credential without roles may do, as a lower-case sentence ("keys without roles …"). */
  withoutRoles: string;
  error?: string;
}

/**
 * "Roles": a checkbox per role, posted as `roleIds`. No role selected keeps the credential's
 * defaults, so an empty list is a valid choice, not an error.
 */
export function RolePicker({ id, groups, value, onChange, rolesHref, withoutRoles, error }: RolePickerProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const selected = new Set(value);
  const empty = groups.every((group) => group.roles.length === 0);
  const toggle = (roleId: string, checked: boolean) => onChange(checked ? [...value, roleId] : value.filter((other) => other !== roleId));
  const link = rolesHref ? (
    <Link href={rolesHref as Route} className="inline-flex items-center gap-1 font-medium text-foreground underline-offset-4 hover:underline">
      Roles page
      <ExternalLink className="size-3" aria-hidden />
    </Link>
  ) : (
    "Roles page of a project"
  );

  return (
    <fieldset className="grid gap-2" aria-describedby={[hintId, error ? errorId : null].filter(Boolean).join(" ")} aria-invalid={error ? true : undefined}>
      <legend className="mb-2 text-sm leading-none font-medium">Roles</legend>
      {value.map((roleId) => (
        <input key={roleId} type="hidden" name="roleIds" value={roleId} />
      ))}
      {empty ? (
        <div id={hintId} className="flex items-start gap-3 rounded-md border border-dashed px-3 py-2.5 text-xs text-muted-foreground">
          <ShieldOff className="mt-0.5 size-4 shrink-0" aria-hidden />
          <p>
            No roles yet — {withoutRoles} Define roles on the {link}.
          </p>
        </div>
      ) : (
        <>
          <p id={hintId} className="-mt-1 text-xs text-muted-foreground">
            With roles, it may do only what they grant; {withoutRoles} Manage roles on the {link}.
          </p>
          <div className={cn("grid max-h-48 gap-3 overflow-y-auto rounded-md border p-3", error && "border-destructive")}>
            {groups
              .filter((group) => group.roles.length > 0)
              .map((group) => (
                <div key={group.label ?? "roles"} role={group.label ? "group" : undefined} aria-label={group.label} className="grid gap-1.5">
                  {group.label ? <p className="text-xs font-medium text-muted-foreground">{group.label}</p> : null}
                  <div className="grid gap-x-4 gap-y-1.5 sm:grid-cols-2">
                    {group.roles.map((role) => (
                      <div key={role.id} className="flex min-w-0 items-start gap-2">
                        <Checkbox
                          id={`${id}-${role.id}`}
                          checked={selected.has(role.id)}
                          onCheckedChange={(checked) => toggle(role.id, checked === true)}
                          className="mt-0.5"
                        />
                        <Label htmlFor={`${id}-${role.id}`} className="grid min-w-0 gap-0.5 font-normal">
                          <span className="truncate font-medium">{role.name}</span>
                          {role.description ? <span className="truncate text-xs text-muted-foreground">{role.description}</span> : null}
                        </Label>
                      </div>
                    ))}
                  </div>
                </div>
              ))}
          </div>
        </>
      )}
      <div id={errorId} aria-live="polite" className="text-sm text-destructive empty:hidden">
        {error}
      </div>
    </fieldset>
  );
}
