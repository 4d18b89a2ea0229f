"use client";

import { Ban, Ellipsis, Pencil, RefreshCw, ShieldCheck } from "lucide-react";
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

export type TokenDialogKind = "permissions" | "edit" | "roll" | "revoke";

interface TokenRowActionsProps {
  tokenName: string;
  /** Edit and Revoke: an active token the viewer may manage. */
  canManage: boolean;
  /** Roll: manageable and not rolled already. */
  canRoll: boolean;
  /** Receives the "⋯" button, so the dialog can give focus back to it on close. */
  onOpen: (kind: TokenDialogKind, trigger: HTMLElement | null) => void;
}

/**
 * "⋯" → View permissions / Edit / Roll token / Revoke. Inactive tokens, and tokens the viewer
 * may not manage, get only the first.
 */
export function TokenRowActions({ tokenName, canManage, canRoll, onOpen }: TokenRowActionsProps) {
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
        <DropdownMenuItem onSelect={() => onOpen("permissions", trigger.current)}>
          <ShieldCheck aria-hidden />
          View permissions
        </DropdownMenuItem>
        {canManage ? (
          <DropdownMenuItem onSelect={() => onOpen("edit", trigger.current)}>
            <Pencil aria-hidden />
            Edit
          </DropdownMenuItem>
        ) : null}
        {canRoll ? (
          <DropdownMenuItem onSelect={() => onOpen("roll", trigger.current)}>
            <RefreshCw aria-hidden />
            Roll token
          </DropdownMenuItem>
        ) : null}
        {canManage ? (
          <>
            <DropdownMenuSeparator />
            <DropdownMenuItem variant="destructive" onSelect={() => onOpen("revoke", trigger.current)}>
              <Ban aria-hidden />
              Revoke
            </DropdownMenuItem>
          </>
        ) : null}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
