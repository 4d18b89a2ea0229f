"use client";

import { Check, ShieldCheck } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { ALL_SCOPES_WILDCARD, RESOURCE_SCOPES, SCOPE_GROUPS } from "@/lib/auth/scopes";
import type { AccessTokenRow } from "@/lib/dal/access-tokens";
import { cn } from "@/lib/utils";
import { TypeBadge } from "./token-cells";

interface PermissionsDialogProps {
  token: Pick<AccessTokenRow, "name" | "type" | "scopes">;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCloseAutoFocus?: (event: Event) => void;
}

/** The token's scopes by resource group; `*:*` grants every scope, now and later. */
export function PermissionsDialog({ token, open, onOpenChange, onCloseAutoFocus }: PermissionsDialogProps) {
  const all = token.scopes.includes(ALL_SCOPES_WILDCARD);
  const granted = new Set<string>(token.scopes);
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-xl" onCloseAutoFocus={onCloseAutoFocus}>
        <DialogHeader>
          <DialogTitle>Permissions of {token.name}</DialogTitle>
          <DialogDescription className="flex flex-wrap items-center gap-1.5">
            <TypeBadge type={token.type} />
            {all ? "Every scope in the organization." : `${token.scopes.length} of ${RESOURCE_SCOPES.length} scopes.`}
          </DialogDescription>
        </DialogHeader>
        {all ? (
          <div className="flex gap-3 rounded-md border border-primary/30 bg-primary/5 px-3 py-2.5 text-sm">
            <ShieldCheck className="mt-0.5 size-4 shrink-0 text-primary" aria-hidden />
            <p>
              <span className="font-medium">All scopes</span> (<code className="font-mono text-xs">*:*</code>): this token can do anything in this
              organization, including what scopes added later allow.
            </p>
          </div>
        ) : null}
        <dl className="grid divide-y rounded-md border">
          {SCOPE_GROUPS.map((group) => {
            const held = group.scopes.filter((scope) => all || granted.has(scope));
            return (
              <div key={group.id} className="grid gap-1.5 px-3 py-2.5 sm:grid-cols-[8rem_1fr] sm:items-baseline">
                <dt className={cn("text-sm font-medium", held.length === 0 && "text-muted-foreground")}>{group.label}</dt>
                <dd>
                  {held.length === 0 ? (
                    <span className="text-sm text-muted-foreground">No access</span>
                  ) : (
                    <ul className="flex flex-wrap gap-1.5">
                      {held.map((scope) => (
                        <li
                          key={scope}
                          className="inline-flex items-center gap-1 rounded-md border border-success/30 bg-success/10 px-1.5 py-0.5 font-mono text-[0.6875rem] leading-4"
                        >
                          <Check className="size-3 text-success" aria-hidden />
                          {scope}
                        </li>
                      ))}
                    </ul>
                  )}
                </dd>
              </div>
            );
          })}
        </dl>
        <DialogFooter>
          <DialogClose asChild>
            <Button type="button" variant="outline">
              Close
            </Button>
          </DialogClose>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
