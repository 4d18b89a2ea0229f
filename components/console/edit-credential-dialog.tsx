"use client";

import { useActionState, useState } from "react";
import { toast } from "sonner";
import { ContextEditor, contextRowsValid } from "@/components/console/context-editor";
import { ExpiryField } from "@/components/console/expiry-field";
import { RolePicker, type RoleGroup } from "@/components/console/role-picker";
import { FormError } from "@/components/forms/form-error";
import { TextField } from "@/components/forms/text-field";
import { TransitionForm } from "@/components/forms/transition-form";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";
import type { KeyContext } from "@/lib/access/permissions";
import type { ActionState } from "@/lib/actions/state";
import { rowsFromContext, type EditExpiryOption } from "@/lib/validations/credentials";

export type EditState = ActionState<{ id: string; name: string }>;

const FIELDS = ["name", "roleIds", "context", "expiry", "expiresOn"] as const;

export interface EditableCredential {
  id: string;
  name: string;
  roles: Array<{ id: string }>;
  context: KeyContext;
  expiresAt: Date | null;
}

interface EditCredentialDialogProps {
  noun: "key" | "token";
  credential: EditableCredential;
  roleGroups: RoleGroup[];
  rolesHref?: string;
  withoutRoles: string;
  canNever: boolean;
  action: (previous: EditState, formData: FormData) => Promise<EditState>;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCloseAutoFocus?: (event: Event) => void;
}

/** "⋯" → "Edit": name, roles, context and expiry. The value stays the same; its rights change at once. */
export function EditCredentialDialog({ open, onOpenChange, onCloseAutoFocus, ...props }: EditCredentialDialogProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-xl" onCloseAutoFocus={onCloseAutoFocus}>
        {/* Mounted only while open: every opening starts from the credential as it is now. */}
        {open ? <EditForm {...props} onDone={() => onOpenChange(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function EditForm({ noun, credential, roleGroups, rolesHref, withoutRoles, canNever, action, onDone }: Omit<EditCredentialDialogProps, "open" | "onOpenChange"> & { onDone: () => void }) {
  const [state, formAction, pending] = useActionState<EditState, FormData>(async (previous, formData) => {
    const result = await action(previous, formData);
    // Here rather than in an effect: the refreshed list re-renders this row in the same pass.
    if (result.status === "success") {
      toast.success(noun === "key" ? "Key updated" : "Token updated", { description: `${result.data.name} now works with the new settings.` });
      onDone();
    }
    return result;
  }, { status: "idle" });
  const [name, setName] = useState(credential.name);
  const [roleIds, setRoleIds] = useState(() => credential.roles.map((role) => role.id));
  const [context, setContext] = useState(() => rowsFromContext(credential.context));
  const [expiry, setExpiry] = useState<EditExpiryOption>("keep");
  const [expiresOn, setExpiresOn] = useState("");

  const fieldErrors = state.status === "error" ? state.fieldErrors : undefined;
  const hasFieldError = FIELDS.some((field) => fieldErrors?.[field]?.length);
  return (
    <TransitionForm action={formAction} className="grid gap-5">
      <DialogHeader>
        <DialogTitle>Edit {noun}</DialogTitle>
        <DialogDescription>
          The {noun} itself stays the same, so nothing needs redeploying; what it may do changes with its next request.
        </DialogDescription>
      </DialogHeader>
      <TextField
        id="edit-name"
        name="name"
        label={noun === "key" ? "Key Name" : "Token Name"}
        autoComplete="off"
        maxLength={64}
        required
        value={name}
        onChange={(event) => setName(event.target.value)}
        errors={fieldErrors?.name}
      />
      <RolePicker id="edit-roles" groups={roleGroups} value={roleIds} onChange={setRoleIds} rolesHref={rolesHref} withoutRoles={withoutRoles} error={fieldErrors?.roleIds?.[0]} />
      <ContextEditor id="edit-context" rows={context} onChange={setContext} error={fieldErrors?.context?.[0]} />
      <ExpiryField
        id="edit-expiry"
        noun={noun}
        expiry={expiry}
        onExpiryChange={setExpiry}
        expiresOn={expiresOn}
        onExpiresOnChange={setExpiresOn}
        canNever={canNever}
        neverNote="owners and admins only"
        current={{ expiresAt: credential.expiresAt }}
        errors={{ expiry: fieldErrors?.expiry?.[0] ?? fieldErrors?.expiresAt?.[0], expiresOn: fieldErrors?.expiresOn?.[0] }}
      />
      <FormError message={state.status === "error" && !hasFieldError ? state.message : null} />
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline">
            Cancel
          </Button>
        </DialogClose>
        <Button type="submit" disabled={pending || !contextRowsValid(context)}>
          {pending ? <Spinner /> : null}
          Save changes
        </Button>
      </DialogFooter>
    </TransitionForm>
  );
}
