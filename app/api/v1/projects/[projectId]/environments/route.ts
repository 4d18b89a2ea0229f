// GET /api/v1/projects/{projectId}/environments – the project's environments (environment:read)
// POST /api/v1/projects/{projectId}/environments – add one, e.g. staging (environment:create)
import { apiRoute } from "@/lib/api/route";
import { createEnvironmentBody, pageQuery, projectPath, toEnvironmentDto } from "@/lib/api/schemas";
import { createEnvironment, listEnvironments } from "@/lib/dal/projects";

export const GET = apiRoute({
  scope: "environment:read",
  params: projectPath,
  query: pageQuery,
  async handle({ ctx, params, query }) {
    // A project has at most 20 environments: one page always holds them all.
    const environments = await listEnvironments(ctx, { projectPublicId: params.projectId });
    return { body: { data: environments.slice(0, query.limit).map(toEnvironmentDto), nextCursor: null } };
  },
});

export const POST = apiRoute({
  scope: "environment:create",
  params: projectPath,
  body: createEnvironmentBody,
  async handle({ ctx, params, body }) {
    const environment = await createEnvironment(ctx, { projectPublicId: params.projectId }, body.slug);
    return { status: 201, body: toEnvironmentDto({ slug: environment.slug, createdAt: environment.createdAt ?? new Date() }) };
  },
});
