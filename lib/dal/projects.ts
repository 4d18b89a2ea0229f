import "server-only";
import { notFound as notFoundPage } from "next/navigation";
import { cache } from "react";
import { db } from "@/lib/db";
import { slugSchema } from "@/lib/validations/projects";
import { assertCan, projectKey, type Context, type ProjectRef } from "./context";
import { announceInvalidation, invalidateLocally } from "@/lib/credentials/invalidation";
import { afterCursor, NEWEST_FIRST, pageOf } from "./cursor";
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
  createdAt: Date;
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
export async function findProject(ctx: Context, ref: ProjectRef): Promise<ProjectDetail | null> {
  assertCan(ctx, "project:read");
  return loadProject(ctx, ref);
}

export async function getProject(ctx: Context, ref: ProjectRef): Promise<ProjectDetail> {
  const project = await findProject(ctx, ref);
  if (!project) throw notFound("Project");
  return project;
}

/**
 * The tenant-scoped lookup without a scope check, for operations that have checked their own
 * scope: a token with exactly `environment:create` must not also need `project:read`.
 */
async function loadProject(ctx: Context, ref: ProjectRef): Promise<ProjectDetail | null> {
  const key = projectKey(ref);
  if ("slug" in key && !slugSchema.safeParse(key.slug).success) return null;
  const project = await db.project.findFirst({
    where: { organizationId: ctx.organizationId, ...key },
    select: {
      id: true,
      slug: true,
      name: true,
      publicId: true,
      createdAt: true,
      environments: { select: { id: true, slug: true, createdAt: true } },
    },
  });
  if (!project) return null;
  project.environments.sort((a, b) => environmentOrder(a.slug).localeCompare(environmentOrder(b.slug)));
  return project;
}

async function requireLoadedProject(ctx: Context, ref: ProjectRef): Promise<ProjectDetail> {
  const project = await loadProject(ctx, ref);
  if (!project) throw notFound("Project");
  return project;
}

export async function createProject(ctx: Context, name: string): Promise<ProjectDetail> {
  assertCan(ctx, "project:create");
  // Two projects created at once with the same name may pick the same free slug; the unique
  // index refuses the second, which then picks again.
  let project: Awaited<ReturnType<typeof createProjectIn>> | undefined;
  for (let attempt = 1; !project; attempt++) {
    try {
      project = await db.$transaction((tx) => createProjectIn(tx, ctx, name));
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 3) throw error;
    }
  }
  project.environments.sort((a, b) => environmentOrder(a.slug).localeCompare(environmentOrder(b.slug)));
  return project;
}

export const MAX_ENVIRONMENTS_PER_PROJECT = 20;

function environmentExists(slug: string): DalError {
  return new DalError("CONFLICT", `This project already has an environment named ${slug}.`, {
    slug: [`"${slug}" already exists in this project.`],
  });
}

