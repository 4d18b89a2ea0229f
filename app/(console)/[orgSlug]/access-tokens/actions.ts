"use server";

import { revalidatePath } from "next/cache";
import { errorState, NOT_FOUND_STATE, validationError, type ActionState } from "@/lib/actions/state";
import type { AccessTokenType } from "@/lib/generated/prisma/enums";
import type { Scope } from "@/lib/auth/scopes";
import { createAccessToken, revokeAccessToken, rollAccessToken, updateAccessToken } from "@/lib/dal/access-tokens";
import { getMember } from "@/lib/dal/session";
import { accessTokenIdSchema, createAccessTokenFormSchema, editAccessTokenSchema } from "@/lib/validations/access-tokens";
import { credentialFormFields, editedExpiry, expiryFromForm } from "@/lib/validations/credentials";
import { rollOverlapSchema } from "@/lib/validations/keys";
import { slugSchema } from "@/lib/validations/projects";

export type CreateTokenState = ActionState<{ id: string; name: string; type: AccessTokenType; plaintext: string }>;
export type RevokeTokenState = ActionState<{ id: string; name: string }>;
export type EditTokenState = ActionState<{ id: string; name: string }>;
export type RollTokenState = ActionState<{ id: string; name: string; plaintext: string }>;

/** The token a row action names; null when the ids are malformed (answered as not found). */
function parseTarget(target: { orgSlug: string; tokenId: string }): { orgSlug: string; tokenId: string } | null {
  const orgSlug = slugSchema.safeParse(target.orgSlug);
  const tokenId = accessTokenIdSchema.safeParse(target.tokenId);
  return orgSlug.success && tokenId.success ? { orgSlug: orgSlug.data, tokenId: tokenId.data } : null;
}

/** "Create New Token" → "Create": the response is the only place the token's value exists. */
export async function createAccessTokenAction(orgSlug: string, _previous: CreateTokenState, formData: FormData): Promise<CreateTokenState> {
  const parsed = createAccessTokenFormSchema.safeParse({
    orgSlug,
    name: formData.get("name"),
    type: formData.get("type"),
    scopes: formData.getAll("scopes"),
    ...credentialFormFields(formData),
  });
  if (!parsed.success) return validationError(parsed.error);
  const ctx = await getMember(parsed.data.orgSlug);
  if (!ctx) return NOT_FOUND_STATE;
  try {
    const { token, plaintext } = await createAccessToken(ctx, {
      name: parsed.data.name,
      type: parsed.data.type,
      scopes: parsed.data.scopes as Scope[],
      prefix: parsed.data.prefix,
      roleIds: parsed.data.roleIds,
      context: parsed.data.context,
      expiresAt: expiryFromForm(parsed.data),
    });
    revalidatePath(`/${ctx.organizationSlug}/access-tokens`);
    return { status: "success", data: { id: token.id, name: token.name, type: token.type, plaintext } };
  } catch (error) {
    return errorState(error, "createAccessToken");
  }
}

/** "⋯" → "Revoke" → confirm. The token stops working on its next request. */
export async function revokeAccessTokenAction(target: { orgSlug: string; tokenId: string }): Promise<RevokeTokenState> {
  const parsed = parseTarget(target);
  const ctx = parsed && (await getMember(parsed.orgSlug));
  if (!parsed || !ctx) return NOT_FOUND_STATE;
  try {
    const token = await revokeAccessToken(ctx, parsed.tokenId);
    revalidatePath(`/${ctx.organizationSlug}/access-tokens`);
    return { status: "success", data: { id: token.id, name: token.name } };
  } catch (error) {
    return errorState(error, "revokeAccessToken");
  }
}

/** "⋯" → "Edit": the token string stays; its rights change at once. */
export async function editAccessTokenAction(target: { orgSlug: string; tokenId: string }, _previous: EditTokenState, formData: FormData): Promise<EditTokenState> {
  const token = parseTarget(target);
  if (!token) return NOT_FOUND_STATE;
  const parsed = editAccessTokenSchema.safeParse({ name: formData.get("name"), ...credentialFormFields(formData) });
  if (!parsed.success) return validationError(parsed.error);
  const ctx = await getMember(token.orgSlug);
  if (!ctx) return NOT_FOUND_STATE;
  try {
    const { name, roleIds, context } = parsed.data;
    const updated = await updateAccessToken(ctx, { tokenId: token.tokenId, name, roleIds, context, expiresAt: editedExpiry(parsed.data) });
    revalidatePath(`/${ctx.organizationSlug}/access-tokens`);
    return { status: "success", data: { id: updated.id, name: updated.name } };
  } catch (error) {
    return errorState(error, "updateAccessToken");
  }
}

/** "⋯" → "Roll token": a replacement shown once; the old token works for the chosen overlap. */
export async function rollAccessTokenAction(target: { orgSlug: string; tokenId: string }, _previous: RollTokenState, formData: FormData): Promise<RollTokenState> {
  const token = parseTarget(target);
  if (!token) return NOT_FOUND_STATE;
  const overlap = rollOverlapSchema.safeParse(formData.get("overlap"));
  if (!overlap.success) return validationError(overlap.error);
  const ctx = await getMember(token.orgSlug);
  if (!ctx) return NOT_FOUND_STATE;
  try {
    const rolled = await rollAccessToken(ctx, { tokenId: token.tokenId, overlap: overlap.data });
    revalidatePath(`/${ctx.organizationSlug}/access-tokens`);
    return { status: "success", data: { id: rolled.token.id, name: rolled.token.name, plaintext: rolled.plaintext } };
  } catch (error) {
    return errorState(error, "rollAccessToken");
  }
}
