"use server";

import { revalidatePath } from "next/cache";
import { errorState, NOT_FOUND_STATE, validationError, type ActionState } from "@/lib/actions/state";
import { createApiKey, deleteApiKey, rollApiKey, updateApiKey } from "@/lib/dal/api-keys";
import { getMember } from "@/lib/dal/session";
import type { KeyKind } from "@/lib/keys/format";
import { credentialFormFields, editedExpiry, expiryFromForm } from "@/lib/validations/credentials";
import { createApiKeySchema, deleteApiKeySchema, editApiKeySchema, keyTargetSchema, rollOverlapSchema } from "@/lib/validations/keys";

export type CreateKeyState = ActionState<{ id: string; name: string; kind: KeyKind; plaintext: string }>;
export type DeleteKeyState = ActionState<{ id: string; name: string }>;
export type EditKeyState = ActionState<{ id: string; name: string }>;
export type RollKeyState = ActionState<{ id: string; name: string; plaintext: string }>;

interface KeyScope {
  orgSlug: string;
  projectSlug: string;
  environment: string;
  kind: KeyKind;
}

/** A key named by the row it was opened from; ownership is re-derived from the session. */
export interface KeyTarget {
  orgSlug: string;
  projectSlug: string;
  environment: string;
  keyId: string;
}

/**
 * "Add new API key" → "Create Key". The response is the one place a secret key's full value
 * ever exists; the database keeps only its hash.
 */
export async function createApiKeyAction(scope: KeyScope, _previous: CreateKeyState, formData: FormData): Promise<CreateKeyState> {
  const parsed = createApiKeySchema.safeParse({ ...scope, name: formData.get("name"), ...credentialFormFields(formData) });
  if (!parsed.success) return validationError(parsed.error);
  const ctx = await getMember(parsed.data.orgSlug);
  if (!ctx) return NOT_FOUND_STATE;
  try {
    const { expiry, expiresOn, ...input } = parsed.data;
    const { key, plaintext } = await createApiKey(ctx, { ...input, expiresAt: expiryFromForm({ expiry, expiresOn }) });
    revalidatePath(`/${ctx.organizationSlug}/${parsed.data.projectSlug}/api-keys`);
    return { status: "success", data: { id: key.id, name: key.name, kind: key.kind, plaintext } };
  } catch (error) {
    return errorState(error, "createApiKey");
  }
}

/** "⋯" → "Edit": the key string stays; what it may do changes at once. */
export async function editApiKeyAction(target: KeyTarget, _previous: EditKeyState, formData: FormData): Promise<EditKeyState> {
  const key = keyTargetSchema.safeParse(target);
  if (!key.success) return NOT_FOUND_STATE;
  const parsed = editApiKeySchema.safeParse({ name: formData.get("name"), ...credentialFormFields(formData) });
  if (!parsed.success) return validationError(parsed.error);
  const ctx = await getMember(key.data.orgSlug);
  if (!ctx) return NOT_FOUND_STATE;
  try {
    const { name, roleIds, context } = parsed.data;
    const updated = await updateApiKey(ctx, {
      keyId: key.data.keyId,
      within: { project: key.data.projectSlug, environment: key.data.environment },
      name,
      roleIds,
      context,
      expiresAt: editedExpiry(parsed.data),
    });
    revalidatePath(`/${ctx.organizationSlug}/${key.data.projectSlug}/api-keys`);
    return { status: "success", data: { id: updated.id, name: updated.name } };
  } catch (error) {
    return errorState(error, "updateApiKey");
  }
}

/** "⋯" → "Roll key": a replacement shown once; the old key works for the chosen overlap. */
export async function rollApiKeyAction(target: KeyTarget, _previous: RollKeyState, formData: FormData): Promise<RollKeyState> {
  const key = keyTargetSchema.safeParse(target);
  if (!key.success) return NOT_FOUND_STATE;
  const overlap = rollOverlapSchema.safeParse(formData.get("overlap"));
  if (!overlap.success) return validationError(overlap.error);
  const ctx = await getMember(key.data.orgSlug);
  if (!ctx) return NOT_FOUND_STATE;
  try {
    const rolled = await rollApiKey(ctx, {
      keyId: key.data.keyId,
      overlap: overlap.data,
      within: { project: key.data.projectSlug, environment: key.data.environment },
    });
    revalidatePath(`/${ctx.organizationSlug}/${key.data.projectSlug}/api-keys`);
    return { status: "success", data: { id: rolled.key.id, name: rolled.key.name, plaintext: rolled.plaintext } };
  } catch (error) {
    return errorState(error, "rollApiKey");
  }
}

/** "⋯" → "Delete" → type the name → "Confirm Delete". The key stops verifying at once. */
export async function deleteApiKeyAction(
  target: { orgSlug: string; projectSlug: string; keyId: string },
  _previous: DeleteKeyState,
  formData: FormData,
): Promise<DeleteKeyState> {
  const parsed = deleteApiKeySchema.safeParse({ ...target, confirmName: formData.get("confirmName") });
  if (!parsed.success) return validationError(parsed.error);
  const ctx = await getMember(parsed.data.orgSlug);
  if (!ctx) return NOT_FOUND_STATE;
  try {
    const key = await deleteApiKey(ctx, parsed.data);
    revalidatePath(`/${ctx.organizationSlug}/${parsed.data.projectSlug}/api-keys`);
    return { status: "success", data: { id: key.id, name: key.name } };
  } catch (error) {
    return errorState(error, "deleteApiKey");
  }
}
