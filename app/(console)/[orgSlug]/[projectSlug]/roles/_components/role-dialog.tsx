"use client";

import { Pencil, Plus } from "lucide-react";
import { startTransition, useActionState, useCallback, useMemo, useState, type FormEvent } from "react";
import { toast } from "sonner";
import { FormError } from "@/components/forms/form-error";
import { TextField } from "@/components/forms/text-field";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";
import type { KeyRoleRow } from "@/lib/dal/key-roles";
import { errorsByPath, ROLE_DESCRIPTION_MAX, roleFormSchema } from "@/lib/validations/roles";
import { saveRoleAction, type SaveRoleState } from "../actions";
import { GrantsEditor } from "./grants-editor";
import { explainableGrants, explainGrant, fromDrafts, newGrantDraft, toDrafts, type GrantDraft } from "./grants.utils";

interface RoleDialogProps {
  orgSlug: string;
  projectSlug: string;
  tableNames: string[];
  /** Edit this role; without it the dialog creates one. */
  role?: Pick<KeyRoleRow, "id" | "name" | "description" | "grants">;
  disabled?: boolean;
}

/** "New role" / "Edit": name, description, and one grant per table with optional row filters. */
export function RoleDialog({ disabled, ...props }: RoleDialogProps) {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        {props.role ? (
          <Button variant="ghost" size="sm" className="text-muted-foreground" disabled={disabled} aria-label={`Edit ${props.role.name}`}>
            <Pencil aria-hidden />
            Edit
          </Button>
        ) : (
          <Button size="sm" disabled={disabled}>
            <Plus aria-hidden />
            New role
          </Button>
        )}
      </DialogTrigger>
      <DialogContent className="sm:max-w-3xl">
        {/* Mounted only while open, so every opening starts from the saved role. */}
        {open ? <RoleForm {...props} onDone={close} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function RoleForm({ orgSlug, projectSlug, tableNames, role, onDone }: Omit<RoleDialogProps, "disabled"> & { onDone: () => void }) {
  const [name, setName] = useState(role?.name ?? "");
  const [description, setDescription] = useState(role?.description ?? "");
  const [drafts, setDrafts] = useState<GrantDraft[]>(() => (role ? toDrafts(role.grants) : [newGrantDraft(tableNames[0] ?? "")]));
  // Client-side messages appear from the first submit on, then follow every keystroke.
  const [submitted, setSubmitted] = useState(false);
  const [state, formAction, pending] = useActionState<SaveRoleState, FormData>(async (previous, formData) => {
    const result = await saveRoleAction({ orgSlug, projectSlug, roleId: role?.id }, previous, formData);
    if (result.status === "success") {
      toast.success(role ? "Role updated" : "Role created", {
        description: role ? `Keys holding ${result.data.name} follow its new permissions now.` : `Assign ${result.data.name} to secret keys and tokens to restrict them.`,
      });
      onDone();
    }
    return result;
  }, { status: "idle" });
  // The server's answer describes the form as it was sent; once edited, it no longer applies.
  const [editedSince, setEditedSince] = useState<SaveRoleState | null>(null);
  const serverErrors = state.status === "error" && editedSince !== state ? state : null;

  const { grants, clientErrors } = useMemo(() => {
    const converted = fromDrafts(drafts);
    const parsed = roleFormSchema.safeParse({ name, description, grants: converted.grants });
    return { grants: converted.grants, clientErrors: { ...(parsed.success ? {} : errorsByPath(parsed.error)), ...converted.errors } };
  }, [name, description, drafts]);
  const errors = { ...serverErrors?.fieldErrors, ...(submitted ? clientErrors : {}) };
  const edited = <T,>(set: (value: T) => void) => (value: T) => {
    setEditedSince(state);
    set(value);
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    const form = event.currentTarget;
    if (Object.keys(clientErrors).length > 0) {
      // After the messages render: take the keyboard to the first field that needs attention.
      requestAnimationFrame(() => form.querySelector<HTMLElement>("[aria-invalid=true]")?.focus());
      return;
    }
    const formData = new FormData(form);
    startTransition(() => formAction(formData));
  }

  return (
    <form onSubmit={submit} className="grid gap-5" noValidate>
      <DialogHeader>
        <DialogTitle>{role ? `Edit ${role.name}` : "New role"}</DialogTitle>
        <DialogDescription>
          Per table: what keys holding this role may do, optionally only on rows matching a filter.
        </DialogDescription>
      </DialogHeader>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id="role-name"
          name="name"
          label="Name"
          placeholder="customer-orders"
          autoComplete="off"
          maxLength={64}
          value={name}
          onChange={(event) => edited(setName)(event.target.value)}
          autoFocus={!role}
          errors={errors.name}
        />
        <TextField
          id="role-description"
          name="description"
          label="Description"
          placeholder="What the role is for (optional)"
          autoComplete="off"
          maxLength={ROLE_DESCRIPTION_MAX}
          value={description}
          onChange={(event) => edited(setDescription)(event.target.value)}
          errors={errors.description}
        />
      </div>
      <div className="grid gap-2">
        <p className="text-sm font-medium">Permissions</p>
        <GrantsEditor drafts={drafts} onChange={edited(setDrafts)} tableNames={tableNames} errors={errors} />
        <input type="hidden" name="grants" value={JSON.stringify(grants)} />
      </div>
      <GrantsPreview drafts={drafts} />
      <FormError message={serverErrors && !serverErrors.fieldErrors ? serverErrors.message : null} />
      {/* Stays in view while the grants scroll: the dialog grows with every table and filter. */}
      <DialogFooter className="sticky -bottom-6 z-10 -mx-6 -mb-6 border-t bg-background px-6 py-4">
        <DialogClose asChild>
          <Button type="button" variant="outline">
            Cancel
          </Button>
        </DialogClose>
        <Button type="submit" disabled={pending}>
          {pending ? <Spinner /> : null}
          {role ? "Save changes" : "Create role"}
        </Button>
      </DialogFooter>
    </form>
  );
}

/** What the form says, in words, as it is typed. */
function GrantsPreview({ drafts }: { drafts: GrantDraft[] }) {
  const sentences = explainableGrants(drafts).map(explainGrant);
  return (
    <section aria-labelledby="role-preview-heading" aria-live="polite" className="grid gap-1.5 rounded-lg border border-dashed px-4 py-3 text-sm">
      <h3 id="role-preview-heading" className="text-xs font-medium tracking-wide text-muted-foreground uppercase">
        Preview
      </h3>
      {sentences.length === 0 ? (
        <p className="text-muted-foreground">Choose a table and at least one action to see what keys with this role can do.</p>
      ) : sentences.length === 1 ? (
        <p>Keys with this role can {sentences[0]}. Nothing else.</p>
      ) : (
        <div>
          <p>Keys with this role can:</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5">
            {sentences.map((sentence, index) => (
              <li key={index}>{sentence}</li>
            ))}
          </ul>
          <p className="mt-1">Nothing else.</p>
        </div>
      )}
    </section>
  );
}
