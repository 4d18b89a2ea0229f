// GET /api/v1/projects/{projectId}/roles/{roleId} – one role (role:read)
// PATCH /api/v1/projects/{projectId}/roles/{roleId} – change it; every key holding it follows at once (role:update)
// DELETE /api/v1/projects/{projectId}/roles/{roleId} – delete it, unless a key or token holds it (role:delete)
import { apiRoute } from "@/lib/api/route";
import { rolePath, toRoleDto, updateRoleBody } from "@/lib/api/schemas";
import { deleteKeyRole, getKeyRole, updateKeyRole } from "@/lib/dal/key-roles";

export const GET = apiRoute({
  scope: "role:read",
  params: rolePath,
  async handle({ ctx, params }) {
    return { body: toRoleDto(await getKeyRole(ctx, { projectPublicId: params.projectId }, params.roleId)) };
  },
});

export const PATCH = apiRoute({
  scope: "role:update",
  params: rolePath,
  body: updateRoleBody,
  async handle({ ctx, params, body }) {
    return { body: toRoleDto(await updateKeyRole(ctx, { projectPublicId: params.projectId }, params.roleId, body)) };
  },
});

export const DELETE = apiRoute({
  scope: "role:delete",
  params: rolePath,
  async handle({ ctx, params }) {
    await deleteKeyRole(ctx, { projectPublicId: params.projectId }, params.roleId);
    return { status: 204 };
  },
});
