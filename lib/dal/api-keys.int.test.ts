import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { displayParts, generateKey, hashKey, parseKey, type KeyKind } from "@/lib/keys/format";
import { KEY_PAGE_SIZE } from "@/lib/validations/keys";
import {
  addMember,
  expectDalError,
  memberContext,
  observable,
  requestFrom,
  signUp,
  type TestAccount,
} from "@/test/factories";
import { createApiKey, deleteApiKey, KEY_CREATION_LIMIT, listApiKeys, type ApiKeyRow } from "./api-keys";
import { recordAudit } from "./audit";
import type { MemberContext } from "./context";
import { findMembership } from "./membership";
import { createProject } from "./projects";

// The API key data-access layer against a real, migrated database (PGlite and PostgreSQL). Each
// test that writes keys signs up its own owner, so row counts and the per-organization creation
// rate limit never depend on what other tests did.

const request = requestFrom("203.0.113.77", "Mozilla/5.0 (KeywardTest)");

const ROW_FIELDS = [
  "context",
  "createdAt",
  "createdBy",
  "environment",
  "expiresAt",
  "firstUsedAt",
  "id",
  "kind",
  "lastUsedAt",
  "maskedKey",
  "name",
  "overlapAfterFirstUseSeconds",
  "prefix",
  "publicValue",
  "roles",
  "rolledFromId",
  "rolledToId",
  "status",
];

function listQuery(projectSlug: string, overrides: Partial<{ environment: string; kind: KeyKind; page: number; search: string }> = {}) {
  return { projectSlug, environment: "dev", kind: "secret" as KeyKind, page: 1, ...overrides };
}

async function environmentOf(ctx: MemberContext, projectSlug: string, slug: string) {
  return db.environment.findFirstOrThrow({
    where: { slug, project: { slug: projectSlug, organizationId: ctx.organizationId } },
    select: { id: true, projectId: true },
  });
}

/** Writes key rows directly (no rate limit, chosen createdAt), for tests about reading them. */
async function insertKeys(
  ctx: MemberContext,
  projectSlug: string,
  rows: Array<{ name: string; createdAt?: Date; kind?: KeyKind; environment?: string }>,
) {
  const data = [];
  for (const row of rows) {
    const env = await environmentOf(ctx, projectSlug, row.environment ?? "dev");
    const kind = row.kind ?? "secret";
    const key = generateKey(kind);
    data.push({
      organizationId: ctx.organizationId,
      projectId: env.projectId,
      environmentId: env.id,
      kind: kind === "secret" ? ("SECRET" as const) : ("PUBLISHABLE" as const),
      name: row.name,
      hash: hashKey(key),
      ...displayParts(key),
      publicValue: kind === "publishable" ? key : null,
      createdById: ctx.userId,
      createdAt: row.createdAt ?? new Date(),
    });
  }
  await db.apiKey.createMany({ data });
}

/** Every row of every table in the database, each as one JSON text. */
async function everyRowAsText(): Promise<string[]> {
  const tables = await db.$queryRaw<Array<{ table_name: string }>>`
    SELECT table_name::text AS table_name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`;
  expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(["ApiKey", "AuditEvent", "User", "Session"]));
  const rows: string[] = [];
  for (const { table_name } of tables) {
    const quoted = `"${table_name.replaceAll('"', '""')}"`;
    const result = await db.$queryRawUnsafe<Array<{ row: string }>>(`SELECT row_to_json(t)::text AS row FROM ${quoted} t`);
    rows.push(...result.map((r) => r.row));
  }
  return rows;
}

/** Everything stored for one organization's keys and audit trail, to compare before and after. */
async function snapshot(organizationId: string) {
  return {
    keys: await db.apiKey.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    audit: await db.auditEvent.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
  };
}

async function auditCount(organizationId: string, action: string) {
  return db.auditEvent.count({ where: { organizationId, action } });
}