export async function createEnvironment(ctx: Context, ref: ProjectRef, slug: string): Promise<EnvironmentSummary> {
  assertCan(ctx, "environment:create");
  const project = await requireLoadedProject(ctx, ref);
  if (project.environments.some((env) => env.slug === slug)) {
    throw environmentExists(slug);
  }
  if (project.environments.length >= MAX_ENVIRONMENTS_PER_PROJECT) {
    throw new DalError("INVALID", `A project can have at most ${MAX_ENVIRONMENTS_PER_PROJECT} environments.`);
  }
  try {
    return await db.$transaction(async (tx) => {
      const environment = await tx.environment.create({
        data: { projectId: project.id, slug, name: slug },
        select: { id: true, slug: true, createdAt: true },
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
      throw environmentExists(slug);
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

const projectSelect = { id: true, slug: true, name: true, publicId: true, createdAt: true } as const;

/** Projects of the organization, newest first, by cursor (the REST API's list). */
export async function listProjectsAfter(ctx: Context, query: { cursor?: string; limit: number }) {
  assertCan(ctx, "project:read");
  const projects = await db.project.findMany({
    where: { organizationId: ctx.organizationId, ...afterCursor(query.cursor) },
    select: { ...projectSelect, environments: { select: { slug: true } } },
    orderBy: NEWEST_FIRST,
    take: query.limit + 1,
  });
  return pageOf(projects, query.limit);
}

export async function renameProject(ctx: Context, ref: ProjectRef, name: string): Promise<ProjectDetail> {
  assertCan(ctx, "project:update");
  const project = await requireLoadedProject(ctx, ref);
  await db.$transaction(async (tx) => {
    // A project deleted meanwhile is not renamed (or audited as renamed): it is not found.
    const { count } = await tx.project.updateMany({ where: { id: project.id, organizationId: ctx.organizationId }, data: { name } });
    if (count === 0) throw notFound("Project");
    await recordAudit(tx, ctx, {
      action: "project.updated",
      target: { type: "project", id: project.id },
      projectId: project.id,
      metadata: { before: { name: project.name }, after: { name } },
    });
  });
  return { ...project, name };
}

/** Deletes a project with its environments and keys: every key of it stops working. */
export async function deleteProject(ctx: Context, ref: ProjectRef): Promise<ProjectDetail> {
  assertCan(ctx, "project:delete");
  const project = await requireLoadedProject(ctx, ref);
  const hashes = await keyHashes({ projectId: project.id });
  await db.$transaction(async (tx) => {
    // Tokens are organization-wide: silently dropping this project's roles from them could leave
    // a token with no roles, and so with its scopes' full rights. The user decides instead.
    const holders = await tx.accessToken.count({ where: { revokedAt: null, roles: { some: { role: { projectId: project.id } } } } });
    if (holders > 0) {
      throw new DalError("CONFLICT", `${holders} access token${holders === 1 ? " holds" : "s hold"} roles of this project. Remove the roles from ${holders === 1 ? "it" : "them"} or revoke ${holders === 1 ? "it" : "them"} first.`);
    }
    // Revoked tokens keep their history, not their links to roles about to go.
    await tx.accessTokenRole.deleteMany({ where: { role: { projectId: project.id } } });
    const { count } = await tx.project.deleteMany({ where: { id: project.id, organizationId: ctx.organizationId } });
    if (count === 0) throw notFound("Project");
    await announceInvalidation(tx, hashes);
    await recordAudit(tx, ctx, {
      action: "project.deleted",
      target: { type: "project", id: project.id },
      metadata: { name: project.name, publicId: project.publicId },
    });
  });
  invalidateLocally(hashes);
  return project;
}

export async function listEnvironments(ctx: Context, ref: ProjectRef): Promise<EnvironmentSummary[]> {
  assertCan(ctx, "environment:read");
  const project = await requireLoadedProject(ctx, ref);
  const environments = await db.environment.findMany({
    where: { projectId: project.id },
    select: { id: true, slug: true, createdAt: true },
  });
  return environments.sort((a, b) => environmentOrder(a.slug).localeCompare(environmentOrder(b.slug)));
}

export async function getEnvironment(ctx: Context, ref: ProjectRef, slug: string): Promise<EnvironmentSummary> {
  assertCan(ctx, "environment:read");
  const environment = await db.environment.findFirst({
    where: { slug, project: { organizationId: ctx.organizationId, ...projectKey(ref) } },
    select: { id: true, slug: true, createdAt: true, projectId: true },
  });
  if (!environment) throw notFound("Environment");
  return environment;
}

/** Renames an environment: keys stay bound to it, clients send the new X-Environment. */
export async function renameEnvironment(ctx: Context, ref: ProjectRef, slug: string, newSlug: string): Promise<EnvironmentSummary> {
  assertCan(ctx, "environment:update");
  const environment = await db.environment.findFirst({
    where: { slug, project: { organizationId: ctx.organizationId, ...projectKey(ref) } },
    select: { id: true, slug: true, createdAt: true, projectId: true },
  });
  if (!environment) throw notFound("Environment");
  // Cached credentials carry the environment's name: they are re-read after the rename.
  const hashes = await keyHashes({ environmentId: environment.id });
  try {
    await db.$transaction(async (tx) => {
      const { count } = await tx.environment.updateMany({ where: { id: environment.id }, data: { slug: newSlug, name: newSlug } });
      if (count === 0) throw notFound("Environment");
      await announceInvalidation(tx, hashes);
      await recordAudit(tx, ctx, {
        action: "environment.updated",
        target: { type: "environment", id: environment.id },
        projectId: environment.projectId,
        environmentId: environment.id,
        metadata: { before: { slug }, after: { slug: newSlug } },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw environmentExists(newSlug);
    throw error;
  }
  invalidateLocally(hashes);
  return { id: environment.id, slug: newSlug, createdAt: environment.createdAt };
}

/** Deletes an environment and its keys (they stop working). A project keeps at least one. */
export async function deleteEnvironment(ctx: Context, ref: ProjectRef, slug: string): Promise<EnvironmentSummary> {
  assertCan(ctx, "environment:delete");
  const project = await requireLoadedProject(ctx, ref);
  const environment = project.environments.find((env) => env.slug === slug);
  if (!environment) throw notFound("Environment");
  const lastOne = () => new DalError("CONFLICT", "A project needs at least one environment; create another before deleting this one.");
  if (project.environments.length === 1) throw lastOne();
  const hashes = await keyHashes({ environmentId: environment.id });
  await db.$transaction(async (tx) => {
    // Checked again inside the transaction, with the project row locked so that concurrent
    // deletes (of dev and of prod, or of the same one twice) run one after the other: they
    // must neither empty the project nor fail with a 500.
    await tx.$executeRaw`SELECT 1 FROM "Project" WHERE "id" = ${project.id} FOR UPDATE`;
    const { count } = await tx.environment.deleteMany({ where: { id: environment.id, projectId: project.id } });
    if (count === 0) throw notFound("Environment");
    if ((await tx.environment.count({ where: { projectId: project.id } })) === 0) throw lastOne();
    await announceInvalidation(tx, hashes);
    await recordAudit(tx, ctx, {
      action: "environment.deleted",
      target: { type: "environment", id: environment.id },
      projectId: project.id,
      metadata: { slug, keysDeleted: hashes.length },
    });
  });
  invalidateLocally(hashes);
  return { id: environment.id, slug: environment.slug, createdAt: environment.createdAt };
}

/** Hashes of the live keys a project- or environment-wide change invalidates. */
async function keyHashes(where: { projectId: string } | { environmentId: string }): Promise<string[]> {
  const keys = await db.apiKey.findMany({ where: { ...where, deletedAt: null }, select: { hash: true } });
  return keys.map((key) => key.hash);
}
