import "server-only";
import { decode } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getAuthSecret } from "@/lib/auth/secret";
import { SESSION_COOKIES } from "@/lib/auth/session-cookie";
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
  // The session id is read from the signed cookie here, on the server; it is never part of the
  // session object next-auth serves to the browser at /api/auth/session.
  const jar = await cookies();
  const raw = SESSION_COOKIES.map((name) => jar.get(name)?.value).find(Boolean);
  if (!raw) return null;
  const token = await decode({ token: raw, secret: getAuthSecret() }).catch(() => null);
  const sessionId = token?.sessionId;
  if (!sessionId) return null;
  const row = await db.session.findUnique({
    where: { id: sessionId },
    select: { expiresAt: true, user: { select: { id: true, name: true, email: true, disabledAt: true } } },
  });
  if (!row || row.expiresAt <= new Date() || row.user.disabledAt) return null;
  return { id: row.user.id, name: row.user.name, email: row.user.email, sessionId };
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
