import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { environmentSlugSchema } from "@/lib/validations/projects";
import { addMember, expectDalError, observable, requestFrom, signUp, type TestAccount } from "@/test/factories";
import type { MemberContext } from "./context";
import { createAccessToken, revokeAccessToken } from "./access-tokens";
import { ORGANIZATION_PAGES } from "./accounts";
import { createKeyRole } from "./key-roles";
import { createEnvironment, createProject, deleteEnvironment, deleteProject, findProject, getProject, listProjects, MAX_ENVIRONMENTS_PER_PROJECT } from "./projects";

// Projects and environments against a real, migrated database (PGlite and PostgreSQL).

const request = requestFrom("203.0.113.9", "KeywardTest/projects");

async function environmentSlugs(ctx: MemberContext, projectSlug: string) {
  return (await getProject(ctx, projectSlug)).environments.map((env) => env.slug);
}

async function organizationState(organizationId: string) {
  return {
    environments: await db.environment.findMany({ where: { project: { organizationId } }, orderBy: { id: "asc" } }),
    audit: await db.auditEvent.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
  };
}

describe("createEnvironment", () => {
  let owner: TestAccount;
  beforeAll(async () => {
    owner = await signUp({ request });
  });

  it("adds an environment, audited, listed between dev and prod", async () => {
    const { projectSlug, ctx } = await signUp({ request });
    const project = await getProject(ctx, projectSlug);

    const environment = await createEnvironment(ctx, projectSlug, "staging");

    expect(environment).toEqual({ id: expect.any(String), slug: "staging", createdAt: expect.any(Date) });
    expect(await environmentSlugs(ctx, projectSlug)).toEqual(["dev", "staging", "prod"]);
    const events = await db.auditEvent.findMany({ where: { organizationId: ctx.organizationId, action: "environment.created" } });
    expect(events).toEqual([
      expect.objectContaining({
        actorUserId: ctx.userId,
        targetType: "environment",
        targetId: environment.id,
        projectId: project.id,
        environmentId: environment.id,
        ip: request.ip,
        userAgent: request.userAgent,
        metadata: { slug: "staging" },
      }),
    ]);
  });

  it("orders environments dev first, prod last, the rest alphabetically", async () => {
    const { projectSlug, ctx } = await signUp({ request });
    for (const slug of ["staging", "qa", "preview"]) await createEnvironment(ctx, projectSlug, slug);

    expect(await environmentSlugs(ctx, projectSlug)).toEqual(["dev", "preview", "qa", "staging", "prod"]);
  });

  it("answers CONFLICT for an environment the project already has, and writes nothing", async () => {
    await createEnvironment(owner.ctx, owner.projectSlug, "staging");
    const before = await organizationState(owner.ctx.organizationId);

    for (const slug of ["staging", "dev", "prod"]) {
      const error = await expectDalError(createEnvironment(owner.ctx, owner.projectSlug, slug), "CONFLICT");
      expect(error.fieldErrors).toEqual({ slug: [`"${slug}" already exists in this project.`] });
    }
    expect(await organizationState(owner.ctx.organizationId)).toEqual(before);
  });

  it("lets exactly one of two simultaneous creations of one environment win, the other gets CONFLICT", async () => {
    const { projectSlug, ctx } = await signUp({ request });

    const results = await Promise.allSettled([createEnvironment(ctx, projectSlug, "canary"), createEnvironment(ctx, projectSlug, "canary")]);

    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")?.reason).toMatchObject({ name: "DalError", code: "CONFLICT" });
    expect(await environmentSlugs(ctx, projectSlug)).toEqual(["dev", "canary", "prod"]);
    expect(await db.auditEvent.count({ where: { organizationId: ctx.organizationId, action: "environment.created" } })).toBe(1);
  });

  it(`refuses more than ${MAX_ENVIRONMENTS_PER_PROJECT} environments in a project`, async () => {
    const { projectSlug, ctx } = await signUp({ request });
    const project = await getProject(ctx, projectSlug);
    const extra = MAX_ENVIRONMENTS_PER_PROJECT - project.environments.length;
    await db.environment.createMany({
      data: Array.from({ length: extra }, (_, i) => ({ projectId: project.id, slug: `env-${i}`, name: `env-${i}` })),
    });

    await expectDalError(createEnvironment(ctx, projectSlug, "one-more"), "INVALID");
    expect((await getProject(ctx, projectSlug)).environments).toHaveLength(MAX_ENVIRONMENTS_PER_PROJECT);
  });

  it.each(["DEVELOPER", "VIEWER"] as const)("answers FORBIDDEN to a %s and writes nothing", async (role) => {
    const member = await addMember(owner.orgSlug, role, request);
    const before = await organizationState(owner.ctx.organizationId);

    await expectDalError(createEnvironment(member, owner.projectSlug, "forbidden"), "FORBIDDEN");

    expect(await organizationState(owner.ctx.organizationId)).toEqual(before);
  });

  it("lets an ADMIN add one", async () => {
    const admin = await addMember(owner.orgSlug, "ADMIN", request);
    await createEnvironment(admin, owner.projectSlug, "admin-made");
    expect(await environmentSlugs(owner.ctx, owner.projectSlug)).toContain("admin-made");
  });

  it("answers NOT_FOUND for another organization's project, exactly like a nonexistent one", async () => {
    const other = await signUp({ name: "Mallory", request });
    const ownerProject = await createProject(owner.ctx, "Internal Tools");
    const before = await organizationState(owner.ctx.organizationId);

    const error = await expectDalError(createEnvironment(other.ctx, ownerProject.slug, "planted"), "NOT_FOUND");
    const reference = await expectDalError(createEnvironment(other.ctx, "no-such-project", "planted"), "NOT_FOUND");
    expect(observable(error)).toEqual(observable(reference));
    expect(await organizationState(owner.ctx.organizationId)).toEqual(before);
    expect(await findProject(other.ctx, ownerProject.slug)).toBeNull();
  });

  it("takes slugs the form's schema normalised", async () => {
    const slug = environmentSlugSchema.parse("  Load-Test ");
    const environment = await createEnvironment(owner.ctx, owner.projectSlug, slug);
    expect(environment.slug).toBe("load-test");
  });
});

