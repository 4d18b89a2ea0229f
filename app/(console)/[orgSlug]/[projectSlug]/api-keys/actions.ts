"use server";

import { revalidatePath } from "next/cache";
import { errorState, NOT_FOUND_STATE, validationError, type ActionState } from "@/lib/actions/state";
import { createApiKey, deleteApiKey } from "@/lib/dal/api-keys";
import { getMember } from "@/lib/dal/session";
import type { KeyKind } from "@/lib/keys/format";
import { createApiKeySchema, deleteApiKeySchema } from "@/lib/validations/keys";

export type CreateKeyState = ActionState<{ id: string; name: string; kind: KeyKind; plaintext: string }>;
export type DeleteKeyState = ActionState<{ id: string; name: string }>;

interface KeyScope {
  orgSlug: string;
  projectSlug: string;
  environment: string;
  kind: KeyKind;
}

/**
 * "Add Key" → "Create". The response is the one place a secret key's full value ever exists;
 * the database keeps only its hash.
 */
export async function createApiKeyAction(scope: KeyScope, _previous: CreateKeyState, formData: FormData): Promise<CreateKeyState> {
  const parsed = createApiKeySchema.safeParse({ ...scope, name: formData.get("name") });
  if (!parsed.success) return validationError(parsed.error);
  const ctx = await getMember(parsed.data.orgSlug);
  if (!ctx) return NOT_FOUND_STATE;
  try {
    const { key, plaintext } = await createApiKey(ctx, parsed.data);
    revalidatePath(`/${ctx.organizationSlug}/${parsed.data.projectSlug}/api-keys`);
    return { status: "success", data: { id: key.id, name: key.name, kind: key.kind, plaintext } };
  } catch (error) {
    return errorState(error, "createApiKey");
  }
}

/** "Delete" → type the name → "Confirm Delete". The key stops verifying at once. */
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
