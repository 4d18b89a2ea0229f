"use server";

import { revalidatePath } from "next/cache";
import { errorState, NOT_FOUND_STATE, type ActionState } from "@/lib/actions/state";
import { createKeyRole, deleteKeyRole, updateKeyRole } from "@/lib/dal/key-roles";
import { getMember } from "@/lib/dal/session";
import { errorsByPath, roleFormSchema, roleIdSchema, roleTargetSchema, type RoleFormInput, type RoleTarget } from "@/lib/validations/roles";

export type SaveRoleState = ActionState<{ id: string; name: string }>;
export type DeleteRoleState = ActionState;

const INVALID_TARGET: ActionState<never> = { status: "error", code: "VALIDATION", message: "This page's address is invalid." };

/**
 * The dialog sends name and description as fields and the grants as one JSON field (they are a
 * nested list). Errors come back keyed by their path, e.g. "grants.1.conditions.0.field", so the
 * editor shows each next to its row.
 */
function parseRoleForm(formData: FormData): { ok: true; input: RoleFormInput } | { ok: false; state: ActionState<never> } {
  let grants: unknown;
  try {
    grants = JSON.parse(String(formData.get("grants") ?? ""));
  } catch {
    return { ok: false, state: { status: "error", code: "VALIDATION", message: "The permissions could not be read. Reload the page and try again." } };
  }
  const parsed = roleFormSchema.safeParse({ name: formData.get("name"), description: formData.get("description") ?? "", grants });
  if (!parsed.success) {
    return { ok: false, state: { status: "error", code: "VALIDATION", message: "Check the highlighted fields.", fieldErrors: errorsByPath(parsed.error) } };
  }
  return { ok: true, input: parsed.data };
}

/** "New role" and "Edit role" (with a roleId): editing changes every key holding the role at once. */
export async function saveRoleAction(target: RoleTarget, _previous: SaveRoleState, formData: FormData): Promise<SaveRoleState> {
  const scope = roleTargetSchema.safeParse(target);
  if (!scope.success) return INVALID_TARGET;
  const form = parseRoleForm(formData);
  if (!form.ok) return form.state;
  const ctx = await getMember(scope.data.orgSlug);
  if (!ctx) return NOT_FOUND_STATE;
  const { projectSlug, roleId } = scope.data;
  try {
    const role = roleId ? await updateKeyRole(ctx, { projectSlug }, roleId, form.input) : await createKeyRole(ctx, { projectSlug }, form.input);
    revalidatePath(`/${ctx.organizationSlug}/${projectSlug}/roles`);
    return { status: "success", data: { id: role.id, name: role.name } };
  } catch (error) {
    return errorState(error, roleId ? "updateKeyRole" : "createKeyRole");
  }
}

/** "Delete role": refused while a live key or token holds it (the DAL's message says so). */
export async function deleteRoleAction(target: RoleTarget): Promise<DeleteRoleState> {
  const scope = roleTargetSchema.extend({ roleId: roleIdSchema }).safeParse(target);
  if (!scope.success) return INVALID_TARGET;
  const ctx = await getMember(scope.data.orgSlug);
  if (!ctx) return NOT_FOUND_STATE;
  try {
    await deleteKeyRole(ctx, { projectSlug: scope.data.projectSlug }, scope.data.roleId);
    revalidatePath(`/${ctx.organizationSlug}/${scope.data.projectSlug}/roles`);
    return { status: "success", data: undefined };
  } catch (error) {
    return errorState(error, "deleteKeyRole");
  }
}
