"use client";

import { Plus } from "lucide-react";
import { useActionState, useEffect, useState } from "react";
import { toast } from "sonner";
import { ContextEditor, contextRowsValid } from "@/components/console/context-editor";
import { ExpiryField } from "@/components/console/expiry-field";
import { CloseWithoutCopyingDialog, OneTimeSecret, useOneTimeSecretDialog } from "@/components/console/one-time-secret";
import { PrefixField, prefixError } from "@/components/console/prefix-field";
import { RolePicker, type RoleOption } from "@/components/console/role-picker";
import { FormError } from "@/components/forms/form-error";
import { TextField } from "@/components/forms/text-field";
import { TransitionForm } from "@/components/forms/transition-form";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";
import type { KeyKind } from "@/lib/keys/format";
import type { ContextRow, ExpiryPreset } from "@/lib/validations/credentials";
import { createApiKeyAction, type CreateKeyState } from "../actions";

export const SECRET_WITHOUT_ROLES = "keys without roles can do everything a secret key can.";

interface CreateKeyDialogProps {
  orgSlug: string;
  projectSlug: string;
  environment: string;
  kind: KeyKind;
  /** The project's roles, offered to secret keys. */
  roles: RoleOption[];
  disabled?: boolean;
}

const COPY: Record<KeyKind, { trigger: string; title: string; description: string; placeholder: string }> = {
  publishable: {
    trigger: "Add publishable key",
    title: "Add publishable key",
    description: "For browsers and mobile apps. It can read data in this environment and is safe to ship in client code.",
    placeholder: "my-app-key",
  },
  secret: {
    trigger: "Add new API key",
    title: "Create API Key",
    description: "A secret key for your servers only; never ship it to a browser or an app.",
    placeholder: "server-key",
  },
};

const FIELDS = ["name", "prefix", "roleIds", "context", "expiry", "expiresOn", "expiresAt"] as const;

export function CreateKeyDialog({ disabled, ...props }: CreateKeyDialogProps) {
  const secret = useOneTimeSecretDialog();
  const copy = COPY[props.kind];
  return (
    <>
      <Dialog open={secret.open} onOpenChange={secret.onOpenChange}>
        <DialogTrigger asChild>
          <Button size="sm" disabled={disabled}>
            <Plus aria-hidden />
            {copy.trigger}
          </Button>
        </DialogTrigger>
        <DialogContent className={props.kind === "secret" ? "sm:max-w-xl" : "sm:max-w-lg"}>
          {secret.open ? <CreateKeyForm {...props} onSecretShown={secret.markShown} onSecretCopied={secret.markCopied} onDone={secret.close} /> : null}
        </DialogContent>
      </Dialog>
      <CloseWithoutCopyingDialog
        {...secret.confirm}
        title="Close without copying the key?"
        description="You have not copied this secret key. Once you close this dialog it cannot be shown again; you would have to delete it and create a new one."
      />
    </>
  );
}

interface CreateKeyFormProps extends Omit<CreateKeyDialogProps, "disabled"> {
  onSecretShown: () => void;
  onSecretCopied: () => void;
  onDone: () => void;
}

function CreateKeyForm({ onSecretShown, onSecretCopied, onDone, roles, ...scope }: CreateKeyFormProps) {
  const [state, formAction, pending] = useActionState<CreateKeyState, FormData>(createApiKeyAction.bind(null, scope), { status: "idle" });
  // Controlled fields: the values survive a refused submission.
  const [name, setName] = useState("");
  const [prefix, setPrefix] = useState("");
  const [roleIds, setRoleIds] = useState<string[]>([]);
  const [context, setContext] = useState<ContextRow[]>([]);
  const [expiry, setExpiry] = useState<ExpiryPreset>("never");
  const [expiresOn, setExpiresOn] = useState("");
  const copy = COPY[scope.kind];
  const isSecret = scope.kind === "secret";

  useEffect(() => {
    if (state.status !== "success") return;
    if (state.data.kind === "secret") onSecretShown();
    else {
      toast.success("Publishable key created", { description: `${state.data.name} is in the list; click its value to copy it.` });
      onDone();
    }
  }, [state, onSecretShown, onDone]);

  if (state.status === "success" && state.data.kind === "secret") {
    return (
      <OneTimeSecret
        title="Secret key created"
        description={
          <>
            Copy <span className="font-medium text-foreground">{state.data.name}</span> now and store it somewhere safe, such as your server&apos;s
            environment variables.
          </>
        }
        value={state.data.plaintext}
        valueLabel="Secret key"
        testId="secret-key-value"
        warning="This key will not be shown again. If you lose it, delete it and create a new one."
        onCopied={onSecretCopied}
      />
    );
  }

  const fieldErrors = state.status === "error" ? state.fieldErrors : undefined;
  const hasFieldError = FIELDS.some((field) => fieldErrors?.[field]?.length);
  const invalid = Boolean(prefixError(prefix)) || !contextRowsValid(context);
  return (
    <TransitionForm action={formAction} className="grid gap-5">
      <DialogHeader>
        <DialogTitle>{copy.title}</DialogTitle>
        <DialogDescription>
          {copy.description} Environment: <span className="font-mono font-medium text-foreground">{scope.environment}</span>.
        </DialogDescription>
      </DialogHeader>
      <TextField
        id={`${scope.kind}-key-name`}
        name="name"
        label="Key Name"
        placeholder={copy.placeholder}
        autoComplete="off"
        maxLength={64}
        required
        autoFocus
        value={name}
        onChange={(event) => setName(event.target.value)}
        hint="Helps you recognise where the key is used."
        errors={fieldErrors?.name}
      />
      {isSecret ? (
        <>
          <PrefixField id="key-prefix" value={prefix} onChange={setPrefix} marker="sk" error={fieldErrors?.prefix?.[0]} />
          <RolePicker
            id="key-roles"
            groups={[{ roles }]}
            value={roleIds}
            onChange={setRoleIds}
            rolesHref={`/${scope.orgSlug}/${scope.projectSlug}/roles`}
            withoutRoles={SECRET_WITHOUT_ROLES}
            error={fieldErrors?.roleIds?.[0]}
          />
          <ContextEditor id="key-context" rows={context} onChange={setContext} error={fieldErrors?.context?.[0]} />
        </>
      ) : null}
      <ExpiryField
        id={`${scope.kind}-key-expiry`}
        noun="key"
        expiry={expiry}
        onExpiryChange={setExpiry}
        expiresOn={expiresOn}
        onExpiresOnChange={setExpiresOn}
        errors={{ expiry: fieldErrors?.expiry?.[0] ?? fieldErrors?.expiresAt?.[0], expiresOn: fieldErrors?.expiresOn?.[0] }}
      />
      <FormError message={state.status === "error" && !hasFieldError ? state.message : null} />
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline">
            Cancel
          </Button>
        </DialogClose>
        <Button type="submit" disabled={pending || invalid}>
          {pending ? <Spinner /> : null}
          Create Key
        </Button>
      </DialogFooter>
    </TransitionForm>
  );
}
