"use server";

import { revalidatePath } from "next/cache";
import { errorState, NOT_FOUND_STATE, validationError, type ActionState } from "@/lib/actions/state";
import type { AccessTokenType } from "@/lib/generated/prisma/enums";
import type { Scope } from "@/lib/auth/scopes";
import { createAccessToken, revokeAccessToken } from "@/lib/dal/access-tokens";
import { getMember } from "@/lib/dal/session";
import { accessTokenIdSchema, createAccessTokenFormSchema, expiryFromForm } from "@/lib/validations/access-tokens";
import { slugSchema } from "@/lib/validations/projects";

export type CreateTokenState = ActionState<{ id: string; name: string; type: AccessTokenType; plaintext: string }>;
export type RevokeTokenState = ActionState<{ id: string; name: string }>;

/** "Create New Token" → "Create": the response is the only place the token's value exists. */
export async function createAccessTokenAction(orgSlug: string, _previous: CreateTokenState, formData: FormData): Promise<CreateTokenState> {
  const parsed = createAccessTokenFormSchema.safeParse({
    orgSlug,
    name: formData.get("name"),
    type: formData.get("type"),
    scopes: formData.getAll("scopes"),
    expiry: formData.get("expiry"),
    expiresOn: formData.get("expiresOn") ?? undefined,
  });
  if (!parsed.success) return validationError(parsed.error);
  const ctx = await getMember(parsed.data.orgSlug);
  if (!ctx) return NOT_FOUND_STATE;
  try {
    const { token, plaintext } = await createAccessToken(ctx, {
      name: parsed.data.name,
      type: parsed.data.type,
      scopes: parsed.data.scopes as Scope[],
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
  const orgSlug = slugSchema.safeParse(target.orgSlug);
  const tokenId = accessTokenIdSchema.safeParse(target.tokenId);
  if (!orgSlug.success || !tokenId.success) return NOT_FOUND_STATE;
  const ctx = await getMember(orgSlug.data);
  if (!ctx) return NOT_FOUND_STATE;
  try {
    const token = await revokeAccessToken(ctx, tokenId.data);
    revalidatePath(`/${ctx.organizationSlug}/access-tokens`);
    return { status: "success", data: { id: token.id, name: token.name } };
  } catch (error) {
    return errorState(error, "revokeAccessToken");
  }
}
