// GET|POST /api/auth/* – next-auth: credentials sign-in, sign-out, CSRF token, session.
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { getAuthOptions } from "@/lib/auth/options";

async function handler(request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(request, context, getAuthOptions());
}

export { handler as GET, handler as POST };
