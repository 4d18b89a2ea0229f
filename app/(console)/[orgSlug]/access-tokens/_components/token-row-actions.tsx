"use client";

import { Ban, Ellipsis, ShieldCheck } from "lucide-react";
import { useRef } from "react";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

interface TokenRowActionsProps {
  tokenName: string;
  canRevoke: boolean;
  /** Each receives the "⋯" button, so the dialog can give focus back to it on close. */
  onViewPermissions: (trigger: HTMLElement | null) => void;
  onRevoke: (trigger: HTMLElement | null) => void;
}

/** "⋯" → View permissions / Revoke. Inactive tokens, and tokens the viewer may not revoke, get only the first. */
export function TokenRowActions({ tokenName, canRevoke, onViewPermissions, onRevoke }: TokenRowActionsProps) {
  const trigger = useRef<HTMLButtonElement>(null);
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button ref={trigger} variant="ghost" size="icon-sm" aria-label="More actions" title={`Actions for ${tokenName}`}>
          <Ellipsis aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-48">
        <DropdownMenuLabel className="truncate text-xs font-normal text-muted-foreground">{tokenName}</DropdownMenuLabel>
        <DropdownMenuItem onSelect={() => onViewPermissions(trigger.current)}>
          <ShieldCheck aria-hidden />
          View permissions
        </DropdownMenuItem>
        {canRevoke ? (
          <>
            <DropdownMenuSeparator />
            <DropdownMenuItem variant="destructive" onSelect={() => onRevoke(trigger.current)}>
              <Ban aria-hidden />
              Revoke
            </DropdownMenuItem>
          </>
        ) : null}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
