"use client";

import { Trash2 } from "lucide-react";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { FormError } from "@/components/forms/form-error";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import type { KeyRoleRow } from "@/lib/dal/key-roles";
import { deleteRoleAction } from "../actions";

interface DeleteRoleDialogProps {
  role: Pick<KeyRoleRow, "id" | "name">;
  orgSlug: string;
  projectSlug: string;
  disabled?: boolean;
}

/**
 * "Delete <name>?" → "Delete role". A role still held by keys or tokens is refused by the server
 * (deleting it would widen them); its message is shown here, and the dialog stays open.
 */
export function DeleteRoleDialog({ role, orgSlug, projectSlug, disabled }: DeleteRoleDialogProps) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function remove() {
    startTransition(async () => {
      let result: Awaited<ReturnType<typeof deleteRoleAction>>;
      try {
        result = await deleteRoleAction({ orgSlug, projectSlug, roleId: role.id });
      } catch {
        setError("Could not reach the server. Check your connection and try again.");
        return;
      }
      if (result.status === "success") {
        toast.success("Role deleted", { description: `${role.name} is gone.` });
        setOpen(false);
      } else if (result.status === "error") {
        setError(result.message);
      }
    });
  }

  return (
    <AlertDialog
      open={open}
      onOpenChange={(next) => {
        if (pending) return;
        setOpen(next);
        setError(null);
      }}
    >
      <AlertDialogTrigger asChild>
        <Button
          variant="ghost"
          size="sm"
          className="text-muted-foreground hover:bg-destructive/10 hover:text-destructive"
          disabled={disabled}
          aria-label={`Delete ${role.name}`}
        >
          <Trash2 aria-hidden />
          Delete
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Delete {role.name}?</AlertDialogTitle>
          <AlertDialogDescription>
            The role and its permissions are removed from this project. A role that keys or tokens still hold cannot be deleted: remove it from them
            first. This cannot be undone.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <FormError message={error} />
        <AlertDialogFooter>
          <AlertDialogCancel disabled={pending}>Cancel</AlertDialogCancel>
          <Button type="button" variant="destructive" onClick={remove} disabled={pending} aria-busy={pending || undefined}>
            {pending ? <Spinner /> : null}
            Delete role
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
