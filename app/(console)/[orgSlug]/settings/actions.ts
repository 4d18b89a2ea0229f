"use server";

import { revalidatePath } from "next/cache";
import { errorState, NOT_FOUND_STATE, validationError, type ActionState } from "@/lib/actions/state";
import { setExpiryWarningDays } from "@/lib/dal/organizations";
import { getMember } from "@/lib/dal/session";
import { expiryWarningSchema } from "@/lib/validations/organizations";

export type UpdateExpiryWarningState = ActionState<{ days: number }>;

/** "Expiry warnings" → Save: how far ahead keys and tokens are flagged as expiring. */
export async function updateExpiryWarningAction(
  target: { orgSlug: string },
  _previous: UpdateExpiryWarningState,
  formData: FormData,
): Promise<UpdateExpiryWarningState> {
  const parsed = expiryWarningSchema.safeParse({ ...target, days: formData.get("days") });
  if (!parsed.success) return validationError(parsed.error);
  const ctx = await getMember(parsed.data.orgSlug);
  if (!ctx) return NOT_FOUND_STATE;
  try {
    const result = await setExpiryWarningDays(ctx, parsed.data.days);
    // The banner and the key lists of every page read it.
    revalidatePath(`/${ctx.organizationSlug}`, "layout");
    return { status: "success", data: result };
  } catch (error) {
    return errorState(error, "setExpiryWarningDays");
  }
}
