import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { LOG_PAGE_SIZE } from "@/lib/validations/logs";
import { addMember, expectDalError, requestFrom, signUp, type TestAccount } from "@/test/factories";
import type { MemberContext } from "./context";
import { listLogCredentials, listRequestLogs, pruneRequestLogs, setLogRetention } from "./request-logs";

// The request log's read side, pruning and retention setting, against a real database. Rows are
// written directly (as the usage flusher would), with chosen times, statuses and credentials.

const request = requestFrom("203.0.113.91", "vitest/request-logs");
const MINUTE = 60_000;
const DAY = 86_400_000;

async function environmentOf(ctx: MemberContext, projectSlug: string, slug: string) {
  return db.environment.findFirstOrThrow({
    where: { slug, project: { slug: projectSlug, organizationId: ctx.organizationId } },
    select: { id: true, projectId: true },
  });
}

interface LogInput {
  at: Date;
  status?: number;
  credentialId?: string;
  credentialName?: string;
  credentialKind?: string;
  path?: string;
  environment?: string;
}

async function insertLogs(account: TestAccount, rows: LogInput[]) {
  const data = [];
  for (const row of rows) {
    const env = await environmentOf(account.ctx, account.projectSlug, row.environment ?? "dev");
    data.push({
      organizationId: account.ctx.organizationId,
      projectId: env.projectId,
      environmentId: env.id,
      credentialKind: row.credentialKind ?? "secret",
      credentialId: row.credentialId ?? "key_a",
      credentialName: row.credentialName ?? "Backend",
      method: "GET",
      path: row.path ?? "/v1/data/posts",
      status: row.status ?? 200,
      latencyMs: 12,
      ip: "198.51.100.7",
      createdAt: row.at,
    });
  }
  await db.requestLog.createMany({ data });
}

function query(account: TestAccount, overrides: Partial<Parameters<typeof listRequestLogs>[1]> = {}) {
  return { project: account.projectSlug, environment: "dev", page: 1, ...overrides };
}

describe("listRequestLogs", () => {
  let owner: TestAccount;
  const now = new Date("2026-11-25T12:00:00.000Z");
  beforeAll(async () => {
    owner = await signUp({ request });
    await insertLogs(owner, [
      { at: new Date(now.getTime() - 1 * MINUTE), status: 200, credentialId: "key_a", path: "/newest" },
      { at: new Date(now.getTime() - 2 * MINUTE), status: 404, credentialId: "key_a" },
      { at: new Date(now.getTime() - 3 * MINUTE), status: 403, credentialId: "key_b", credentialName: "Web", credentialKind: "publishable" },
      { at: new Date(now.getTime() - 2 * DAY), status: 500, credentialId: "key_b", credentialName: "Web", credentialKind: "publishable" },
      { at: new Date(now.getTime() - 10 * DAY), status: 201, credentialId: "tok_1", credentialName: "CI", credentialKind: "access_token", path: "/oldest" },
      { at: new Date(now.getTime() - 1 * MINUTE), status: 200, environment: "prod", path: "/prod-only" },
    ]);
  });

  it("lists one environment, newest first, without secrets", async () => {
    const page = await listRequestLogs(owner.ctx, query(owner));
    expect(page.total).toBe(5);
    expect(page.rows.map((r) => r.path)).not.toContain("/prod-only");
    expect(page.rows[0]?.path).toBe("/newest");
    expect(page.rows.at(-1)?.path).toBe("/oldest");
    expect(Object.keys(page.rows[0] ?? {}).sort()).toEqual(
      ["createdAt", "credentialId", "credentialKind", "credentialName", "id", "ip", "latencyMs", "method", "path", "status"].sort(),
    );
  });

  it.each([
    ["2xx", [200, 201]],
    ["4xx", [404, 403]],
    ["5xx", [500]],
    [404, [404]],
  ] as const)("filters by status %s", async (status, expected) => {
    const page = await listRequestLogs(owner.ctx, query(owner, { status }));
    expect(page.rows.map((r) => r.status)).toEqual(expected);
  });

  it("filters by credential and by time range", async () => {
    expect((await listRequestLogs(owner.ctx, query(owner, { credentialId: "key_b" }))).rows.map((r) => r.status)).toEqual([403, 500]);
    const lastDay = await listRequestLogs(owner.ctx, query(owner, { from: new Date(now.getTime() - DAY) }));
    expect(lastDay.total).toBe(3);
    const window = await listRequestLogs(owner.ctx, query(owner, { from: new Date(now.getTime() - 3 * DAY), to: new Date(now.getTime() - DAY) }));
    expect(window.rows.map((r) => r.status)).toEqual([500]);
  });

  it("pages 50 at a time with a total, clamping the page number", async () => {
    const account = await signUp({ request });
    const base = now.getTime();
    await insertLogs(account, Array.from({ length: LOG_PAGE_SIZE + 7 }, (_, i) => ({ at: new Date(base - i * 1000), path: `/r/${i}` })));
    const first = await listRequestLogs(account.ctx, query(account));
    expect(first).toMatchObject({ total: LOG_PAGE_SIZE + 7, page: 1, pageCount: 2, pageSize: LOG_PAGE_SIZE });
    expect(first.rows).toHaveLength(LOG_PAGE_SIZE);
    const second = await listRequestLogs(account.ctx, query(account, { page: 2 }));
    expect(second.rows.map((r) => r.path)).toEqual(Array.from({ length: 7 }, (_, i) => `/r/${LOG_PAGE_SIZE + i}`));
    expect((await listRequestLogs(account.ctx, query(account, { page: 99 }))).page).toBe(2);
  });

  it("answers NOT_FOUND for another organization's project or an unknown environment", async () => {
    const other = await signUp({ request });
    const theirs = await db.project.findFirstOrThrow({ where: { organizationId: owner.ctx.organizationId }, select: { publicId: true } });
    await expectDalError(listRequestLogs(other.ctx, query(owner, { project: { projectPublicId: theirs.publicId } })), "NOT_FOUND");
    await expectDalError(listRequestLogs(owner.ctx, query(owner, { environment: "staging" })), "NOT_FOUND");
    await expectDalError(listLogCredentials(other.ctx, { project: { projectPublicId: theirs.publicId }, environment: "dev" }), "NOT_FOUND");
    // Same project slug in the caller's own organization: only their own (empty) log.
    expect((await listRequestLogs(other.ctx, query(other))).total).toBe(0);
  });

  it("lets every role read the log", async () => {
    const viewer = await addMember(owner.orgSlug, "VIEWER", request);
    expect((await listRequestLogs(viewer, query(owner))).total).toBe(5);
  });

  it("offers the credentials seen in the log plus the environment's live keys", async () => {
    const env = await environmentOf(owner.ctx, owner.projectSlug, "dev");
    await db.apiKey.create({
      data: {
        organizationId: owner.ctx.organizationId,
        projectId: env.projectId,
        environmentId: env.id,
        kind: "SECRET",
        name: "Unused key",
        hash: `hash-${Date.now()}`,
        start: "sk_",
        last4: "abcd",
      },
    });
    const credentials = await listLogCredentials(owner.ctx, { project: owner.projectSlug, environment: "dev" });
    expect(credentials.map((c) => [c.name, c.kind])).toEqual([
      ["Backend", "secret"],
      ["CI", "access_token"],
      ["Unused key", "secret"],
      ["Web", "publishable"],
    ]);
  });
});

