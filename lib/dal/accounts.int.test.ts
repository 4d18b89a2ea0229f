import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { signUpSchema } from "@/lib/validations";
import { expectDalError, requestFrom, signUp, uniqueEmail } from "@/test/factories";
import { createAccount, DEFAULT_ENVIRONMENTS, DEFAULT_PROJECT_NAME } from "./accounts";

// Sign-up through createAccount against a real, migrated database (PGlite and PostgreSQL).

const request = requestFrom("192.0.2.44", "Mozilla/5.0 (vitest)");

describe("createAccount", () => {
  it("creates the user with a lower-cased email, an organization they own, and a first project", async () => {
    const email = uniqueEmail("Grace").toUpperCase();
    const account = await signUp({ name: "Grace Hopper", email: `  ${email}  `, request });

    const user = await db.user.findUniqueOrThrow({ where: { id: account.userId } });
    expect(user).toMatchObject({ name: "Grace Hopper", email: email.toLowerCase(), disabledAt: null });

    const organization = await db.organization.findUniqueOrThrow({
      where: { slug: account.orgSlug },
      include: { memberships: true, projects: { include: { environments: true } } },
    });
    expect(organization.name).toBe("Grace's organization");
    expect(organization.slug).toMatch(/^grace-hopper-[a-z0-9]{6}$/);
    expect(organization.memberships).toEqual([expect.objectContaining({ userId: account.userId, role: "OWNER" })]);

    expect(organization.projects).toHaveLength(1);
    const project = organization.projects[0];
    if (!project) throw new Error("no project");
    expect(project).toMatchObject({ name: DEFAULT_PROJECT_NAME, slug: "my-project" });
    expect(project.slug).toBe(account.projectSlug);
    expect(project.publicId).toMatch(/^proj_[0-9A-Za-z]{20}$/);
    expect(project.environments.map((env) => env.slug).sort()).toEqual([...DEFAULT_ENVIRONMENTS].sort());
    expect(project.environments).toHaveLength(2);

    expect(account.ctx).toMatchObject({ userId: account.userId, organizationId: organization.id, role: "OWNER" });
  });

  it("records the sign-up, the organization and the project as audit events of the new user", async () => {
    const account = await signUp({ request });
    const organization = await db.organization.findUniqueOrThrow({ where: { slug: account.orgSlug } });
    const project = await db.project.findFirstOrThrow({ where: { organizationId: organization.id } });

    const events = await db.auditEvent.findMany({ where: { organizationId: organization.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.action).sort()).toEqual(["organization.created", "project.created", "user.signed_up"]);
    for (const event of events) {
      expect(event).toMatchObject({ actorUserId: account.userId, actorType: "user", ip: request.ip, userAgent: request.userAgent });
    }
    const byAction = Object.fromEntries(events.map((e) => [e.action, e]));
    expect(byAction["user.signed_up"]).toMatchObject({ targetType: "user", targetId: account.userId });
    expect(byAction["organization.created"]).toMatchObject({ targetType: "organization", targetId: organization.id });
    expect(byAction["project.created"]).toMatchObject({
      targetType: "project",
      targetId: project.id,
      projectId: project.id,
      metadata: { name: DEFAULT_PROJECT_NAME, environments: ["dev", "prod"] },
    });
  });

  it("gives every account its own organization slug and project Project ID, even with the same name", async () => {
    const accounts = [await signUp({ name: "Sam" }), await signUp({ name: "Sam" }), await signUp({ name: "Sam" })];
    expect(new Set(accounts.map((a) => a.orgSlug)).size).toBe(3);
    const publicIds = await db.project.findMany({
      where: { organization: { slug: { in: accounts.map((a) => a.orgSlug) } } },
      select: { publicId: true },
    });
    expect(new Set(publicIds.map((p) => p.publicId)).size).toBe(3);
  });

  it("stores an Argon2id hash with OWASP's parameters, and default user queries omit it", async () => {
    const account = await signUp({ password: "a long enough password" });

    const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: account.userId }, select: { passwordHash: true } });
    expect(passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    expect(passwordHash).not.toContain("a long enough password");

    const byId = await db.user.findUniqueOrThrow({ where: { id: account.userId } });
    const listed = await db.user.findMany({ where: { id: account.userId } });
    const withRelations = await db.membership.findFirstOrThrow({ where: { userId: account.userId }, include: { user: true } });
    for (const user of [byId, listed[0], withRelations.user]) {
      expect(user).not.toHaveProperty("passwordHash");
    }
  });

  describe("with an email that already has an account", () => {
    it("answers CONFLICT on the email field, whatever its case, and creates nothing", async () => {
      const existing = await signUp({ email: uniqueEmail("taken") });
      const users = await db.user.count();
      const organizations = await db.organization.count();
      const events = await db.auditEvent.count();

      const error = await expectDalError(
        createAccount(signUpSchema.parse({ name: "Someone Else", email: existing.email.toUpperCase(), password: "another password" }), request),
        "CONFLICT",
      );
      expect(error.message).toBe("An account with this email already exists.");
      expect(error.fieldErrors).toEqual({ email: [expect.stringContaining("Sign in instead")] });

      expect(await db.user.count()).toBe(users);
      expect(await db.organization.count()).toBe(organizations);
      expect(await db.auditEvent.count()).toBe(events);
    });

    it("lets exactly one of two simultaneous sign-ups win, the other gets CONFLICT", async () => {
      const input = signUpSchema.parse({ name: "Racer", email: uniqueEmail("race"), password: "racing password" });
      const results = await Promise.allSettled([createAccount(input, request), createAccount(input, request)]);

      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const [rejected] = results.filter((r) => r.status === "rejected");
      expect(rejected?.reason).toMatchObject({ name: "DalError", code: "CONFLICT" });
      expect(await db.user.count({ where: { email: input.email } })).toBe(1);
      expect(await db.organization.count({ where: { memberships: { some: { user: { email: input.email } } } } })).toBe(1);
    });
  });
});
