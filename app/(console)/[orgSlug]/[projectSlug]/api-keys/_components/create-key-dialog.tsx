"use client";

import { Plus } from "lucide-react";
import { useActionState, useEffect } from "react";
import { toast } from "sonner";
import { CloseWithoutCopyingDialog, OneTimeSecret, useOneTimeSecretDialog } from "@/components/console/one-time-secret";
import { FormError } from "@/components/forms/form-error";
import { TextField } from "@/components/forms/text-field";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";
import type { KeyKind } from "@/lib/keys/format";
import { createApiKeyAction, type CreateKeyState } from "../actions";

interface CreateKeyDialogProps {
  orgSlug: string;
  projectSlug: string;
  environment: string;
  kind: KeyKind;
  disabled?: boolean;
}

const COPY: Record<KeyKind, { title: string; description: string; placeholder: string }> = {
  publishable: {
    title: "Add publishable key",
    description: "For browsers and mobile apps. It can read data in this environment and is safe to ship in client code.",
    placeholder: "my-app-key",
  },
  secret: {
    title: "Add secret key",
    description: "For your servers only. It has full access to this environment; never ship it to a browser or an app.",
    placeholder: "server-key",
  },
};

export function CreateKeyDialog({ disabled, ...scope }: CreateKeyDialogProps) {
  const secret = useOneTimeSecretDialog();
  return (
    <>
      <Dialog open={secret.open} onOpenChange={secret.onOpenChange}>
        <DialogTrigger asChild>
          <Button size="sm" disabled={disabled} aria-label={`Add Key (${scope.kind === "secret" ? "Secret" : "Publishable"})`}>
            <Plus aria-hidden />
            Add Key
          </Button>
        </DialogTrigger>
        <DialogContent className="sm:max-w-lg">
          {secret.open ? (
            <CreateKeyForm {...scope} onSecretShown={secret.markShown} onSecretCopied={secret.markCopied} onDone={secret.close} />
          ) : null}
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

function CreateKeyForm({ onSecretShown, onSecretCopied, onDone, ...scope }: CreateKeyFormProps) {
  const [state, formAction, pending] = useActionState<CreateKeyState, FormData>(createApiKeyAction.bind(null, scope), { status: "idle" });
  const copy = COPY[scope.kind];

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
  return (
    <form action={formAction} className="grid gap-5">
      <DialogHeader>
        <DialogTitle>{copy.title}</DialogTitle>
        <DialogDescription>
          {copy.description} Environment: <span className="font-mono font-medium text-foreground">{scope.environment}</span>.
        </DialogDescription>
      </DialogHeader>
      <TextField
        id={`${scope.kind}-key-name`}
        name="name"
        label="Name"
        placeholder={copy.placeholder}
        autoComplete="off"
        maxLength={64}
        required
        autoFocus
        hint="Helps you recognise where the key is used."
        errors={fieldErrors?.name}
      />
      <FormError message={state.status === "error" && !fieldErrors?.name ? state.message : null} />
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline">
            Cancel
          </Button>
        </DialogClose>
        <Button type="submit" disabled={pending}>
          {pending ? <Spinner /> : null}
          Create
        </Button>
      </DialogFooter>
    </form>
  );
}
