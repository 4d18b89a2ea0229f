import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import { db } from "@/lib/db";
import { createAccount } from "@/lib/dal/accounts";
import type { MemberContext, RequestInfo } from "@/lib/dal/context";
import { DalError, type DalErrorCode } from "@/lib/dal/errors";
import { findMembership } from "@/lib/dal/membership";
import type { Role } from "@/lib/generated/prisma/enums";
import { signUpSchema } from "@/lib/validations";

// Builders for integration tests. Everything goes through the app's own code paths (sign-up,
// membership lookup) against the per-file test database; nothing here mocks the database.

/** A request as the DAL sees it after lib/auth/request-info.ts has read the headers. */
export function requestFrom(ip: string | null = "203.0.113.10", userAgent: string | null = "vitest/keyward"): RequestInfo {
  return { ip, userAgent };
}

/** An IPv4 address no other call in this test file returns. */
let ipCounter = 0;
export function uniqueIp(): string {
  ipCounter += 1;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

/** An email no other test in this file uses. */
export function uniqueEmail(label = "user"): string {
  return `${label}-${randomBytes(5).toString("hex")}@example.com`;
}

export const DEFAULT_PASSWORD = "correct horse battery staple";

export interface TestAccount {
  userId: string;
  email: string;
  password: string;
  orgSlug: string;
  projectSlug: string;
  /** The owner's context, built the way the app builds it after reading the session. */
  ctx: MemberContext;
}

/**
 * A user signed up through the real sign-up path: the form's schema, then createAccount (which
 * makes their organization, owned by them, and a first project with dev and prod).
 */
export async function signUp(
  options: { name?: string; email?: string; password?: string; request?: RequestInfo } = {},
): Promise<TestAccount> {
  const request = options.request ?? requestFrom();
  const input = signUpSchema.parse({
    name: options.name ?? "Ada Lovelace",
    email: options.email ?? uniqueEmail(),
    password: options.password ?? DEFAULT_PASSWORD,
  });
  const account = await createAccount(input, request);
  const ctx = await memberContext(account.userId, account.organizationSlug, request);
  return {
    userId: account.userId,
    email: input.email,
    password: input.password,
    orgSlug: account.organizationSlug,
    projectSlug: account.projectSlug,
    ctx,
  };
}

/** findMembership, failing the test when the user is not a member. */
export async function memberContext(userId: string, orgSlug: string, request: RequestInfo = requestFrom()): Promise<MemberContext> {
  const ctx = await findMembership(userId, orgSlug, request);
  if (!ctx) throw new Error(`Test setup: user ${userId} is not a member of ${orgSlug}`);
  return ctx;
}

/**
 * Another real user (with their own personal organization, as every sign-up gets) who is also a
 * member of `orgSlug` with `role`. Returns their context in that organization.
 */
export async function addMember(orgSlug: string, role: Role, request: RequestInfo = requestFrom()): Promise<MemberContext> {
  const { userId } = await signUp({ name: `${role.toLowerCase()} member`, request });
  const organization = await db.organization.findUniqueOrThrow({ where: { slug: orgSlug }, select: { id: true } });
  await db.membership.create({ data: { organizationId: organization.id, userId, role } });
  return memberContext(userId, orgSlug, request);
}

/** Awaits `promise`, expects it to reject with a DalError of `code`, and returns that error. */
export async function expectDalError(promise: Promise<unknown>, code: DalErrorCode): Promise<DalError> {
  const error = await promise.then(
    () => {
      throw new Error(`Expected a DalError ${code}, but the call succeeded`);
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(DalError);
  expect((error as DalError).code).toBe(code);
  return error as DalError;
}

/** The parts of a DalError a caller (and so an attacker) can observe. */
export function observable(error: DalError) {
  return { code: error.code, message: error.message, fieldErrors: error.fieldErrors };
}
