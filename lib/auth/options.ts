import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { requestInfoFrom } from "./request-info";
import { getAuthSecret } from "./secret";
import { endSession, SESSION_MAX_AGE_SECONDS, signInWithPassword } from "./sign-in";

/** Message thrown from authorize(); next-auth hands it to the sign-in form as `error`. */
export const THROTTLED_ERROR = "THROTTLED";
export const UNAVAILABLE_ERROR = "UNAVAILABLE";

// Self-hosted Keyward is reached at whatever host and port it runs on. Without NEXTAUTH_URL,
// let next-auth take the origin from the request instead of assuming http://localhost:3000.
if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "true";

let options: NextAuthOptions | undefined;

/** Built on first use, not at import, so that `next build` never generates a secret. */
export function getAuthOptions(): NextAuthOptions {
  options ??= {
    secret: getAuthSecret(),
    // Credentials sign-in requires JWT sessions in next-auth 4. The JWT only carries the id of a
    // server-side Session row, which lib/dal/session.ts checks on every request: deleting the
    // row (sign-out, disabled user) ends the session even for a copied cookie.
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          let result: Awaited<ReturnType<typeof signInWithPassword>>;
          try {
            result = await signInWithPassword(credentials, requestInfoFrom(req.headers ?? {}));
          } catch (error) {
            // next-auth puts a thrown message into the redirect URL: never a database error's.
            console.error("[auth] sign-in failed:", error);
            throw new Error(UNAVAILABLE_ERROR);
          }
          if (result.ok) return { id: result.userId, sessionId: result.sessionId };
          if (result.error === "THROTTLED") throw new Error(THROTTLED_ERROR);
          return null;
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.sessionId = user.sessionId;
        return token;
      },
      // Nothing beyond next-auth's defaults reaches the browser; the server reads the session
      // id from the cookie itself (lib/dal/session.ts).
      session({ session }) {
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (token.sessionId) await endSession(token.sessionId);
      },
    },
  };
  return options;
}
