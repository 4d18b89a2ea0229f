import "server-only";
import { notFound as notFoundPage } from "next/navigation";
import { cache } from "react";
import { db } from "@/lib/db";
import { slugSchema } from "@/lib/validations/projects";
import { assertCan, type Context } from "./context";
import { recordAudit } from "./audit";
import { createProjectIn } from "./accounts";
import { DalError, isUniqueViolation, notFound } from "./errors";
import { requireMember } from "./session";

export interface ProjectSummary {
  id: string;
  slug: string;
  name: string;
  publicId: string;
}

export interface EnvironmentSummary {
  id: string;
  slug: string;
}

export interface ProjectDetail extends ProjectSummary {
  createdAt: Date;
  environments: EnvironmentSummary[];
}

// dev first, prod last, anything the user added in between, alphabetically.
function environmentOrder(slug: string): string {
  return slug === "dev" ? "0" : slug === "prod" ? "2" : `1${slug}`;
}

export async function listProjects(ctx: Context): Promise<ProjectSummary[]> {
  assertCan(ctx, "project:read");
  return db.project.findMany({
    where: { organizationId: ctx.organizationId },
    select: { id: true, slug: true, name: true, publicId: true },
    orderBy: { createdAt: "asc" },
  });
}

/** The project with its environments, or null when it is not in the caller's organization. */
export async function findProject(ctx: Context, projectSlug: string): Promise<ProjectDetail | null> {
  assertCan(ctx, "project:read");
  if (!slugSchema.safeParse(projectSlug).success) return null;
  const project = await db.project.findUnique({
    where: { organizationId_slug: { organizationId: ctx.organizationId, slug: projectSlug } },
    select: {
      id: true,
      slug: true,
      name: true,
      publicId: true,
      createdAt: true,
      environments: { select: { id: true, slug: true } },
    },
  });
  if (!project) return null;
  project.environments.sort((a, b) => environmentOrder(a.slug).localeCompare(environmentOrder(b.slug)));
  return project;
}

export async function getProject(ctx: Context, projectSlug: string): Promise<ProjectDetail> {
  const project = await findProject(ctx, projectSlug);
  if (!project) throw notFound("Project");
  return project;
}

export async function createProject(ctx: Context, name: string): Promise<ProjectSummary> {
  assertCan(ctx, "project:create");
  return db.$transaction((tx) => createProjectIn(tx, ctx, name));
}

export const MAX_ENVIRONMENTS_PER_PROJECT = 20;

export async function createEnvironment(ctx: Context, projectSlug: string, slug: string): Promise<EnvironmentSummary> {
  assertCan(ctx, "environment:create");
  const project = await getProject(ctx, projectSlug);
  if (project.environments.some((env) => env.slug === slug)) {
    throw new DalError("CONFLICT", `This project already has an environment named ${slug}.`, {
      slug: [`"${slug}" already exists in this project.`],
    });
  }
  if (project.environments.length >= MAX_ENVIRONMENTS_PER_PROJECT) {
    throw new DalError("INVALID", `A project can have at most ${MAX_ENVIRONMENTS_PER_PROJECT} environments.`);
  }
  try {
    return await db.$transaction(async (tx) => {
      const environment = await tx.environment.create({
        data: { projectId: project.id, slug, name: slug },
        select: { id: true, slug: true },
      });
      await recordAudit(tx, ctx, {
        action: "environment.created",
        target: { type: "environment", id: environment.id },
        projectId: project.id,
        environmentId: environment.id,
        metadata: { slug },
      });
      return environment;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DalError("CONFLICT", `This project already has an environment named ${slug}.`, {
        slug: [`"${slug}" already exists in this project.`],
      });
    }
    throw error;
  }
}

/**
 * For project pages: the caller's membership and the project, or the 404 page. Cached per
 * request so the layout and the page share one lookup.
 */
export const requireProject = cache(async (orgSlug: string, projectSlug: string) => {
  const ctx = await requireMember(orgSlug);
  const project = await findProject(ctx, projectSlug);
  if (!project) notFoundPage();
  return { ctx, project };
});