describe("createApiKey", () => {
  let owner: TestAccount;
  beforeAll(async () => {
    owner = await signUp({ request });
  });

  it("creates a secret key whose plaintext is returned once and stored nowhere", async () => {
    const { key, plaintext } = await createApiKey(owner.ctx, { projectSlug: owner.projectSlug, environment: "dev", kind: "secret", name: "Backend" });

    expect(parseKey(plaintext)).toEqual({ ok: true, kind: "secret", prefix: null });
    expect(plaintext).toMatch(/^sk_[0-9A-Za-z]{36}$/);

    const stored = await db.apiKey.findUniqueOrThrow({ where: { id: key.id }, omit: { hash: false } });
    expect(stored).toMatchObject({
      organizationId: owner.ctx.organizationId,
      kind: "SECRET",
      name: "Backend",
      hash: hashKey(plaintext),
      start: "sk_",
      last4: plaintext.slice(-4),
      publicValue: null,
      createdById: owner.userId,
      deletedAt: null,
      deletedById: null,
      lastUsedAt: null,
    });
    expect(stored.environmentId).toBe((await environmentOf(owner.ctx, owner.projectSlug, "dev")).id);

    const rows = await everyRowAsText();
    expect(rows.some((row) => row.includes(stored.hash))).toBe(true); // the scan does see key rows
    expect(rows.filter((row) => row.includes(plaintext))).toEqual([]);
    // Not even the random body without its prefix, nor the part a checksum scanner would match.
    expect(rows.filter((row) => row.includes(plaintext.slice(3, 33)))).toEqual([]);
  });

  it("creates a publishable key that is kept whole, since it is public by design", async () => {
    const { key, plaintext } = await createApiKey(owner.ctx, { projectSlug: owner.projectSlug, environment: "prod", kind: "publishable", name: "Web app" });

    expect(parseKey(plaintext)).toEqual({ ok: true, kind: "publishable", prefix: null });
    expect(plaintext.startsWith("pk_")).toBe(true);
    const stored = await db.apiKey.findUniqueOrThrow({ where: { id: key.id }, omit: { hash: false } });
    expect(stored).toMatchObject({ kind: "PUBLISHABLE", hash: hashKey(plaintext), start: "pk_", last4: plaintext.slice(-4), publicValue: plaintext });
    expect(key.publicValue).toBe(plaintext);
  });

  it("returns a display row with a masked key and no hash", async () => {
    const { key, plaintext } = await createApiKey(owner.ctx, { projectSlug: owner.projectSlug, environment: "dev", kind: "secret", name: "Row shape" });

    expect(Object.keys(key).sort()).toEqual(ROW_FIELDS);
    expect(key).toMatchObject({
      name: "Row shape",
      kind: "secret",
      maskedKey: `sk_…${plaintext.slice(-4)}`,
      publicValue: null,
      createdBy: "Ada Lovelace",
      lastUsedAt: null,
    });
    expect(JSON.stringify(key)).not.toContain(plaintext.slice(3, -4));
    expect(JSON.stringify(key)).not.toContain(hashKey(plaintext));
  });

  it("gives every key a different value and hash", async () => {
    const created = [];
    for (let i = 0; i < 5; i++) {
      created.push(await createApiKey(owner.ctx, { projectSlug: owner.projectSlug, environment: "dev", kind: "secret", name: `Batch ${i}` }));
    }
    expect(new Set(created.map((c) => c.plaintext)).size).toBe(5);
    const hashes = await db.apiKey.findMany({ where: { id: { in: created.map((c) => c.key.id) } }, select: { hash: true } });
    expect(new Set(hashes.map((h) => h.hash)).size).toBe(5);
  });

  it("answers NOT_FOUND for an environment or project the organization does not have", async () => {
    const before = await snapshot(owner.ctx.organizationId);
    for (const input of [
      { projectSlug: owner.projectSlug, environment: "staging" },
      { projectSlug: "no-such-project", environment: "dev" },
    ]) {
      const error = await expectDalError(createApiKey(owner.ctx, { ...input, kind: "secret", name: "Nowhere" }), "NOT_FOUND");
      expect(error.message).toBe("Environment not found.");
    }
    expect(await snapshot(owner.ctx.organizationId)).toEqual(before);
  });
});

