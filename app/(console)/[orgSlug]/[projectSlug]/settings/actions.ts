"use server";

import { revalidatePath } from "next/cache";
import { errorState, NOT_FOUND_STATE, validationError, type ActionState } from "@/lib/actions/state";
import { createEnvironment } from "@/lib/dal/projects";
import { setLogRetention } from "@/lib/dal/request-logs";
import { getMember } from "@/lib/dal/session";
import { logRetentionSchema } from "@/lib/validations/logs";
import { createEnvironmentSchema } from "@/lib/validations/projects";

export type CreateEnvironmentState = ActionState<{ slug: string }>;

export async function createEnvironmentAction(
  project: { orgSlug: string; projectSlug: string },
  _previous: CreateEnvironmentState,
  formData: FormData,
): Promise<CreateEnvironmentState> {
  const parsed = createEnvironmentSchema.safeParse({ ...project, slug: formData.get("slug") });
  if (!parsed.success) return validationError(parsed.error);
  const ctx = await getMember(parsed.data.orgSlug);
  if (!ctx) return NOT_FOUND_STATE;
  try {
    const environment = await createEnvironment(ctx, parsed.data.projectSlug, parsed.data.slug);
    revalidatePath(`/${ctx.organizationSlug}/${parsed.data.projectSlug}`, "layout");
    return { status: "success", data: { slug: environment.slug } };
  } catch (error) {
    return errorState(error, "createEnvironment");
  }
}

export type UpdateLogRetentionState = ActionState<{ days: number }>;

export async function updateLogRetentionAction(
  project: { orgSlug: string; projectSlug: string },
  _previous: UpdateLogRetentionState,
  formData: FormData,
): Promise<UpdateLogRetentionState> {
  const parsed = logRetentionSchema.safeParse({ ...project, days: formData.get("days") });
  if (!parsed.success) return validationError(parsed.error);
  const ctx = await getMember(parsed.data.orgSlug);
  if (!ctx) return NOT_FOUND_STATE;
  try {
    const result = await setLogRetention(ctx, parsed.data.projectSlug, parsed.data.days);
    revalidatePath(`/${ctx.organizationSlug}/${parsed.data.projectSlug}`, "layout");
    return { status: "success", data: { days: result.logRetentionDays } };
  } catch (error) {
    return errorState(error, "updateLogRetention");
  }
}
