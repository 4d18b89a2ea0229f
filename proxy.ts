import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIES } from "@/lib/auth/session-cookie";


/**
 * An optimistic gate only: visitors without a session cookie are sent to /sign-in before any
 * console page renders. It cannot tell a valid session from a revoked one; the data-access layer
 * (lib/dal/session.ts) checks that on every request, so a page can never rely on this alone.
 */
export function proxy(request: NextRequest) {
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (hasSession) return NextResponse.next();
  const signIn = new URL("/sign-in", request.url);
  const target = request.nextUrl.pathname + request.nextUrl.search;
  if (target !== "/") signIn.searchParams.set("callbackUrl", target);
  return NextResponse.redirect(signIn);
}

export const config = {
  // Everything but the auth pages, the APIs (/api, and the data API /v1: they authenticate
  // themselves), and static files.
  // (sign-in/sign-up only as whole segments: an organization slug may start with those words.)
  matcher: ["/((?!api/|v1/|sign-(?:in|up)(?:/|$)|_next/|favicon\\.ico|.*\\.(?:png|svg|ico|txt|webmanifest)$).*)"],
};