describe("pruneRequestLogs", () => {
  it("deletes rows older than each project's retention and keeps newer ones", async () => {
    const now = new Date("2026-11-25T12:00:00.000Z");
    const shortLived = await signUp({ request });
    const defaulted = await signUp({ request });
    await setLogRetention(shortLived.ctx, shortLived.projectSlug, 7);
    for (const account of [shortLived, defaulted]) {
      await insertLogs(account, [
        { at: new Date(now.getTime() - 1 * DAY), path: "/1d" },
        { at: new Date(now.getTime() - 7 * DAY + MINUTE), path: "/just-under-7d" },
        { at: new Date(now.getTime() - 8 * DAY), path: "/8d" },
        { at: new Date(now.getTime() - 31 * DAY), path: "/31d" },
      ]);
    }
    const deleted = await pruneRequestLogs(now);
    expect(deleted).toBeGreaterThanOrEqual(3);

    const paths = async (account: TestAccount) =>
      (await db.requestLog.findMany({ where: { organizationId: account.ctx.organizationId }, orderBy: { createdAt: "desc" } })).map((r) => r.path);
    expect(await paths(shortLived)).toEqual(["/1d", "/just-under-7d"]);
    expect(await paths(defaulted)).toEqual(["/1d", "/just-under-7d", "/8d"]);
    expect(await pruneRequestLogs(now)).toBe(0);
  });
});

describe("setLogRetention", () => {
  let owner: TestAccount;
  beforeAll(async () => {
    owner = await signUp({ request });
  });

  it("stores the new retention and audits before and after", async () => {
    expect(await setLogRetention(owner.ctx, owner.projectSlug, 90)).toEqual({ logRetentionDays: 90 });
    const project = await db.project.findFirstOrThrow({ where: { organizationId: owner.ctx.organizationId, slug: owner.projectSlug } });
    expect(project.logRetentionDays).toBe(90);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { organizationId: owner.ctx.organizationId, action: "project.updated", targetId: project.id },
      orderBy: { createdAt: "desc" },
    });
    expect(audit).toMatchObject({ actorUserId: owner.userId, projectId: project.id, ip: "203.0.113.91" });
    expect(audit.metadata).toEqual({ before: { logRetentionDays: 30 }, after: { logRetentionDays: 90 } });
  });

  it.each([0, 366, 1.5, -3, Number.NaN])("refuses %s days with a field error", async (days) => {
    const error = await expectDalError(setLogRetention(owner.ctx, owner.projectSlug, days), "INVALID");
    expect(error.fieldErrors?.days?.length).toBe(1);
  });

  it("accepts the bounds 1 and 365", async () => {
    expect(await setLogRetention(owner.ctx, owner.projectSlug, 1)).toEqual({ logRetentionDays: 1 });
    expect(await setLogRetention(owner.ctx, owner.projectSlug, 365)).toEqual({ logRetentionDays: 365 });
  });

  it.each(["DEVELOPER", "VIEWER"] as const)("is forbidden to a %s and changes nothing", async (role) => {
    const member = await addMember(owner.orgSlug, role, request);
    const before = await db.auditEvent.count({ where: { organizationId: owner.ctx.organizationId } });
    await expectDalError(setLogRetention(member, owner.projectSlug, 5), "FORBIDDEN");
    expect(await db.auditEvent.count({ where: { organizationId: owner.ctx.organizationId } })).toBe(before);
  });

  it("answers NOT_FOUND for another organization's project", async () => {
    const other = await signUp({ request });
    const theirs = await db.project.findFirstOrThrow({ where: { organizationId: owner.ctx.organizationId } });
    await expectDalError(setLogRetention(other.ctx, { projectPublicId: theirs.publicId }, 5), "NOT_FOUND");
    expect((await db.project.findUniqueOrThrow({ where: { id: theirs.id } })).logRetentionDays).toBe(theirs.logRetentionDays);
  });
});
