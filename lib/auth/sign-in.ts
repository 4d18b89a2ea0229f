import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { signInSchema } from "@/lib/validations/auth";
import type { RequestInfo } from "@/lib/dal/context";
import { verifyPassword } from "./password";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/**
 * Failed sign-ins are counted per account (the submitted email, whether or not it exists, so
 * the answers stay identical) and per client IP. Over the limit within the window, the subject
 * is locked out for LOCKOUT_MS; a successful sign-in clears the account's counter.
 */
export const THROTTLE = { windowMs: 15 * 60_000, lockoutMs: 15 * 60_000, accountLimit: 5, ipLimit: 20 } as const;

export type SignInResult =
  | { ok: true; userId: string; sessionId: string }
  | { ok: false; error: "INVALID_CREDENTIALS" | "THROTTLED" };

export async function signInWithPassword(credentials: unknown, request: RequestInfo): Promise<SignInResult> {
  const parsed = signInSchema.safeParse(credentials);
  if (!parsed.success) return { ok: false, error: "INVALID_CREDENTIALS" };
  const { email, password } = parsed.data;
  const subjects = [`account:${email}`, ...(request.ip ? [`ip:${request.ip}`] : [])];

  const now = new Date();
  const locks = await db.signInThrottle.findMany({
    where: { subject: { in: subjects }, lockedUntil: { gt: now } },
    select: { subject: true },
  });
  if (locks.length > 0) return { ok: false, error: "THROTTLED" };

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, disabledAt: true },
  });
  // Always verify, against a dummy hash for unknown emails, so timing does not tell them apart.
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !passwordOk || user.disabledAt) {
    await recordFailure(subjects, now);
    return { ok: false, error: "INVALID_CREDENTIALS" };
  }

  const sessionId = randomBytes(32).toString("base64url");
  await db.$transaction([
    db.signInThrottle.deleteMany({ where: { subject: `account:${email}` } }),
    db.session.create({
      data: {
        id: sessionId,
        userId: user.id,
        expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
        ip: request.ip,
        userAgent: request.userAgent?.slice(0, 512),
      },
    }),
  ]);
  return { ok: true, userId: user.id, sessionId };
}

async function recordFailure(subjects: string[], now: Date): Promise<void> {
  const windowStart = new Date(now.getTime() - THROTTLE.windowMs);
  const lockedUntil = new Date(now.getTime() + THROTTLE.lockoutMs);
  for (const subject of subjects) {
    const limit = subject.startsWith("ip:") ? THROTTLE.ipLimit : THROTTLE.accountLimit;
    // One atomic upsert, so concurrent failures are all counted: a counter older than the
    // window restarts at 1, and reaching the limit sets the lockout. The driver adapters send
    // parameters as text, which PostgreSQL will not assign to a timestamp column or compare with
    // one inside CASE: hence the casts (Prisma keeps DateTime as UTC in timestamp(3)).
    await db.$executeRaw`
      INSERT INTO "SignInThrottle" ("subject", "failures", "windowStart", "lockedUntil")
      VALUES (${subject}, 1, ${now}::timestamp(3), ${limit <= 1 ? lockedUntil : null}::timestamp(3))
      ON CONFLICT ("subject") DO UPDATE SET
        "failures" = CASE WHEN "SignInThrottle"."windowStart" < ${windowStart}::timestamp(3) THEN 1 ELSE "SignInThrottle"."failures" + 1 END,
        "windowStart" = CASE WHEN "SignInThrottle"."windowStart" < ${windowStart}::timestamp(3) THEN ${now}::timestamp(3) ELSE "SignInThrottle"."windowStart" END,
        "lockedUntil" = CASE
          WHEN "SignInThrottle"."windowStart" >= ${windowStart}::timestamp(3) AND "SignInThrottle"."failures" + 1 >= ${limit}::int THEN ${lockedUntil}::timestamp(3)
          ELSE NULL END`;
  }
}

/** Ends one server-side session: the cookie that points at it stops working at once. */
export async function endSession(sessionId: string): Promise<void> {
  await db.session.deleteMany({ where: { id: sessionId } });
}
