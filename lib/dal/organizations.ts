import "server-only";
import { db } from "@/lib/db";
import { canManageOrganization } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";
import { expiryWarningDaysSchema } from "@/lib/validations/organizations";
import { recordAudit } from "./audit";
import type { Context } from "./context";
import { DalError, forbidden, notFound } from "./errors";

export interface OrganizationSummary {
  slug: string;
  name: string;
  role: Role;
}

/** The organizations the user belongs to, for the switcher. Scoped by the user's memberships. */
export async function listMyOrganizations(userId: string): Promise<OrganizationSummary[]> {
  const memberships = await db.membership.findMany({
    where: { userId },
    select: { role: true, organization: { select: { slug: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
  return memberships.map((m) => ({ slug: m.organization.slug, name: m.organization.name, role: m.role }));
}

/** Where a signed-in user lands: the first project of their first organization. */
export async function findHomeProject(userId: string): Promise<{ orgSlug: string; projectSlug: string | null } | null> {
  const membership = await db.membership.findFirst({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: {
      organization: {
        select: { slug: true, projects: { select: { slug: true }, orderBy: { createdAt: "asc" }, take: 1 } },
      },
    },
  });
  if (!membership) return null;
  return { orgSlug: membership.organization.slug, projectSlug: membership.organization.projects[0]?.slug ?? null };
}

export interface OrganizationSettings {
  name: string;
  slug: string;
  expiryWarningDays: number;
}

export async function getOrganizationSettings(ctx: Context): Promise<OrganizationSettings> {
  const organization = await db.organization.findUnique({
    where: { id: ctx.organizationId },
    select: { name: true, slug: true, expiryWarningDays: true },
  });
  if (!organization) throw notFound("Organization");
  return organization;
}

/**
 * How many days ahead keys and tokens are flagged as expiring (1–90); an owner's or admin's
 * call, audited with before and after.
 */
export async function setExpiryWarningDays(ctx: Context, days: number): Promise<{ days: number }> {
  if (ctx.kind !== "member" || !canManageOrganization(ctx.role)) throw forbidden("Only owners and admins can change organization settings.");
  const parsed = expiryWarningDaysSchema.safeParse(days);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "Enter a number of days.";
    throw new DalError("INVALID", message, { days: [message] });
  }
  await db.$transaction(async (tx) => {
    const [before] = await tx.$queryRaw<Array<{ expiryWarningDays: number }>>`
      SELECT "expiryWarningDays" FROM "Organization" WHERE id = ${ctx.organizationId} FOR UPDATE`;
    if (!before) throw notFound("Organization");
    await tx.organization.update({ where: { id: ctx.organizationId }, data: { expiryWarningDays: parsed.data } });
    await recordAudit(tx, ctx, {
      action: "organization.updated",
      target: { type: "organization", id: ctx.organizationId },
      metadata: { before: { expiryWarningDays: before.expiryWarningDays }, after: { expiryWarningDays: parsed.data } },
    });
  });
  return { days: parsed.data };
}
