import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Context } from "./context";

const DAY_MS = 86_400_000;

/** How many days ahead the console warns about expiring keys and tokens (Organization.expiryWarningDays). */
export const getExpiryWarningDays = cache(async (ctx: Context): Promise<number> => {
  const organization = await db.organization.findUniqueOrThrow({ where: { id: ctx.organizationId }, select: { expiryWarningDays: true } });
  return organization.expiryWarningDays;
});

export interface ExpiringSummary {
  warningDays: number;
  keys: number;
  tokens: number;
  /** Where the first expiring key lives, for the banner's link; null when only tokens expire. */
  firstKey: { projectSlug: string; environment: string } | null;
}

/**
 * Live keys and tokens of the organization that expire within the warning window: the console
 * banner. Rolled credentials are left out: their end is the point of the roll, not news.
 * Two counts over the organization's credentials and one row lookup, on every console page.
 */
export async function countExpiring(ctx: Context, now = new Date()): Promise<ExpiringSummary> {
  const warningDays = await getExpiryWarningDays(ctx);
  const expiresAt = { gt: now, lte: new Date(now.getTime() + warningDays * DAY_MS) };
  const keyWhere: Prisma.ApiKeyWhereInput = { organizationId: ctx.organizationId, deletedAt: null, rolledToId: null, expiresAt };
  const [keys, tokens, first] = await Promise.all([
    db.apiKey.count({ where: keyWhere }),
    db.accessToken.count({ where: { organizationId: ctx.organizationId, revokedAt: null, rolledToId: null, expiresAt } }),
    db.apiKey.findFirst({
      where: keyWhere,
      orderBy: { expiresAt: "asc" },
      select: { project: { select: { slug: true } }, environment: { select: { slug: true } } },
    }),
  ]);
  return { warningDays, keys, tokens, firstKey: first ? { projectSlug: first.project.slug, environment: first.environment.slug } : null };
}
