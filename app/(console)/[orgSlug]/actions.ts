"use server";

import { revalidatePath } from "next/cache";
import { errorState, NOT_FOUND_STATE, validationError, type ActionState } from "@/lib/actions/state";
import { createProject } from "@/lib/dal/projects";
import { getMember } from "@/lib/dal/session";
import { createProjectSchema } from "@/lib/validations/projects";

export type CreateProjectState = ActionState<{ slug: string; name: string }>;

/** "New project": a project with dev and prod, audited; the dialog then opens its API Keys. */
export async function createProjectAction(orgSlug: string, _previous: CreateProjectState, formData: FormData): Promise<CreateProjectState> {
  const parsed = createProjectSchema.safeParse({ orgSlug, name: formData.get("name") });
  if (!parsed.success) return validationError(parsed.error);
  const ctx = await getMember(parsed.data.orgSlug);
  if (!ctx) return NOT_FOUND_STATE;
  try {
    const project = await createProject(ctx, parsed.data.name);
    revalidatePath(`/${ctx.organizationSlug}`, "layout");
    return { status: "success", data: { slug: project.slug, name: project.name } };
  } catch (error) {
    return errorState(error, "createProject");
  }
}
