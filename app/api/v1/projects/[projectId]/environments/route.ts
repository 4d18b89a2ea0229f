// GET /api/v1/projects/{projectId}/environments – the project's environments (environment:read)
// POST /api/v1/projects/{projectId}/environments – add one, e.g. staging (environment:create)
import { apiRoute } from "@/lib/api/route";
import { createEnvironmentBody, projectPath, toEnvironmentDto } from "@/lib/api/schemas";
import { createEnvironment, listEnvironments } from "@/lib/dal/projects";

export const GET = apiRoute({
  scope: "environment:read",
  params: projectPath,
  async handle({ ctx, params }) {
    // At most MAX_ENVIRONMENTS_PER_PROJECT (20): always one page, in the console's order.
    const environments = await listEnvironments(ctx, { projectPublicId: params.projectId });
    return { body: { data: environments.map(toEnvironmentDto), nextCursor: null } };
  },
});

export const POST = apiRoute({
  scope: "environment:create",
  params: projectPath,
  body: createEnvironmentBody,
  async handle({ ctx, params, body }) {
    const environment = await createEnvironment(ctx, { projectPublicId: params.projectId }, body.slug);
    return { status: 201, body: toEnvironmentDto(environment) };
  },
});
