// GET /api/v1/projects – list the organization's projects (project:read)
// POST /api/v1/projects – create a project with dev and prod environments (project:create)
import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { createProjectBody, pageQuery, toProjectDto } from "@/lib/api/schemas";
import { createProject, listProjectsAfter } from "@/lib/dal/projects";

const noParams = z.object({});

export const GET = apiRoute({
  scope: "project:read",
  params: noParams,
  query: pageQuery,
  async handle({ ctx, query }) {
    const page = await listProjectsAfter(ctx, query);
    return { body: { data: page.rows.map(toProjectDto), nextCursor: page.nextCursor } };
  },
});

export const POST = apiRoute({
  scope: "project:create",
  params: noParams,
  body: createProjectBody,
  async handle({ ctx, body }) {
    return { status: 201, body: toProjectDto(await createProject(ctx, body.name)) };
  },
});
