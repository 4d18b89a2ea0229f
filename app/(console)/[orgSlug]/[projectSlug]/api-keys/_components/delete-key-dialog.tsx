"use client";

import { useActionState, useState } from "react";
import { toast } from "sonner";
import { FormError } from "@/components/forms/form-error";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/ui/spinner";
import { deleteApiKeyAction, type DeleteKeyState } from "../actions";

interface DeleteKeyDialogProps {
  keyId: string;
  keyName: string;
  orgSlug: string;
  projectSlug: string;
}

interface DialogState {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCloseAutoFocus?: (event: Event) => void;
}

/** "⋯" → "Delete": opened from the row's menu. */
export function DeleteKeyDialog({ open, onOpenChange, onCloseAutoFocus, ...props }: DeleteKeyDialogProps & DialogState) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent onCloseAutoFocus={onCloseAutoFocus}>
        {/* Mounted only while open, so every opening starts with an empty confirmation. */}
        {open ? <DeleteKeyForm {...props} onDone={() => onOpenChange(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function DeleteKeyForm({ keyId, keyName, orgSlug, projectSlug, onDone }: DeleteKeyDialogProps & { onDone: () => void }) {
  const [typed, setTyped] = useState("");
  const [state, formAction, pending] = useActionState<DeleteKeyState, FormData>(async (previous, formData) => {
    const result = await deleteApiKeyAction({ orgSlug, projectSlug, keyId }, previous, formData);
    // Toast here, not in an effect: the refreshed list removes this row, and this form with it,
    // in the same render that delivers the result.
    if (result.status === "success") {
      toast.success("Key deleted", { description: `${result.data.name} no longer works.` });
      onDone();
    }
    return result;
  }, { status: "idle" });

  const matches = typed.trim() === keyName;
  const error = state.status === "error" ? (state.fieldErrors?.confirmName?.[0] ?? state.message) : null;

  return (
    <form action={formAction} className="grid gap-4">
      <DialogHeader>
        <DialogTitle>Delete API key</DialogTitle>
        <DialogDescription>
          Apps using <span className="font-medium text-foreground">{keyName}</span> will fail on their next request. This cannot be undone.
        </DialogDescription>
      </DialogHeader>
      <div className="grid gap-2">
        <Label htmlFor={`confirm-${keyId}`}>
          Type <span className="font-mono font-semibold select-all">{keyName}</span> to confirm
        </Label>
        <Input
          id={`confirm-${keyId}`}
          name="confirmName"
          autoComplete="off"
          spellCheck={false}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          aria-describedby={error ? `confirm-${keyId}-error` : undefined}
          aria-invalid={error ? true : undefined}
          autoFocus
        />
      </div>
      <div id={`confirm-${keyId}-error`}>
        <FormError message={error} />
      </div>
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline">
            Cancel
          </Button>
        </DialogClose>
        <Button type="submit" variant="destructive" disabled={!matches || pending}>
          {pending ? <Spinner /> : null}
          Confirm Delete
        </Button>
      </DialogFooter>
    </form>
  );
}
