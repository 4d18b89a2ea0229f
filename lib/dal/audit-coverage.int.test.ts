import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { recordExpirations } from "@/lib/credentials/expiry";
import { recordFirstUses } from "@/lib/credentials/first-use";
import { db } from "@/lib/db";
import { tokenContext } from "@/lib/credentials/context";
import { lookupCredential } from "@/lib/credentials/resolve";
import { createAccessToken, revokeAccessToken, rollAccessToken, rollOwnAccessToken, updateAccessToken } from "./access-tokens";
import { createAccount } from "./accounts";
import { createApiKey, deleteApiKey, rollApiKey, updateApiKey } from "./api-keys";
import { createKeyRole, deleteKeyRole, updateKeyRole } from "./key-roles";
import { createEnvironment, createProject, deleteEnvironment, deleteProject, renameEnvironment, renameProject } from "./projects";
import { setExpiryWarningDays } from "./organizations";
import { setLogRetention } from "./request-logs";
import { requestFrom, signUp, uniqueEmail, type TestAccount } from "@/test/factories";

// Every lifecycle mutation writes its audit event in the same transaction as its change. Proof
// per mutation: it writes at least one event; and with every audit insert made to fail (a
// trigger), the mutation fails and leaves the database exactly as it was: had the event been
// written in another transaction, or not at all, the change would have stayed.
//
// The list is checked against the DAL's exports, so a new mutation without a case here fails;
// the background jobs that write system events (expiry, first use) are listed by hand.

const MUTATING_NAME = /^(create|update|delete|roll(?=[A-Z])|revoke|rename|set|add|remove|record)/;

/** Exports that look like mutations but are not lifecycle events of the audit trail. */
const EXEMPT: Record<string, string> = {
  createTable: "data plane: recorded in the request log, not the audit trail",
  deleteTable: "data plane: recorded in the request log, not the audit trail",
  createRow: "data plane: recorded in the request log, not the audit trail",
  updateRow: "data plane: recorded in the request log, not the audit trail",
  deleteRow: "data plane: recorded in the request log, not the audit trail",
  createProjectIn: "runs inside its caller's transaction (createAccount, createProject), which are covered",
  recordAudit: "the audit writer itself",
};

let owner: TestAccount;

async function secretKey(name: string, options: { expiresAt?: Date } = {}) {
  return createApiKey(owner.ctx, { projectSlug: owner.projectSlug, environment: "dev", kind: "secret", name, ...options });
}

async function token(name: string) {
  return createAccessToken(owner.ctx, { name, type: "BEARER_TOKEN", scopes: ["apikey:read"], expiresAt: new Date(Date.now() + 86_400_000) });
}

const grants = [{ table: "orders", actions: ["read" as const], conditions: [] }];

