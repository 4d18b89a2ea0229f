// GET /api/v1/projects/{projectId}/roles – the project's roles, by name (role:read)
// POST /api/v1/projects/{projectId}/roles – create one (role:create)
import { apiRoute } from "@/lib/api/route";
import { createRoleBody, projectPath, toRoleDto } from "@/lib/api/schemas";
import { createKeyRole, listKeyRoles } from "@/lib/dal/key-roles";

export const GET = apiRoute({
  scope: "role:read",
  params: projectPath,
  async handle({ ctx, params }) {
    const roles = await listKeyRoles(ctx, { projectPublicId: params.projectId });
    // A project has at most MAX_ROLES_PER_PROJECT roles: one page, in the list envelope.
    return { body: { data: roles.map(toRoleDto), nextCursor: null } };
  },
});

export const POST = apiRoute({
  scope: "role:create",
  params: projectPath,
  body: createRoleBody,
  async handle({ ctx, params, body }) {
    return { status: 201, body: toRoleDto(await createKeyRole(ctx, { projectPublicId: params.projectId }, body)) };
  },
});
