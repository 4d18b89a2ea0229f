"use client";

import { useTransition } from "react";
import { toast } from "sonner";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import type { AccessTokenRow } from "@/lib/dal/access-tokens";
import { revokeAccessTokenAction } from "../actions";

interface RevokeTokenDialogProps {
  token: Pick<AccessTokenRow, "id" | "name">;
  orgSlug: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCloseAutoFocus?: (event: Event) => void;
}

/** "Revoke <name>?" → "Revoke". Stays open while the request runs, and on failure. */
export function RevokeTokenDialog({ token, orgSlug, open, onOpenChange, onCloseAutoFocus }: RevokeTokenDialogProps) {
  const [pending, startTransition] = useTransition();

  function revoke() {
    startTransition(async () => {
      let result: Awaited<ReturnType<typeof revokeAccessTokenAction>>;
      try {
        result = await revokeAccessTokenAction({ orgSlug, tokenId: token.id });
      } catch {
        // The request itself failed (offline, server restarting): nothing was revoked.
        toast.error("Could not revoke the token", { description: "Check your connection and try again." });
        return;
      }
      if (result.status === "success") {
        toast.success("Token revoked", { description: `${result.data.name} no longer works.` });
        onOpenChange(false);
      } else if (result.status === "error") {
        toast.error("Could not revoke the token", { description: result.message });
      }
    });
  }

  return (
    <AlertDialog open={open} onOpenChange={(next) => (pending ? undefined : onOpenChange(next))}>
      <AlertDialogContent onCloseAutoFocus={onCloseAutoFocus}>
        <AlertDialogHeader>
          <AlertDialogTitle>Revoke {token.name}?</AlertDialogTitle>
          <AlertDialogDescription>
            The token stops working immediately: every request made with it is refused from now on. Scripts, MCP tools and pipelines that use it
            will fail until you give them a new token. This cannot be undone.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel disabled={pending}>Cancel</AlertDialogCancel>
          <Button type="button" variant="destructive" onClick={revoke} disabled={pending} aria-busy={pending || undefined}>
            {pending ? <Spinner /> : null}
            Revoke
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
