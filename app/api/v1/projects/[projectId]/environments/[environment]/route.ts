// GET /api/v1/projects/{projectId}/environments/{environment} – one environment (environment:read)
// PATCH …/environments/{environment} – rename it (environment:update)
// DELETE …/environments/{environment} – delete it and its keys (environment:delete)
import { apiRoute } from "@/lib/api/route";
import { environmentPath, toEnvironmentDto, updateEnvironmentBody } from "@/lib/api/schemas";
import { deleteEnvironment, getEnvironment, renameEnvironment } from "@/lib/dal/projects";

export const GET = apiRoute({
  scope: "environment:read",
  params: environmentPath,
  async handle({ ctx, params }) {
    return { body: toEnvironmentDto(await getEnvironment(ctx, { projectPublicId: params.projectId }, params.environment)) };
  },
});

export const PATCH = apiRoute({
  scope: "environment:update",
  params: environmentPath,
  body: updateEnvironmentBody,
  async handle({ ctx, params, body }) {
    const renamed = await renameEnvironment(ctx, { projectPublicId: params.projectId }, params.environment, body.slug);
    return { body: toEnvironmentDto(renamed) };
  },
});

export const DELETE = apiRoute({
  scope: "environment:delete",
  params: environmentPath,
  async handle({ ctx, params }) {
    await deleteEnvironment(ctx, { projectPublicId: params.projectId }, params.environment);
    return { status: 204 };
  },
});
