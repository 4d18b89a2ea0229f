import "server-only";
import { randomBase62 } from "@/lib/keys/base62";
import { db, type Transaction } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { slugify, type SignUpInput } from "@/lib/validations";
import type { Context, MemberContext, RequestInfo } from "./context";
import { recordAudit } from "./audit";
import { DalError, isUniqueViolation } from "./errors";

export const DEFAULT_PROJECT_NAME = "My Project";
export const DEFAULT_ENVIRONMENTS = ["dev", "prod"] as const;


export function newProjectPublicId(): string {
  return `proj_${randomBase62(20)}`;
}

export interface NewAccount {
  userId: string;
  organizationSlug: string;
  projectSlug: string;
}

/**
 * Sign-up: the user, a personal organization they own, and a first project with `dev` and
 * `prod`, all in one transaction with their audit events.
 */
export async function createAccount(input: SignUpInput, request: RequestInfo): Promise<NewAccount> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { name: input.name, email: input.email, passwordHash },
        select: { id: true },
      });
      const organization = await tx.organization.create({
        data: {
          slug: organizationSlugFor(input.name),
          name: `${input.name.split(/\s+/)[0]}'s organization`,
          memberships: { create: { userId: user.id, role: "OWNER" } },
        },
        select: { id: true, slug: true },
      });
      const ctx: MemberContext = {
        kind: "member",
        userId: user.id,
        organizationId: organization.id,
        organizationSlug: organization.slug,
        role: "OWNER",
        request,
      };
      await recordAudit(tx, ctx, { action: "user.signed_up", target: { type: "user", id: user.id } });
      await recordAudit(tx, ctx, { action: "organization.created", target: { type: "organization", id: organization.id } });
      const project = await createProjectIn(tx, ctx, DEFAULT_PROJECT_NAME);
      return { userId: user.id, organizationSlug: organization.slug, projectSlug: project.slug };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      // The unique index is the arbiter (two sign-ups racing for one email both pass a pre-check).
      throw new DalError("CONFLICT", "An account with this email already exists.", {
        email: ["An account with this email already exists. Sign in instead."],
      });
    }
    throw error;
  }
}

function organizationSlugFor(name: string): string {
  // The random suffix keeps personal slugs unique and clear of the app's own paths (api, sign-in).
  return `${slugify(name, "org").slice(0, 30)}-${randomBase62(6).toLowerCase()}`;
}

/**
 * The organization-level pages beside /[orgSlug]/[projectSlug]: a project with one of these
 * slugs would be unreachable (static segments win), so they count as taken.
 */
export const ORGANIZATION_PAGES = ["access-tokens", "api-reference", "audit-log", "settings"] as const;

/** A project with the default environments, inside the caller's transaction. */
export async function createProjectIn(tx: Transaction, ctx: Context, name: string) {
  const taken = await tx.project.findMany({
    where: { organizationId: ctx.organizationId },
    select: { slug: true },
  });
  const slug = uniqueSlug(slugify(name, "project"), new Set([...ORGANIZATION_PAGES, ...taken.map((p) => p.slug)]));
  const project = await tx.project.create({
    data: {
      organizationId: ctx.organizationId,
      publicId: newProjectPublicId(),
      slug,
      name,
      environments: { create: DEFAULT_ENVIRONMENTS.map((env) => ({ slug: env, name: env })) },
    },
    select: { id: true, slug: true, name: true, publicId: true, createdAt: true, environments: { select: { id: true, slug: true, createdAt: true } } },
  });
  await recordAudit(tx, ctx, {
    action: "project.created",
    target: { type: "project", id: project.id },
    projectId: project.id,
    metadata: { name, environments: [...DEFAULT_ENVIRONMENTS] },
  });
  return project;
}

function uniqueSlug(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
