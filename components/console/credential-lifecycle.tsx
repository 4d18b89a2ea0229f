import type { Route } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import type { CredentialLifecycle } from "@/lib/dal/credential-activity";

const link = "font-medium underline-offset-4 hover:underline";

/**
 * The detail rows keys and tokens share: what limits them (prefix, roles, context) and where
 * they stand in a roll. `hrefOf` links a credential of the same kind; `rolesHref` a project's
 * Roles page.
 */
export function lifecycleItems(
  credential: CredentialLifecycle,
  options: { orgSlug: string; hrefOf: (id: string) => string; noRoles: string },
): Array<{ label: string; value: ReactNode }> {
  const { rolledTo, rolledFrom } = credential;
  const contextEntries = Object.entries(credential.context);
  return [
    ...(credential.prefix ? [{ label: "Key Prefix", value: <code className="font-mono text-xs">{credential.prefix}_</code> }] : []),
    {
      label: "Roles",
      value:
        credential.roles.length === 0 ? (
          <span className="text-muted-foreground">{options.noRoles}</span>
        ) : (
          <ul className="flex flex-wrap gap-1.5" aria-label="Roles">
            {credential.roles.map((role) => (
              <li key={role.id}>
                <Badge variant="secondary" asChild>
                  <Link href={`/${options.orgSlug}/${role.projectSlug}/roles` as Route}>{role.name}</Link>
                </Badge>
              </li>
            ))}
          </ul>
        ),
    },
    {
      label: "Context",
      value:
        contextEntries.length === 0 ? (
          <span className="text-muted-foreground">None</span>
        ) : (
          <ul className="flex flex-wrap gap-1.5" aria-label="Context">
            {contextEntries.map(([key, value]) => (
              <li key={key} className="rounded-md border bg-muted/60 px-1.5 py-0.5 font-mono text-xs">
                {key} = {JSON.stringify(value)}
              </li>
            ))}
          </ul>
        ),
    },
    ...(rolledTo
      ? [
          {
            label: "Replaced by",
            value: (
              <span>
                <Link href={options.hrefOf(rolledTo.id) as Route} className={link}>
                  {rolledTo.name}
                </Link>
                {credential.overlapAfterFirstUseSeconds !== null ? (
                  <span className="text-muted-foreground"> · keeps working until 1 hour after its replacement is first used</span>
                ) : null}
              </span>
            ),
          },
        ]
      : []),
    ...(rolledFrom
      ? [
          {
            label: "Replaces",
            value: (
              <Link href={options.hrefOf(rolledFrom.id) as Route} className={link}>
                {rolledFrom.name}
              </Link>
            ),
          },
        ]
      : []),
  ];
}