describe("listApiKeys", () => {
  it("lists only the environment and kind asked for, newest first", async () => {
    const { ctx, projectSlug } = await signUp({ request });
    const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);
    // Inserted out of order, so the order shown must come from createdAt.
    await insertKeys(ctx, projectSlug, [
      { name: "dev secret, 3 min", createdAt: minutesAgo(3) },
      { name: "dev secret, 1 min", createdAt: minutesAgo(1) },
      { name: "dev secret, 2 min", createdAt: minutesAgo(2) },
      { name: "dev publishable", kind: "publishable", createdAt: minutesAgo(1) },
      { name: "prod secret", environment: "prod", createdAt: minutesAgo(1) },
    ]);

    const devSecret = await listApiKeys(ctx, listQuery(projectSlug));
    expect(devSecret.rows.map((r) => r.name)).toEqual(["dev secret, 1 min", "dev secret, 2 min", "dev secret, 3 min"]);
    expect(devSecret).toMatchObject({ total: 3, page: 1, pageCount: 1, pageSize: KEY_PAGE_SIZE });

    const devPublishable = await listApiKeys(ctx, listQuery(projectSlug, { kind: "publishable" }));
    expect(devPublishable.rows.map((r) => r.name)).toEqual(["dev publishable"]);
    expect(devPublishable.rows[0]?.publicValue).toMatch(/^pk_/);

    const prodSecret = await listApiKeys(ctx, listQuery(projectSlug, { environment: "prod" }));
    expect(prodSecret.rows.map((r) => r.name)).toEqual(["prod secret"]);
  });

  it("shows an empty first page for an environment without keys", async () => {
    const { ctx, projectSlug } = await signUp({ request });
    await createApiKey(ctx, { projectSlug, environment: "dev", kind: "secret", name: "dev only" });

    expect(await listApiKeys(ctx, listQuery(projectSlug, { environment: "prod" }))).toEqual({
      rows: [],
      total: 0,
      page: 1,
      pageCount: 1,
      pageSize: KEY_PAGE_SIZE,
    });
  });

  it("pages through keys made by createApiKey, and clamps a page past the end to the last page", async () => {
    const { ctx, projectSlug } = await signUp({ request });
    const created: string[] = [];
    for (let i = 1; i <= 23; i++) {
      created.push((await createApiKey(ctx, { projectSlug, environment: "dev", kind: "secret", name: `key ${i}` })).key.id);
    }

    const pages = [];
    for (const page of [1, 2, 3]) pages.push(await listApiKeys(ctx, listQuery(projectSlug, { page })));
    expect(pages.map((p) => [p.page, p.pageCount, p.total, p.rows.length])).toEqual([
      [1, 3, 23, 10],
      [2, 3, 23, 10],
      [3, 3, 23, 3],
    ]);
    const listed = pages.flatMap((p) => p.rows);
    expect(new Set(listed.map((r) => r.id))).toEqual(new Set(created));
    const times = listed.map((r) => r.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(listed.at(-1)?.createdAt.getTime()).toBe(Math.min(...times));

    const beyond = await listApiKeys(ctx, listQuery(projectSlug, { page: 99 }));
    expect(beyond.page).toBe(3);
    expect(beyond.rows.map((r) => r.id)).toEqual(pages[2]?.rows.map((r) => r.id));
  });

  it("filters by name, case-insensitively", async () => {
    const { ctx, projectSlug } = await signUp({ request });
    await insertKeys(ctx, projectSlug, [{ name: "Billing worker" }, { name: "billing cron" }, { name: "Search" }]);

    const found = await listApiKeys(ctx, listQuery(projectSlug, { search: "BILLING" }));
    expect(found.rows.map((r) => r.name).sort()).toEqual(["Billing worker", "billing cron"]);
    expect(found.total).toBe(2);
  });

  it("never returns a hash or a secret key's value, only the display fields", async () => {
    const { ctx, projectSlug } = await signUp({ request });
    const secret = await createApiKey(ctx, { projectSlug, environment: "dev", kind: "secret", name: "secret" });
    const publishable = await createApiKey(ctx, { projectSlug, environment: "dev", kind: "publishable", name: "publishable" });

    const rows: ApiKeyRow[] = [
      ...(await listApiKeys(ctx, listQuery(projectSlug))).rows,
      ...(await listApiKeys(ctx, listQuery(projectSlug, { kind: "publishable" }))).rows,
    ];
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(ROW_FIELDS);
      expect(row).not.toHaveProperty("hash");
    }
    const text = JSON.stringify(rows);
    expect(text).not.toContain(secret.plaintext);
    expect(text).not.toContain(hashKey(secret.plaintext));
    expect(text).not.toContain(hashKey(publishable.plaintext));
    expect(rows.find((r) => r.kind === "secret")).toMatchObject({ publicValue: null, maskedKey: `sk_…${secret.plaintext.slice(-4)}` });
    expect(rows.find((r) => r.kind === "publishable")).toMatchObject({ publicValue: publishable.plaintext });
  });

  it("leaves deleted keys out of the list and the count", async () => {
    const { ctx, projectSlug } = await signUp({ request });
    const kept = await createApiKey(ctx, { projectSlug, environment: "dev", kind: "secret", name: "kept" });
    const gone = await createApiKey(ctx, { projectSlug, environment: "dev", kind: "secret", name: "gone" });
    await deleteApiKey(ctx, { keyId: gone.key.id, confirmName: "gone" });

    const page = await listApiKeys(ctx, listQuery(projectSlug));
    expect(page.rows.map((r) => r.id)).toEqual([kept.key.id]);
    expect(page.total).toBe(1);
  });
});

