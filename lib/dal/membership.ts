import "server-only";
import { db } from "@/lib/db";
import { slugSchema } from "@/lib/validations/projects";
import type { MemberContext, RequestInfo } from "./context";

/**
 * Resolves the organization through the user's membership. No membership and no organization
 * look the same to the caller (null), so slugs of other organizations reveal nothing.
 */
export async function findMembership(userId: string, orgSlug: string, request: RequestInfo): Promise<MemberContext | null> {
  if (!slugSchema.safeParse(orgSlug).success) return null;
  const membership = await db.membership.findFirst({
    where: { userId, organization: { slug: orgSlug } },
    select: { role: true, organization: { select: { id: true, slug: true } } },
  });
  if (!membership) return null;
  return {
    kind: "member",
    userId,
    organizationId: membership.organization.id,
    organizationSlug: membership.organization.slug,
    role: membership.role,
    request,
  };
}
