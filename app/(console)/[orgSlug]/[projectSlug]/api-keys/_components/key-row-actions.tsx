"use client";

import { Ellipsis, Pencil, RefreshCw, Trash2 } from "lucide-react";
import { useRef } from "react";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";

export type KeyDialogKind = "edit" | "roll" | "delete";

interface KeyRowActionsProps {
  keyName: string;
  /** Secret keys can be edited and rolled; publishable keys only deleted. */
  editable: boolean;
  /** A rolled or expired key has nothing left to roll. */
  rollable: boolean;
  /** Receives the "⋯" button, so the dialog can give focus back to it on close. */
  onOpen: (kind: KeyDialogKind, trigger: HTMLElement | null) => void;
}

/** "⋯" → Edit / Roll key / Delete. */
export function KeyRowActions({ keyName, editable, rollable, onOpen }: KeyRowActionsProps) {
  const trigger = useRef<HTMLButtonElement>(null);
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button ref={trigger} variant="ghost" size="icon-sm" aria-label={`Actions for ${keyName}`}>
          <Ellipsis aria-hidden />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-48">
        <DropdownMenuLabel className="truncate text-xs font-normal text-muted-foreground">{keyName}</DropdownMenuLabel>
        {editable ? (
          <DropdownMenuItem onSelect={() => onOpen("edit", trigger.current)}>
            <Pencil aria-hidden />
            Edit
          </DropdownMenuItem>
        ) : null}
        {rollable ? (
          <DropdownMenuItem onSelect={() => onOpen("roll", trigger.current)}>
            <RefreshCw aria-hidden />
            Roll key
          </DropdownMenuItem>
        ) : null}
        {editable || rollable ? <DropdownMenuSeparator /> : null}
        <DropdownMenuItem variant="destructive" onSelect={() => onOpen("delete", trigger.current)}>
          <Trash2 aria-hidden />
          Delete
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