describe("deleteApiKey", () => {
  it("refuses a confirmation name that does not match, and leaves the key live", async () => {
    const { ctx, projectSlug } = await signUp({ request });
    const { key } = await createApiKey(ctx, { projectSlug, environment: "dev", kind: "secret", name: "Payments" });

    for (const confirmName of ["payments", "Payment", "Payments ", ""]) {
      const error = await expectDalError(deleteApiKey(ctx, { keyId: key.id, confirmName }), "INVALID");
      expect(error.fieldErrors).toEqual({ confirmName: ['Type "Payments" exactly to confirm.'] });
    }
    expect(await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).toMatchObject({ deletedAt: null, deletedById: null });
    expect((await listApiKeys(ctx, listQuery(projectSlug))).rows.map((r) => r.id)).toEqual([key.id]);
  });

  it("marks the key deleted by the caller, and a second delete answers NOT_FOUND", async () => {
    const { ctx, projectSlug, userId } = await signUp({ request });
    const { key } = await createApiKey(ctx, { projectSlug, environment: "dev", kind: "secret", name: "Payments" });
    const before = Date.now();

    const deleted = await deleteApiKey(ctx, { keyId: key.id, confirmName: "Payments" });
    expect(deleted).toMatchObject({ id: key.id, name: "Payments", kind: "secret", publicValue: null });
    expect(Object.keys(deleted).sort()).toEqual(ROW_FIELDS);

    const stored = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(stored.deletedById).toBe(userId);
    expect(stored.deletedAt?.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    expect(stored.deletedAt?.getTime()).toBeLessThanOrEqual(Date.now() + 1_000);
    expect((await listApiKeys(ctx, listQuery(projectSlug))).total).toBe(0);

    const again = await expectDalError(deleteApiKey(ctx, { keyId: key.id, confirmName: "Payments" }), "NOT_FOUND");
    expect(again.message).toBe("API key not found.");
    expect(await auditCount(ctx.organizationId, "api_key.deleted")).toBe(1);
  });

  it("lets exactly one of two simultaneous deletes succeed, with one audit event", async () => {
    const { ctx, projectSlug } = await signUp({ request });
    const { key } = await createApiKey(ctx, { projectSlug, environment: "dev", kind: "secret", name: "Raced" });

    const results = await Promise.allSettled([
      deleteApiKey(ctx, { keyId: key.id, confirmName: "Raced" }),
      deleteApiKey(ctx, { keyId: key.id, confirmName: "Raced" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")?.reason).toMatchObject({ name: "DalError", code: "NOT_FOUND" });
    expect(await auditCount(ctx.organizationId, "api_key.deleted")).toBe(1);
  });
});

describe("tenancy: another organization's keys", () => {
  let a: TestAccount;
  let b: TestAccount;
  let aProjectSlug: string;
  let aKey: ApiKeyRow;

  beforeAll(async () => {
    a = await signUp({ name: "Alice", request });
    b = await signUp({ name: "Bob", request });
    // A project slug only A's organization has; "my-project" exists in both.
    aProjectSlug = (await createProject(a.ctx, "Payments API")).slug;
    aKey = (await createApiKey(a.ctx, { projectSlug: aProjectSlug, environment: "dev", kind: "secret", name: "Alice's key" })).key;
    await createApiKey(a.ctx, { projectSlug: a.projectSlug, environment: "dev", kind: "secret", name: "Alice's default key" });
  });

  // Each case: what B tries with A's identifiers, and the same call with identifiers that exist
  // nowhere. B must get the very same answer from both, so the error reveals nothing.
  const cases: Array<{ name: string; attempt: (ctx: MemberContext) => Promise<unknown>; nonexistent: (ctx: MemberContext) => Promise<unknown> }> = [
    {
      name: "listing keys of A's project",
      attempt: (ctx) => listApiKeys(ctx, listQuery(aProjectSlug)),
      nonexistent: (ctx) => listApiKeys(ctx, listQuery("no-such-project")),
    },
    {
      name: "creating a key in A's project",
      attempt: (ctx) => createApiKey(ctx, { projectSlug: aProjectSlug, environment: "dev", kind: "secret", name: "planted" }),
      nonexistent: (ctx) => createApiKey(ctx, { projectSlug: "no-such-project", environment: "dev", kind: "secret", name: "planted" }),
    },
    {
      name: "deleting A's key with its right name",
      attempt: (ctx) => deleteApiKey(ctx, { keyId: aKey.id, confirmName: aKey.name }),
      nonexistent: (ctx) => deleteApiKey(ctx, { keyId: "cnonexistentkeyid0000000", confirmName: aKey.name }),
    },
    {
      // A mismatch must not answer INVALID, which would confirm the id exists.
      name: "deleting A's key with a wrong name",
      attempt: (ctx) => deleteApiKey(ctx, { keyId: aKey.id, confirmName: "guess" }),
      nonexistent: (ctx) => deleteApiKey(ctx, { keyId: "cnonexistentkeyid0000000", confirmName: "guess" }),
    },
  ];

  it.each(cases)("$name answers NOT_FOUND, exactly like a nonexistent id, and changes nothing", async ({ attempt, nonexistent }) => {
    const aBefore = await snapshot(a.ctx.organizationId);
    const bBefore = await snapshot(b.ctx.organizationId);

    const error = await expectDalError(attempt(b.ctx), "NOT_FOUND");
    const reference = await expectDalError(nonexistent(b.ctx), "NOT_FOUND");
    expect(observable(error)).toEqual(observable(reference));

    expect(await snapshot(a.ctx.organizationId)).toEqual(aBefore);
    expect(await snapshot(b.ctx.organizationId)).toEqual(bBefore);
  });

  it("shows B only B's keys for a project slug both organizations have", async () => {
    const bKey = await createApiKey(b.ctx, { projectSlug: b.projectSlug, environment: "dev", kind: "secret", name: "Bob's key" });
    expect(b.projectSlug).toBe(a.projectSlug);

    const page = await listApiKeys(b.ctx, listQuery(b.projectSlug));
    expect(page.rows.map((r) => r.id)).toEqual([bKey.key.id]);
  });

  it("gives B no membership in A's organization, the same as for an organization that does not exist", async () => {
    expect(await findMembership(b.userId, a.orgSlug, request)).toBeNull();
    expect(await findMembership(b.userId, "no-such-org", request)).toBeNull();
    expect(await findMembership(b.userId, "NOT A SLUG", request)).toBeNull();
    expect(await findMembership(a.userId, a.orgSlug, request)).toMatchObject({ organizationId: a.ctx.organizationId, role: "OWNER" });
  });

  it("works the other way round too: A cannot delete B's key", async () => {
    // Even with the right id and a key of the same name in A's own organization.
    const bKey = await createApiKey(b.ctx, { projectSlug: b.projectSlug, environment: "dev", kind: "secret", name: aKey.name });
    await expectDalError(deleteApiKey(a.ctx, { keyId: bKey.key.id, confirmName: aKey.name }), "NOT_FOUND");
    expect(await db.apiKey.findUniqueOrThrow({ where: { id: bKey.key.id } })).toMatchObject({ deletedAt: null });
    expect(await db.apiKey.findUniqueOrThrow({ where: { id: aKey.id } })).toMatchObject({ deletedAt: null });
  });
});

describe("roles", () => {
  let owner: TestAccount;
  const members = {} as Record<Role, MemberContext>;

  beforeAll(async () => {
    owner = await signUp({ request });
    members.OWNER = owner.ctx;
    for (const role of ["ADMIN", "DEVELOPER", "VIEWER"] as const) members[role] = await addMember(owner.orgSlug, role, request);
  });

  it("lets a VIEWER list keys but not create or delete them, and writes nothing", async () => {
    const viewer = members.VIEWER;
    expect(viewer.role).toBe("VIEWER");
    const { key } = await createApiKey(owner.ctx, { projectSlug: owner.projectSlug, environment: "dev", kind: "secret", name: "Visible" });

    const page = await listApiKeys(viewer, listQuery(owner.projectSlug));
    expect(page.rows.map((r) => r.id)).toContain(key.id);

    const before = await snapshot(owner.ctx.organizationId);
    const createError = await expectDalError(
      createApiKey(viewer, { projectSlug: owner.projectSlug, environment: "dev", kind: "secret", name: "Nope" }),
      "FORBIDDEN",
    );
    expect(createError.message).toBe("Your role does not allow this.");
    await expectDalError(deleteApiKey(viewer, { keyId: key.id, confirmName: "Visible" }), "FORBIDDEN");
    // Checked before the lookup: a viewer cannot probe ids through the error either.
    await expectDalError(deleteApiKey(viewer, { keyId: "cnonexistentkeyid0000000", confirmName: "x" }), "FORBIDDEN");
    expect(await snapshot(owner.ctx.organizationId)).toEqual(before);
  });

  it.each(["DEVELOPER", "ADMIN", "OWNER"] as const)("lets a %s create and delete keys, audited as themselves", async (role) => {
    const member = members[role];
    expect(member.role).toBe(role);

    const { key } = await createApiKey(member, { projectSlug: owner.projectSlug, environment: "prod", kind: "secret", name: `${role} key` });
    expect((await listApiKeys(member, listQuery(owner.projectSlug, { environment: "prod" }))).rows.map((r) => r.id)).toContain(key.id);
    await deleteApiKey(member, { keyId: key.id, confirmName: `${role} key` });

    const stored = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(stored).toMatchObject({ createdById: member.userId, deletedById: member.userId });
    const events = await db.auditEvent.findMany({ where: { targetId: key.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    expect(events.map((e) => [e.action, e.actorUserId])).toEqual([
      ["api_key.created", member.userId],
      ["api_key.secret_shown", member.userId],
      ["api_key.deleted", member.userId],
    ]);
  });

  it("lets a member delete a key another member created", async () => {
    const { key } = await createApiKey(members.DEVELOPER, { projectSlug: owner.projectSlug, environment: "dev", kind: "publishable", name: "Shared" });
    await deleteApiKey(members.ADMIN, { keyId: key.id, confirmName: "Shared" });
    expect(await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).toMatchObject({
      createdById: members.DEVELOPER.userId,
      deletedById: members.ADMIN.userId,
    });
  });
});

describe("audit trail", () => {
  it("records api_key.created (and the one-time reveal) with the actor, target, place and request", async () => {
    const account = await signUp({ request });
    const ctx = await memberContext(account.userId, account.orgSlug, requestFrom("198.51.100.23", "curl/8.5.0"));
    const env = await environmentOf(ctx, account.projectSlug, "prod");
    const before = await db.auditEvent.count({ where: { organizationId: ctx.organizationId } });

    const { key, plaintext } = await createApiKey(ctx, { projectSlug: account.projectSlug, environment: "prod", kind: "secret", name: "Audited" });

    expect(await db.auditEvent.count({ where: { organizationId: ctx.organizationId } })).toBe(before + 2);
    const event = await db.auditEvent.findFirstOrThrow({ where: { organizationId: ctx.organizationId, action: "api_key.created" } });
    expect(event).toMatchObject({
      actorUserId: account.userId,
      actorType: "user",
      targetType: "api_key",
      targetId: key.id,
      projectId: env.projectId,
      environmentId: env.id,
      ip: "198.51.100.23",
      userAgent: "curl/8.5.0",
      metadata: { name: "Audited", kind: "secret", environment: "prod", start: "sk_", last4: plaintext.slice(-4) },
    });
  });

  it("records one api_key.deleted event with the actor, target, place and request", async () => {
    const account = await signUp({ request });
    const { key } = await createApiKey(account.ctx, { projectSlug: account.projectSlug, environment: "dev", kind: "publishable", name: "Doomed" });
    const env = await environmentOf(account.ctx, account.projectSlug, "dev");
    const deleter = await memberContext(account.userId, account.orgSlug, requestFrom("2001:db8::1", "Firefox"));
    const before = await db.auditEvent.count({ where: { organizationId: account.ctx.organizationId } });

    await deleteApiKey(deleter, { keyId: key.id, confirmName: "Doomed" });

    expect(await db.auditEvent.count({ where: { organizationId: account.ctx.organizationId } })).toBe(before + 1);
    const event = await db.auditEvent.findFirstOrThrow({ where: { targetId: key.id, action: "api_key.deleted" } });
    expect(event).toMatchObject({
      actorUserId: account.userId,
      targetType: "api_key",
      projectId: env.projectId,
      environmentId: env.id,
      ip: "2001:db8::1",
      userAgent: "Firefox",
      metadata: { name: "Doomed", kind: "publishable", start: "pk_", last4: key.maskedKey.slice(-4) },
    });
  });

  it("records nothing for calls that fail (FORBIDDEN, INVALID, NOT_FOUND)", async () => {
    const account = await signUp({ request });
    const viewer = await addMember(account.orgSlug, "VIEWER", request);
    const { key } = await createApiKey(account.ctx, { projectSlug: account.projectSlug, environment: "dev", kind: "secret", name: "Target" });
    const before = await snapshot(account.ctx.organizationId);

    await expectDalError(createApiKey(viewer, { projectSlug: account.projectSlug, environment: "dev", kind: "secret", name: "x" }), "FORBIDDEN");
    await expectDalError(deleteApiKey(viewer, { keyId: key.id, confirmName: "Target" }), "FORBIDDEN");
    await expectDalError(deleteApiKey(account.ctx, { keyId: key.id, confirmName: "target" }), "INVALID");
    await expectDalError(deleteApiKey(account.ctx, { keyId: "cnonexistentkeyid0000000", confirmName: "Target" }), "NOT_FOUND");
    await expectDalError(createApiKey(account.ctx, { projectSlug: account.projectSlug, environment: "qa", kind: "secret", name: "x" }), "NOT_FOUND");

    expect(await snapshot(account.ctx.organizationId)).toEqual(before);
  });

  describe("commits together with the change it records", () => {
    // PostgreSQL text cannot hold a NUL character, and only the audit row stores the user agent:
    // with one in the request, the key's own insert or update succeeds and the audit insert
    // right after it fails, inside the same transaction.
    const unrecordable = requestFrom("203.0.113.5", "agent\u0000with a NUL");

    it("rolls back a created key whose audit event cannot be written", async () => {
      const account = await signUp({ request });
      const ctx = await memberContext(account.userId, account.orgSlug, unrecordable);
      const before = await snapshot(ctx.organizationId);

      await expect(createApiKey(ctx, { projectSlug: account.projectSlug, environment: "dev", kind: "secret", name: "Unaudited" })).rejects.toThrow();

      expect(await snapshot(ctx.organizationId)).toEqual(before);
    });

    it("rolls back a deletion whose audit event cannot be written", async () => {
      const account = await signUp({ request });
      const { key } = await createApiKey(account.ctx, { projectSlug: account.projectSlug, environment: "dev", kind: "secret", name: "Survivor" });
      const ctx = await memberContext(account.userId, account.orgSlug, unrecordable);
      const before = await snapshot(ctx.organizationId);

      await expect(deleteApiKey(ctx, { keyId: key.id, confirmName: "Survivor" })).rejects.toThrow();

      expect(await snapshot(ctx.organizationId)).toEqual(before);
      expect((await listApiKeys(account.ctx, listQuery(account.projectSlug))).rows.map((r) => r.id)).toEqual([key.id]);
    });

    it("rolls back an audit event whose transaction fails after it was written", async () => {
      const account = await signUp({ request });
      const before = await snapshot(account.ctx.organizationId);

      await expect(
        db.$transaction(async (tx) => {
          await recordAudit(tx, account.ctx, { action: "api_key.created", target: { type: "api_key", id: "phantom" } });
          expect(await tx.auditEvent.count({ where: { targetId: "phantom" } })).toBe(1);
          throw new Error("the change failed after its audit event");
        }),
      ).rejects.toThrow("the change failed after its audit event");

      expect(await db.auditEvent.count({ where: { targetId: "phantom" } })).toBe(0);
      expect(await snapshot(account.ctx.organizationId)).toEqual(before);
    });
  });
});

describe("key creation rate limit", () => {
  const { perMinute } = KEY_CREATION_LIMIT;

  it(`allows ${perMinute} keys per organization per minute and refuses the next without writing it`, async () => {
    const { ctx, projectSlug } = await signUp({ request });
    await insertKeys(ctx, projectSlug, Array.from({ length: perMinute - 1 }, (_, i) => ({ name: `recent ${i}` })));

    await createApiKey(ctx, { projectSlug, environment: "dev", kind: "secret", name: `number ${perMinute}` });
    const before = await snapshot(ctx.organizationId);

    const error = await expectDalError(createApiKey(ctx, { projectSlug, environment: "prod", kind: "publishable", name: "one too many" }), "RATE_LIMITED");
    expect(error.message).toMatch(/Too many keys/);
    expect(await snapshot(ctx.organizationId)).toEqual(before);
    expect(await db.apiKey.count({ where: { organizationId: ctx.organizationId } })).toBe(perMinute);
  });

  it("counts only the last minute", async () => {
    const { ctx, projectSlug } = await signUp({ request });
    const older = new Date(Date.now() - 61_000);
    await insertKeys(ctx, projectSlug, Array.from({ length: perMinute }, (_, i) => ({ name: `older ${i}`, createdAt: older })));

    await createApiKey(ctx, { projectSlug, environment: "dev", kind: "secret", name: "fresh" });
  });

  it("holds under concurrency: of many simultaneous creations, exactly the remaining budget succeeds", async () => {
    const { ctx, projectSlug } = await signUp({ request });
    await insertKeys(ctx, projectSlug, Array.from({ length: perMinute - 5 }, (_, i) => ({ name: `recent ${i}` })));

    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => createApiKey(ctx, { projectSlug, environment: "dev", kind: "secret", name: `burst ${i}` })),
    );

    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    expect(await db.apiKey.count({ where: { organizationId: ctx.organizationId } })).toBe(perMinute);
  });

  it("counts each organization separately", async () => {
    const busy = await signUp({ request });
    const other = await signUp({ request });
    await insertKeys(busy.ctx, busy.projectSlug, Array.from({ length: perMinute }, (_, i) => ({ name: `busy ${i}` })));

    await expectDalError(createApiKey(busy.ctx, { projectSlug: busy.projectSlug, environment: "dev", kind: "secret", name: "x" }), "RATE_LIMITED");
    await createApiKey(other.ctx, { projectSlug: other.projectSlug, environment: "dev", kind: "secret", name: "unaffected" });
  });
});
