"use client";

import { Plus } from "lucide-react";
import { useActionState, useEffect, useState } from "react";
import { ContextEditor, contextRowsValid } from "@/components/console/context-editor";
import { ExpiryField } from "@/components/console/expiry-field";
import { CloseWithoutCopyingDialog, OneTimeSecret, useOneTimeSecretDialog } from "@/components/console/one-time-secret";
import { PrefixField, prefixError } from "@/components/console/prefix-field";
import { RolePicker, type RoleGroup } from "@/components/console/role-picker";
import { FormError } from "@/components/forms/form-error";
import { TextField } from "@/components/forms/text-field";
import { TransitionForm } from "@/components/forms/transition-form";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { canCreateNonExpiringToken, canCreateTokens } from "@/lib/auth/permissions";
import type { AccessTokenType, Role } from "@/lib/generated/prisma/enums";
import { DEFAULT_EXPIRY_PRESET } from "@/lib/validations/access-tokens";
import type { ContextRow, ExpiryPreset } from "@/lib/validations/credentials";
import { createAccessTokenAction, type CreateTokenState } from "../actions";
import { ScopePicker } from "./scope-picker";
import { EMPTY_SELECTION, submittedScopes, type ScopeSelection } from "./scope-selection";
import { TokenTypeField } from "./token-type-field";
import { TokenUsage } from "./token-usage";

const FIELDS = ["name", "type", "scopes", "prefix", "roleIds", "context", "expiry", "expiresOn"] as const;

export const TOKEN_WITHOUT_ROLES = "tokens without roles act by their scopes alone; a role limits the token in its project.";

interface CreateTokenDialogProps {
  orgSlug: string;
  role: Role;
  /** Roles of every project of the organization, grouped by project. */
  roleGroups: RoleGroup[];
}

export function CreateTokenDialog({ orgSlug, role, roleGroups }: CreateTokenDialogProps) {
  const secret = useOneTimeSecretDialog();

  if (!canCreateTokens(role)) {
    // A disabled button gets no pointer or focus events, so the wrapper carries the tooltip.
    return (
      <Tooltip>
        <TooltipTrigger asChild>
          <span tabIndex={0} className="inline-flex rounded-md outline-none focus-visible:ring-2 focus-visible:ring-ring">
            <Button disabled>
              <Plus aria-hidden />
              Create New Token
            </Button>
          </span>
        </TooltipTrigger>
        <TooltipContent>Viewers cannot create access tokens. Ask an owner, admin or developer.</TooltipContent>
      </Tooltip>
    );
  }

  return (
    <>
      <Dialog open={secret.open} onOpenChange={secret.onOpenChange}>
        <DialogTrigger asChild>
          <Button>
            <Plus aria-hidden />
            Create New Token
          </Button>
        </DialogTrigger>
        <DialogContent className="sm:max-w-2xl">
          {/* Mounted only while open: every opening starts from an empty form. */}
          {secret.open ? <CreateTokenForm orgSlug={orgSlug} role={role} roleGroups={roleGroups} onSecretShown={secret.markShown} onSecretCopied={secret.markCopied} /> : null}
        </DialogContent>
      </Dialog>
      <CloseWithoutCopyingDialog
        {...secret.confirm}
        title="Close without copying the token?"
        description="You have not copied this token. Once you close this dialog it cannot be shown again; you would have to revoke it and create a new one."
      />
    </>
  );
}

interface CreateTokenFormProps extends CreateTokenDialogProps {
  onSecretShown: () => void;
  onSecretCopied: () => void;
}

