// GET /api/v1/projects/{projectId} – one project (project:read)
// PATCH /api/v1/projects/{projectId} – rename it (project:update)
// DELETE /api/v1/projects/{projectId} – delete it with its environments and keys (project:delete)
import { apiRoute } from "@/lib/api/route";
import { projectPath, toProjectDto, updateProjectBody } from "@/lib/api/schemas";
import { deleteProject, getProject, renameProject } from "@/lib/dal/projects";

export const GET = apiRoute({
  scope: "project:read",
  params: projectPath,
  async handle({ ctx, params }) {
    return { body: toProjectDto(await getProject(ctx, { projectPublicId: params.projectId })) };
  },
});

export const PATCH = apiRoute({
  scope: "project:update",
  params: projectPath,
  body: updateProjectBody,
  async handle({ ctx, params, body }) {
    return { body: toProjectDto(await renameProject(ctx, { projectPublicId: params.projectId }, body.name)) };
  },
});

export const DELETE = apiRoute({
  scope: "project:delete",
  params: projectPath,
  async handle({ ctx, params }) {
    await deleteProject(ctx, { projectPublicId: params.projectId });
    return { status: 204 };
  },
});
