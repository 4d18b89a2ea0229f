import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getAuthOptions } from "@/lib/auth/options";
import { requestInfoFrom } from "@/lib/auth/request-info";
import { db } from "@/lib/db";
import type { MemberContext, RequestInfo } from "./context";
import { findMembership } from "./membership";

export interface CurrentUser {
  id: string;
  name: string;
  email: string;
  sessionId: string;
}

/**
 * The signed-in user, or null. The cookie alone is not trusted: its server-side session must
 * still exist and be unexpired, and the user must not be disabled. Cached per request.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(getAuthOptions());
  if (!session?.sessionId) return null;
  const row = await db.session.findUnique({
    where: { id: session.sessionId },
    select: { expiresAt: true, user: { select: { id: true, name: true, email: true, disabledAt: true } } },
  });
  if (!row || row.expiresAt <= new Date() || row.user.disabledAt) return null;
  return { id: row.user.id, name: row.user.name, email: row.user.email, sessionId: session.sessionId };
});

/** The signed-in user; signed-out visitors are sent to /sign-in. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}

export async function currentRequestInfo(): Promise<RequestInfo> {
  return requestInfoFrom(await headers());
}

/**
 * The caller's membership in `orgSlug`, for pages and actions; answers 404 when there is none.
 * @example const ctx = await requireMember(params.orgSlug); await listApiKeys(ctx, …)
 */
export const requireMember = cache(async (orgSlug: string): Promise<MemberContext> => {
  const user = await requireUser();
  const ctx = await findMembership(user.id, orgSlug, await currentRequestInfo());
  if (!ctx) notFound();
  return ctx;
});

/** Like requireMember, for server actions: null instead of a 404 page, so the action can answer. */
export async function getMember(orgSlug: string): Promise<MemberContext | null> {
  const user = await getCurrentUser();
  if (!user) return null;
  return findMembership(user.id, orgSlug, await currentRequestInfo());
}
