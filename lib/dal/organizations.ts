import "server-only";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";

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