describe("createProject and listProjects", () => {
  it("creates a project with dev and prod and a unique slug, listed in creation order", async () => {
    const { ctx, projectSlug } = await signUp({ request });

    const first = await createProject(ctx, "My Project");
    const second = await createProject(ctx, "My Project");

    expect([projectSlug, first.slug, second.slug]).toEqual(["my-project", "my-project-2", "my-project-3"]);
    expect(await environmentSlugs(ctx, first.slug)).toEqual(["dev", "prod"]);
    expect(first.publicId).toMatch(/^proj_[0-9A-Za-z]{20}$/);
    expect((await listProjects(ctx)).map((p) => p.slug)).toEqual(["my-project", "my-project-2", "my-project-3"]);
  });

  it("answers FORBIDDEN to a DEVELOPER", async () => {
    const { orgSlug } = await signUp({ request });
    const developer = await addMember(orgSlug, "DEVELOPER", request);
    await expectDalError(createProject(developer, "Sneaky"), "FORBIDDEN");
    expect((await listProjects(developer)).map((p) => p.name)).toEqual(["My Project"]);
  });

  it("lists only the caller's organization's projects", async () => {
    const a = await signUp({ request });
    const b = await signUp({ request });
    await createProject(a.ctx, "Only In A");

    expect((await listProjects(b.ctx)).map((p) => p.name)).toEqual(["My Project"]);
    expect(await findProject(b.ctx, "only-in-a")).toBeNull();
    expect(await findProject(a.ctx, "not a slug")).toBeNull();
  });
});

describe("concurrent changes", () => {
  it("never leaves a project without environments when its last two are deleted at once", async () => {
    const { ctx, projectSlug } = await signUp({ request });
    const results = await Promise.allSettled([deleteEnvironment(ctx, projectSlug, "dev"), deleteEnvironment(ctx, projectSlug, "prod")]);

    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected");
    expect(refused?.status === "rejected" && refused.reason instanceof Error && refused.reason.message).toMatch(/at least one environment/);
    expect(await db.environment.count({ where: { project: { organizationId: ctx.organizationId, slug: projectSlug } } })).toBe(1);
  });

  it("answers NOT_FOUND, not a 500, to the second of two deletes of one environment", async () => {
    const { ctx, projectSlug } = await signUp({ request });
    await createEnvironment(ctx, projectSlug, "staging");
    const results = await Promise.allSettled([deleteEnvironment(ctx, projectSlug, "staging"), deleteEnvironment(ctx, projectSlug, "staging")]);

    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected");
    expect(refused?.status === "rejected" && refused.reason).toMatchObject({ code: "NOT_FOUND" });
  });

  it("gives two projects created at once with one name two slugs", async () => {
    const { ctx } = await signUp({ request });
    const [a, b] = await Promise.all([createProject(ctx, "Twin"), createProject(ctx, "Twin")]);
    expect(new Set([a.slug, b.slug])).toEqual(new Set(["twin", "twin-2"]));
  });
});

describe("deleting a project whose roles tokens hold", () => {
  it("is refused while a live token holds one, and works once the token is revoked", async () => {
    const account = await signUp();
    const project = await createProject(account.ctx, "Roles live here");
    const role = await createKeyRole(account.ctx, project.slug, { name: "reader", description: "", grants: [{ table: "*", actions: ["read"], conditions: [] }] });
    const { token } = await createAccessToken(account.ctx, {
      name: "held",
      type: "BEARER_TOKEN",
      scopes: ["table:data:read"],
      expiresAt: new Date(Date.now() + 86_400_000),
      roleIds: [role.id],
    });
    const error = await expectDalError(deleteProject(account.ctx, project.slug), "CONFLICT");
    expect(error.message).toContain("1 access token holds roles of this project");
    expect(await db.project.count({ where: { id: project.id } })).toBe(1);

    await revokeAccessToken(account.ctx, token.id);
    await deleteProject(account.ctx, project.slug);
    expect(await db.project.count({ where: { id: project.id } })).toBe(0);
    expect(await db.keyRole.count({ where: { id: role.id } })).toBe(0);
  });
});

describe("project slugs", () => {
  it("reserve every organization-level page of the console", () => {
    const dir = path.join(process.cwd(), "app/(console)/[orgSlug]");
    const pages = fs.readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory() && !entry.name.startsWith("["));
    expect(pages.map((page) => page.name).filter((name) => !(ORGANIZATION_PAGES as readonly string[]).includes(name))).toEqual([]);
  });

  it("never take the path of an organization-level page", async () => {
    const account = await signUp();
    for (const page of ORGANIZATION_PAGES) {
      const project = await createProject(account.ctx, page.replace("-", " "));
      expect(project.slug).toBe(`${page}-2`);
    }
  });
});