function CreateTokenForm({ orgSlug, role, roleGroups, onSecretShown, onSecretCopied }: CreateTokenFormProps) {
  const [state, formAction, pending] = useActionState<CreateTokenState, FormData>(createAccessTokenAction.bind(null, orgSlug), { status: "idle" });
  // Controlled fields: the values survive a failed submission (React resets uncontrolled ones).
  const [name, setName] = useState("");
  const [type, setType] = useState<AccessTokenType>("BEARER_TOKEN");
  const [scopes, setScopes] = useState<ScopeSelection>(EMPTY_SELECTION);
  const [prefix, setPrefix] = useState("");
  const [roleIds, setRoleIds] = useState<string[]>([]);
  const [context, setContext] = useState<ContextRow[]>([]);
  const [expiry, setExpiry] = useState<ExpiryPreset>(DEFAULT_EXPIRY_PRESET);
  const [expiresOn, setExpiresOn] = useState("");

  useEffect(() => {
    if (state.status === "success") onSecretShown();
  }, [state, onSecretShown]);

  if (state.status === "success") {
    const { name: tokenName, type: tokenType, plaintext } = state.data;
    return (
      <OneTimeSecret
        title="Access token created"
        description={
          <>
            Copy <span className="font-medium text-foreground">{tokenName}</span> now and store it somewhere safe, such as your CI/CD
            secrets or your MCP client&apos;s configuration.
          </>
        }
        value={plaintext}
        valueLabel="Access token"
        testId="token-value"
        warning="This token will not be shown again. If you lose it, revoke it and create a new one."
        onCopied={onSecretCopied}
        extra={({ mask }) => <TokenUsage type={tokenType} token={plaintext} mask={mask} onCopied={onSecretCopied} />}
      />
    );
  }

  const fieldErrors = state.status === "error" ? state.fieldErrors : undefined;
  const hasFieldError = FIELDS.some((field) => fieldErrors?.[field]?.length);
  return (
    <TransitionForm action={formAction} className="grid gap-5">
      <DialogHeader>
        <DialogTitle>Create New Token</DialogTitle>
        <DialogDescription>
          An organization-wide token for the REST API, MCP tools or CI/CD. It can do only what its scopes allow, and never more than you can.
        </DialogDescription>
      </DialogHeader>
      <TextField
        id="token-name"
        name="name"
        label="Token Name"
        placeholder="github-actions-deploy"
        autoComplete="off"
        maxLength={64}
        required
        autoFocus
        value={name}
        onChange={(event) => setName(event.target.value)}
        hint="Say where it is used, so you know what breaks if you revoke it."
        errors={fieldErrors?.name}
      />
      <TokenTypeField value={type} onChange={setType} error={fieldErrors?.type?.[0]} />
      <PrefixField id="token-prefix" value={prefix} onChange={setPrefix} marker="at" error={fieldErrors?.prefix?.[0]} />
      <ScopePicker role={role} value={scopes} onChange={setScopes} error={fieldErrors?.scopes?.[0]} />
      {submittedScopes(scopes).map((scope) => (
        <input key={scope} type="hidden" name="scopes" value={scope} />
      ))}
      <RolePicker id="token-roles" groups={roleGroups} value={roleIds} onChange={setRoleIds} withoutRoles={TOKEN_WITHOUT_ROLES} error={fieldErrors?.roleIds?.[0]} />
      <ContextEditor id="token-context" rows={context} onChange={setContext} error={fieldErrors?.context?.[0]} />
      <ExpiryField
        id="token-expiry"
        noun="token"
        canNever={canCreateNonExpiringToken(role)}
        neverNote="owners and admins only"
        expiry={expiry}
        onExpiryChange={setExpiry}
        expiresOn={expiresOn}
        onExpiresOnChange={setExpiresOn}
        errors={{ expiry: fieldErrors?.expiry?.[0], expiresOn: fieldErrors?.expiresOn?.[0] }}
      />
      <FormError message={state.status === "error" && !hasFieldError ? state.message : null} />
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline">
            Cancel
          </Button>
        </DialogClose>
        <Button type="submit" disabled={pending || Boolean(prefixError(prefix)) || !contextRowsValid(context)}>
          {pending ? <Spinner /> : null}
          Create
        </Button>
      </DialogFooter>
    </TransitionForm>
  );
}