/** Each case: prepare (audited normally), then the mutation under test. */
const CASES: Record<string, () => Promise<() => Promise<unknown>>> = {
  createAccount: async () => () => createAccount({ name: "Audit Case", email: uniqueEmail("audit"), password: "correct horse battery staple" }, requestFrom()),
  createProject: async () => () => createProject(owner.ctx, "Audited project"),
  renameProject: async () => {
    const project = await createProject(owner.ctx, "To rename");
    return () => renameProject(owner.ctx, project.slug, "Renamed");
  },
  deleteProject: async () => {
    const project = await createProject(owner.ctx, "To delete");
    return () => deleteProject(owner.ctx, project.slug);
  },
  createEnvironment: async () => () => createEnvironment(owner.ctx, owner.projectSlug, `env${Date.now().toString(36)}`),
  renameEnvironment: async () => {
    const slug = `ren${Date.now().toString(36)}`;
    await createEnvironment(owner.ctx, owner.projectSlug, slug);
    return () => renameEnvironment(owner.ctx, owner.projectSlug, slug, `${slug}x`);
  },
  deleteEnvironment: async () => {
    const slug = `del${Date.now().toString(36)}`;
    await createEnvironment(owner.ctx, owner.projectSlug, slug);
    return () => deleteEnvironment(owner.ctx, owner.projectSlug, slug);
  },
  setLogRetention: async () => () => setLogRetention(owner.ctx, owner.projectSlug, 14),
  setExpiryWarningDays: async () => () => setExpiryWarningDays(owner.ctx, 14),
  createApiKey: async () => () => secretKey("audited"),
  updateApiKey: async () => {
    const { key } = await secretKey("to edit");
    return () => updateApiKey(owner.ctx, { keyId: key.id, name: "edited", context: { a: 1 } });
  },
  rollApiKey: async () => {
    const { key } = await secretKey("to roll");
    return () => rollApiKey(owner.ctx, { keyId: key.id, overlap: "1h" });
  },
  deleteApiKey: async () => {
    const { key } = await secretKey("to delete");
    return () => deleteApiKey(owner.ctx, { keyId: key.id });
  },
  createAccessToken: async () => () => token("audited"),
  updateAccessToken: async () => {
    const created = await token("to edit");
    return () => updateAccessToken(owner.ctx, { tokenId: created.token.id, name: "edited" });
  },
  rollAccessToken: async () => {
    const created = await token("to roll");
    return () => rollAccessToken(owner.ctx, { tokenId: created.token.id, overlap: "now" });
  },
  rollOwnAccessToken: async () => {
    const created = await token("rolls itself");
    const found = await lookupCredential(created.plaintext);
    if (!found.ok || found.credential.kind !== "access_token") throw new Error("Test setup: token refused");
    const ctx = tokenContext(found.credential, requestFrom());
    return () => rollOwnAccessToken(ctx, { overlap: "1h" });
  },
  revokeAccessToken: async () => {
    const created = await token("to revoke");
    return () => revokeAccessToken(owner.ctx, created.token.id);
  },
  createKeyRole: async () => () => createKeyRole(owner.ctx, owner.projectSlug, { name: `role ${Date.now()}`, description: "", grants }),
  updateKeyRole: async () => {
    const role = await createKeyRole(owner.ctx, owner.projectSlug, { name: `edit ${Date.now()}`, description: "", grants });
    return () => updateKeyRole(owner.ctx, owner.projectSlug, role.id, { name: role.name, description: "now described", grants });
  },
  deleteKeyRole: async () => {
    const role = await createKeyRole(owner.ctx, owner.projectSlug, { name: `drop ${Date.now()}`, description: "", grants });
    return () => deleteKeyRole(owner.ctx, owner.projectSlug, role.id);
  },
  recordExpirations: async () => {
    const { key } = await secretKey("expires", { expiresAt: new Date(Date.now() + 60_000) });
    await db.apiKey.update({ where: { id: key.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    return () => recordExpirations();
  },
  recordFirstUses: async () => {
    const { key } = await secretKey("rolled on first use");
    const rolled = await rollApiKey(owner.ctx, { keyId: key.id, overlap: "first_use_1h" });
    return () => recordFirstUses([{ kind: "secret", id: rolled.key.id, at: new Date() }]);
  },
};

/** Everything the audited mutations touch, in a comparable form. */
async function snapshot(): Promise<string> {
  const [users, organizations, projects, environments, keys, keyRoles, tokens, tokenRoles, roles, events] = await Promise.all([
    db.user.findMany({ orderBy: { id: "asc" } }),
    db.organization.findMany({ orderBy: { id: "asc" } }),
    db.project.findMany({ orderBy: { id: "asc" } }),
    db.environment.findMany({ orderBy: { id: "asc" } }),
    db.apiKey.findMany({ orderBy: { id: "asc" } }),
    db.apiKeyRole.findMany({ orderBy: [{ apiKeyId: "asc" }, { roleId: "asc" }] }),
    db.accessToken.findMany({ orderBy: { id: "asc" } }),
    db.accessTokenRole.findMany({ orderBy: [{ accessTokenId: "asc" }, { roleId: "asc" }] }),
    db.keyRole.findMany({ orderBy: { id: "asc" } }),
    db.auditEvent.count(),
  ]);
  return JSON.stringify({ users, organizations, projects, environments, keys, keyRoles, tokens, tokenRoles, roles, events });
}

async function failAuditWrites(on: boolean): Promise<void> {
  if (on) {
    await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION keyward_test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit write refused by the test'; END $$`);
    await db.$executeRawUnsafe(`CREATE TRIGGER keyward_test_refuse_audit BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION keyward_test_refuse_audit()`);
  } else {
    await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS keyward_test_refuse_audit ON "AuditEvent"`);
  }
}

beforeAll(async () => {
  owner = await signUp();
});

afterEach(async () => {
  await failAuditWrites(false);
});

describe("audit coverage", () => {
  it("has a case for every mutating export of the data-access layer", async () => {
    const modules = import.meta.glob<Record<string, unknown>>(["./*.ts", "!./*.test.ts"]);
    const mutating: string[] = [];
    for (const load of Object.values(modules)) {
      for (const [name, value] of Object.entries(await load())) {
        if (typeof value === "function" && MUTATING_NAME.test(name)) mutating.push(name);
      }
    }
    expect(mutating.length).toBeGreaterThan(15);
    expect(mutating.filter((name) => !(name in CASES) && !(name in EXEMPT)).sort()).toEqual([]);
  });

  for (const [name, prepare] of Object.entries(CASES)) {
    it(`${name} writes its audit event in the same transaction as its change`, async () => {
      const refused = await prepare();
      const before = await snapshot();
      await failAuditWrites(true);
      // Refused for the audit write, not for anything else.
      await expect(refused()).rejects.toThrow(/audit write refused/);
      await failAuditWrites(false);
      expect(await snapshot()).toBe(before);

      const audited = await prepare();
      const eventsBefore = await db.auditEvent.count();
      await audited();
      expect(await db.auditEvent.count()).toBeGreaterThan(eventsBefore);
    });
  }
});
