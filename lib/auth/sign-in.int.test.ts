import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addMember, DEFAULT_PASSWORD, requestFrom, signUp, uniqueEmail, uniqueIp } from "@/test/factories";
import { endSession, reserveSignUp, SESSION_MAX_AGE_SECONDS, signInWithPassword } from "./sign-in";
import { signUpLimit, THROTTLE } from "./throttle";

// Password sign-in, sessions and throttling against a real, migrated database (PGlite and
// PostgreSQL). Each test uses its own accounts and client IPs, since throttling state is
// per email and per IP and the database is shared by the tests of this file.

const INVALID = { ok: false, error: "INVALID_CREDENTIALS" } as const;
const THROTTLED = { ok: false, error: "THROTTLED" } as const;

function from(ip: string | null = uniqueIp()) {
  return requestFrom(ip, "KeywardTest/sign-in");
}

async function failTimes(times: number, email: string, ip: string | null) {
  for (let i = 0; i < times; i++) {
    expect(await signInWithPassword({ email, password: `wrong password ${i}` }, from(ip))).toEqual(INVALID);
  }
}

describe("signInWithPassword", () => {
  it("records user.signed_in in every organization of the user, with the session's IP, and nothing on a failure", async () => {
    const other = await signUp();
    const account = await signUp();
    const colleague = await addMember(other.orgSlug, "DEVELOPER");
    const user = await db.user.findUniqueOrThrow({ where: { id: colleague.userId }, select: { email: true } });
    const ip = uniqueIp();

    expect(await signInWithPassword({ email: user.email, password: "not the password" }, from(ip))).toEqual(INVALID);
    expect(await db.auditEvent.count({ where: { actorUserId: colleague.userId, action: "user.signed_in" } })).toBe(0);

    const result = await signInWithPassword({ email: user.email, password: DEFAULT_PASSWORD }, requestFrom(ip, "Firefox/140"));
    expect(result.ok).toBe(true);
    const events = await db.auditEvent.findMany({
      where: { actorUserId: colleague.userId, action: "user.signed_in" },
      select: { organizationId: true, actorType: true, targetType: true, targetId: true, ip: true, userAgent: true },
    });
    const organizations = await db.membership.findMany({ where: { userId: colleague.userId }, select: { organizationId: true } });
    // Their own organization from sign-up, and the one they were added to; not `account`'s.
    expect(organizations).toHaveLength(2);
    expect(events.map((event) => event.organizationId).sort()).toEqual(organizations.map((m) => m.organizationId).sort());
    expect(events.map((event) => event.organizationId)).not.toContain(account.ctx.organizationId);
    for (const event of events) {
      expect(event).toMatchObject({ actorType: "user", targetType: "user", targetId: colleague.userId, ip, userAgent: "Firefox/140" });
    }
  });

  it("signs in with the right password and opens a 30-day server-side session", async () => {
    const account = await signUp();
    const ip = uniqueIp();
    const before = Date.now();

    const result = await signInWithPassword({ email: account.email, password: account.password }, requestFrom(ip, "Safari/17"));

    expect(result).toEqual({ ok: true, userId: account.userId, sessionId: expect.any(String) });
    if (!result.ok) return;
    expect(result.sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const session = await db.session.findUniqueOrThrow({ where: { id: result.sessionId } });
    expect(session).toMatchObject({ userId: account.userId, ip, userAgent: "Safari/17" });
    const thirtyDays = SESSION_MAX_AGE_SECONDS * 1000;
    expect(SESSION_MAX_AGE_SECONDS).toBe(30 * 24 * 60 * 60);
    expect(session.expiresAt.getTime()).toBeGreaterThanOrEqual(before + thirtyDays - 1_000);
    expect(session.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + thirtyDays + 1_000);
  });

  it("accepts the email in any case and with surrounding spaces", async () => {
    const account = await signUp();
    const result = await signInWithPassword({ email: `  ${account.email.toUpperCase()} `, password: account.password }, from());
    expect(result).toMatchObject({ ok: true, userId: account.userId });
  });

  it("opens a separate session for every sign-in", async () => {
    const account = await signUp();
    const first = await signInWithPassword({ email: account.email, password: account.password }, from());
    const second = await signInWithPassword({ email: account.email, password: account.password }, from());
    expect(first.ok && second.ok && first.sessionId !== second.sessionId).toBe(true);
    expect(await db.session.count({ where: { userId: account.userId } })).toBe(2);
  });

  it("answers a wrong password and an unknown email identically, and opens no session", async () => {
    const account = await signUp();
    const sessions = await db.session.count();

    const wrongPassword = await signInWithPassword({ email: account.email, password: "not the password" }, from());
    const unknownEmail = await signInWithPassword({ email: uniqueEmail("nobody"), password: account.password }, from());

    expect(wrongPassword).toEqual(INVALID);
    expect(unknownEmail).toStrictEqual(wrongPassword);
    expect(await db.session.count()).toBe(sessions);
  });

  it.each([
    ["nothing", undefined],
    ["an empty object", {}],
    ["no password", { email: "someone@example.com" }],
    ["an empty password", { email: "someone@example.com", password: "" }],
    ["a malformed email", { email: "not-an-email", password: "whatever password" }],
    ["a password over 256 characters", { email: "someone@example.com", password: "x".repeat(257) }],
    ["non-string fields", { email: ["a@example.com"], password: 12345678901 }],
  ])("answers INVALID_CREDENTIALS to %s", async (_, credentials) => {
    expect(await signInWithPassword(credentials, from())).toEqual(INVALID);
  });

  it("answers INVALID_CREDENTIALS to a disabled user with the right password, and opens no session", async () => {
    const account = await signUp();
    await db.user.update({ where: { id: account.userId }, data: { disabledAt: new Date() } });

    expect(await signInWithPassword({ email: account.email, password: account.password }, from())).toEqual(INVALID);
    expect(await db.session.count({ where: { userId: account.userId } })).toBe(0);
  });
});

describe("sign-in throttling", () => {
  it(`locks an account after ${THROTTLE.accountLimit} failures, even for the right password from another IP`, async () => {
    const victim = await signUp();
    const bystander = await signUp();
    const attackerIp = uniqueIp();

    const started = Date.now();
    await failTimes(THROTTLE.accountLimit, victim.email, attackerIp);

    // Stored as the instants they are, whatever the time zone of the process or the server.
    const row = await db.signInThrottle.findUniqueOrThrow({ where: { subject: `account:${victim.email}` } });
    expect(row.failures).toBe(THROTTLE.accountLimit);
    expect(row.windowStart.getTime()).toBeGreaterThanOrEqual(started - 1_000);
    expect(row.windowStart.getTime()).toBeLessThanOrEqual(Date.now() + 1_000);
    expect(row.lockedUntil?.getTime()).toBeGreaterThanOrEqual(started + THROTTLE.lockoutMs - 1_000);
    expect(row.lockedUntil?.getTime()).toBeLessThanOrEqual(Date.now() + THROTTLE.lockoutMs + 1_000);

    expect(await signInWithPassword({ email: victim.email, password: victim.password }, from(attackerIp))).toEqual(THROTTLED);
    expect(await signInWithPassword({ email: victim.email, password: victim.password }, from(uniqueIp()))).toEqual(THROTTLED);
    expect(await signInWithPassword({ email: victim.email.toUpperCase(), password: victim.password }, from(null))).toEqual(THROTTLED);
    expect(await db.session.count({ where: { userId: victim.userId } })).toBe(0);

    // Another account from another IP is not affected.
    expect(await signInWithPassword({ email: bystander.email, password: bystander.password }, from(uniqueIp()))).toMatchObject({ ok: true });
  });

  it("does not lock below the limit, and a successful sign-in starts the count again", async () => {
    const account = await signUp();
    const ip = uniqueIp();

    await failTimes(THROTTLE.accountLimit - 1, account.email, ip);
    expect(await signInWithPassword({ email: account.email, password: account.password }, from(ip))).toMatchObject({ ok: true });
    expect(await db.signInThrottle.findUnique({ where: { subject: `account:${account.email}` } })).toBeNull();

    await failTimes(THROTTLE.accountLimit - 1, account.email, ip);
    expect(await signInWithPassword({ email: account.email, password: account.password }, from(ip))).toMatchObject({ ok: true });
  });

  it("throttles unknown emails the same way as real ones, so the lockout reveals nothing", async () => {
    const email = uniqueEmail("ghost");
    await failTimes(THROTTLE.accountLimit, email, uniqueIp());
    expect(await signInWithPassword({ email, password: "anything at all" }, from())).toEqual(THROTTLED);
  });

  it(`locks a client IP after ${THROTTLE.ipLimit} failures across different emails`, async () => {
    const account = await signUp();
    const attackerIp = uniqueIp();

    for (let i = 0; i < THROTTLE.ipLimit; i++) {
      expect(await signInWithPassword({ email: uniqueEmail(`spray${i}`), password: "Summer2024!" }, from(attackerIp))).toEqual(INVALID);
    }

    expect(await signInWithPassword({ email: account.email, password: account.password }, from(attackerIp))).toEqual(THROTTLED);
    // The account itself had no failures: from another IP it signs in.
    expect(await signInWithPassword({ email: account.email, password: account.password }, from(uniqueIp()))).toMatchObject({ ok: true });
  });

  it("lets an account sign in again once the lockout has passed", async () => {
    const account = await signUp();
    await failTimes(THROTTLE.accountLimit, account.email, uniqueIp());
    expect(await signInWithPassword({ email: account.email, password: account.password }, from())).toEqual(THROTTLED);

    await db.signInThrottle.update({
      where: { subject: `account:${account.email}` },
      data: { lockedUntil: new Date(Date.now() - 1_000) },
    });

    expect(await signInWithPassword({ email: account.email, password: account.password }, from())).toMatchObject({ ok: true });
  });

  it("forgets failures older than the window", async () => {
    const account = await signUp();
    const ip = uniqueIp();
    await failTimes(THROTTLE.accountLimit - 1, account.email, ip);
    await db.signInThrottle.update({
      where: { subject: `account:${account.email}` },
      data: { windowStart: new Date(Date.now() - THROTTLE.windowMs - 1_000) },
    });

    await failTimes(1, account.email, ip);

    expect(await db.signInThrottle.findUniqueOrThrow({ where: { subject: `account:${account.email}` } })).toMatchObject({
      failures: 1,
      lockedUntil: null,
    });
    expect(await signInWithPassword({ email: account.email, password: account.password }, from(ip))).toMatchObject({ ok: true });
  });

  it("counts every one of many simultaneous failures", async () => {
    const account = await signUp();
    const attempts = THROTTLE.accountLimit + 2;

    const results = await Promise.all(
      Array.from({ length: attempts }, (_, i) => signInWithPassword({ email: account.email, password: `parallel ${i}` }, from())),
    );

    expect(results.every((r) => !r.ok)).toBe(true);
    const row = await db.signInThrottle.findUniqueOrThrow({ where: { subject: `account:${account.email}` } });
    expect(row.lockedUntil).not.toBeNull();
    expect(await signInWithPassword({ email: account.email, password: account.password }, from())).toEqual(THROTTLED);
  });
});

describe("sign-in throttling under parallel guessing", () => {
  it(`lets only ${THROTTLE.accountLimit} of many simultaneous guesses reach the password check`, async () => {
    const account = await signUp();
    const guesses = THROTTLE.accountLimit * 3;

    // Each from its own IP, so only the per-account limit applies.
    const results = await Promise.all(
      Array.from({ length: guesses }, (_, i) => signInWithPassword({ email: account.email, password: `guess ${i}` }, from())),
    );

    const checked = results.filter((r) => !r.ok && r.error === "INVALID_CREDENTIALS").length;
    const throttled = results.filter((r) => !r.ok && r.error === "THROTTLED").length;
    expect({ checked, throttled }).toEqual({ checked: THROTTLE.accountLimit, throttled: guesses - THROTTLE.accountLimit });
  });
});

describe("endSession", () => {
  it("deletes the session row, and only that one", async () => {
    const account = await signUp();
    const first = await signInWithPassword({ email: account.email, password: account.password }, from());
    const second = await signInWithPassword({ email: account.email, password: account.password }, from());
    if (!first.ok || !second.ok) throw new Error("sign-in failed");

    await endSession(first.sessionId);

    expect(await db.session.findUnique({ where: { id: first.sessionId } })).toBeNull();
    expect(await db.session.findUnique({ where: { id: second.sessionId } })).not.toBeNull();
  });

  it("does nothing for a session that is already gone", async () => {
    await expect(endSession("no-such-session")).resolves.toBeUndefined();
  });
});

describe("reserveSignUp", () => {
  it("allows signUpLimit() sign-ups per client address within the window, then refuses that address only", async () => {
    const ip = uniqueIp();
    const now = new Date();
    const answers = [];
    for (let i = 0; i < signUpLimit() + 2; i++) answers.push(await reserveSignUp(from(ip), now));
    expect(answers).toEqual([...Array<boolean>(signUpLimit()).fill(true), false, false]);
    expect(await reserveSignUp(from(), now)).toBe(true);
    // Sign-ups do not lock the address out of signing in.
    const account = await signUp();
    expect(await signInWithPassword({ email: account.email, password: account.password }, from(ip))).toMatchObject({ ok: true });
  });

  it("counts many simultaneous sign-ups from one address exactly", async () => {
    const ip = uniqueIp();
    const answers = await Promise.all(Array.from({ length: signUpLimit() + 3 }, () => reserveSignUp(from(ip))));
    expect(answers.filter(Boolean)).toHaveLength(signUpLimit());
  });

  it("lets the address sign up again once the lockout is over", async () => {
    const ip = uniqueIp();
    const start = new Date();
    for (let i = 0; i < signUpLimit(); i++) await reserveSignUp(from(ip), start);
    expect(await reserveSignUp(from(ip), start)).toBe(false);
    expect(await reserveSignUp(from(ip), new Date(start.getTime() + THROTTLE.lockoutMs + 1_000))).toBe(true);
  });
});
