import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { signUp, uniqueEmail } from "@/test/factories";
import { pruneSignInState } from "./prune";
import { THROTTLE } from "./throttle";

const now = new Date("2026-12-07T12:00:00.000Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const later = (ms: number) => new Date(now.getTime() + ms);

describe("pruneSignInState", () => {
  it("deletes expired sessions and keeps live ones", async () => {
    const account = await signUp();
    const session = (expiresAt: Date) =>
      db.session.create({ data: { id: randomBytes(16).toString("hex"), userId: account.userId, expiresAt }, select: { id: true } });
    const expired = await session(ago(1));
    const expiringNow = await session(now);
    const live = await session(later(60_000));

    await pruneSignInState(now);

    const left = await db.session.findMany({ where: { id: { in: [expired.id, expiringNow.id, live.id] } }, select: { id: true } });
    expect(left).toEqual([{ id: live.id }]);
  });

  it("deletes throttle rows whose window and lockout are over, and keeps those that still count", async () => {
    const subject = (name: string) => `account:${name}-${uniqueEmail()}`;
    const rows = {
      spent: { subject: subject("spent"), failures: 3, windowStart: ago(THROTTLE.windowMs + 1), lockedUntil: null },
      lockoutOver: { subject: subject("lockout-over"), failures: 5, windowStart: ago(THROTTLE.windowMs + 1), lockedUntil: ago(1) },
      inWindow: { subject: subject("in-window"), failures: 2, windowStart: ago(THROTTLE.windowMs - 1_000), lockedUntil: null },
      stillLocked: { subject: subject("still-locked"), failures: 5, windowStart: ago(THROTTLE.windowMs + 1), lockedUntil: later(1_000) },
    };
    await db.signInThrottle.createMany({ data: Object.values(rows) });

    await pruneSignInState(now);

    const left = await db.signInThrottle.findMany({ where: { subject: { in: Object.values(rows).map((row) => row.subject) } }, select: { subject: true } });
    expect(left.map((row) => row.subject).sort()).toEqual([rows.inWindow.subject, rows.stillLocked.subject].sort());
  });
});
