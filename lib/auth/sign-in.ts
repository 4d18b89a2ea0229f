import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { signInSchema } from "@/lib/validations/auth";
import { recordAudit } from "@/lib/dal/audit";
import type { MemberContext, RequestInfo } from "@/lib/dal/context";
import { verifyPassword } from "./password";
import { signUpLimit, THROTTLE } from "./throttle";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export type SignInResult =
  | { ok: true; userId: string; sessionId: string }
  | { ok: false; error: "INVALID_CREDENTIALS" | "THROTTLED" };

export async function signInWithPassword(credentials: unknown, request: RequestInfo): Promise<SignInResult> {
  const parsed = signInSchema.safeParse(credentials);
  if (!parsed.success) return { ok: false, error: "INVALID_CREDENTIALS" };
  const { email, password } = parsed.data;
  const account = `account:${email}`;
  const subjects = [account, ...(request.ip ? [`ip:${request.ip}`] : [])];

  // Count the attempt before verifying: of many parallel guesses, only those within the limit
  // reach the password check (checking a lock first and counting afterwards let them all in).
  const now = new Date();
  const allowed = await reserveAttempts(
    subjects.map((subject) => ({ subject, limit: subject === account ? THROTTLE.accountLimit : THROTTLE.ipLimit })),
    now,
  );
  if (!allowed) return { ok: false, error: "THROTTLED" };

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, disabledAt: true },
  });
  // Always verify, against a dummy hash for unknown emails, so timing does not tell them apart.
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !passwordOk || user.disabledAt) return { ok: false, error: "INVALID_CREDENTIALS" };

  const sessionId = randomBytes(32).toString("base64url");
  await db.$transaction(async (tx) => {
    // A success clears the account's count and gives the IP its attempt back.
    await tx.signInThrottle.deleteMany({ where: { subject: account } });
    for (const subject of subjects.filter((s) => s !== account)) {
      await tx.signInThrottle.updateMany({ where: { subject, failures: { gt: 0 } }, data: { failures: { decrement: 1 } } });
    }
    await tx.session.create({
      data: {
        id: sessionId,
        userId: user.id,
        expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
        ip: request.ip,
        userAgent: request.userAgent?.slice(0, 512),
      },
    });
    // Audit events belong to one organization, so each organization the user is in gets its
    // own record of the sign-in; it commits with the session, or neither does.
    const memberships = await tx.membership.findMany({
      where: { userId: user.id },
      select: { role: true, organization: { select: { id: true, slug: true } } },
    });
    for (const membership of memberships) {
      const ctx: MemberContext = {
        kind: "member",
        userId: user.id,
        organizationId: membership.organization.id,
        organizationSlug: membership.organization.slug,
        role: membership.role,
        request,
      };
      await recordAudit(tx, ctx, { action: "user.signed_in", target: { type: "user", id: user.id } });
    }
  });
  return { ok: true, userId: user.id, sessionId };
}

/**
 * Counts a sign-up from this client address; false once the address has made signUpLimit() of
 * them within THROTTLE.windowMs. Each one costs an Argon2 hash and creates an organization, so
 * an unthrottled form would let one client spend the server's CPU and fill its database.
 */
export async function reserveSignUp(request: RequestInfo, now = new Date()): Promise<boolean> {
  // Next sets X-Forwarded-For on every request it serves; no address means no client to count.
  if (!request.ip) return true;
  return reserveAttempts([{ subject: `sign-up:${request.ip}`, limit: signUpLimit() }], now);
}

/**
 * Counts one attempt for each subject in one atomic upsert each, and says whether all of them
 * are still within their limit. A counter restarts when its window has passed or its lockout
 * has ended; reaching the limit starts a lockout of THROTTLE.lockoutMs.
 */
async function reserveAttempts(subjects: ReadonlyArray<{ subject: string; limit: number }>, now: Date): Promise<boolean> {
  const windowStart = new Date(now.getTime() - THROTTLE.windowMs);
  const lockedUntil = new Date(now.getTime() + THROTTLE.lockoutMs);
  let allowed = true;
  for (const { subject, limit } of subjects) {
    // The driver adapters send parameters as text, which PostgreSQL will not compare with a
    // timestamp inside CASE: hence the casts (Prisma keeps DateTime as UTC in timestamp(3)).
    const [row] = await db.$queryRaw<{ allowed: boolean }[]>`
      INSERT INTO "SignInThrottle" AS t ("subject", "failures", "windowStart", "lockedUntil")
      VALUES (${subject}, 1, ${now}::timestamp(3), CASE WHEN 1 >= ${limit}::int THEN ${lockedUntil}::timestamp(3) END)
      ON CONFLICT ("subject") DO UPDATE SET
        "failures" = CASE WHEN t."windowStart" < ${windowStart}::timestamp(3) OR t."lockedUntil" <= ${now}::timestamp(3)
          THEN 1 ELSE t."failures" + 1 END,
        "windowStart" = CASE WHEN t."windowStart" < ${windowStart}::timestamp(3) OR t."lockedUntil" <= ${now}::timestamp(3)
          THEN ${now}::timestamp(3) ELSE t."windowStart" END,
        "lockedUntil" = CASE
          WHEN t."lockedUntil" > ${now}::timestamp(3) THEN t."lockedUntil"
          WHEN t."windowStart" >= ${windowStart}::timestamp(3) AND t."lockedUntil" IS NULL AND t."failures" + 1 >= ${limit}::int
            THEN ${lockedUntil}::timestamp(3)
          ELSE NULL END
      RETURNING (t."failures" <= ${limit}::int) AS allowed`;
    if (!row?.allowed) allowed = false;
  }
  return allowed;
}

/** Ends one server-side session: the cookie that points at it stops working at once. */
export async function endSession(sessionId: string): Promise<void> {
  await db.session.deleteMany({ where: { id: sessionId } });
}
