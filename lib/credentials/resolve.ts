import "server-only";
import { db } from "@/lib/db";
import { grantsSchema, keyContextSchema, type CredentialRole, type KeyContext } from "@/lib/access/permissions";
import { capScopesToRole } from "@/lib/auth/scopes";
import { hashKey, parseKey } from "@/lib/keys/format";
import { cachedOrLoad, type CacheEntry } from "./cache";
import type { CredentialFailure, ResolvedCredential } from "./types";

export type LookupResult =
  | { ok: true; credential: ResolvedCredential; hash: string }
  /** `credential`: set when the key was recognised but is past its expiry. */
  | { ok: false; code: CredentialFailure; credential?: ResolvedCredential };

/**
 * The hot path of every authenticated request: checksum (no I/O), SHA-256, then the in-process
 * cache; the database only on a miss. Nothing is written here: last-used and the request log
 * are recorded in batches (usage.ts).
 */
export async function lookupCredential(presented: string, now = new Date()): Promise<LookupResult> {
  const parsed = parseKey(presented);
  if (!parsed.ok) return { ok: false, code: "MALFORMED" };
  const hash = hashKey(presented);

  const found = cachedOrLoad(hash, parsed.kind === "access_token" ? loadAccessTokenEntry : loadEnvironmentKeyEntry, now.getTime());
  // A hit is answered without awaiting: no extra microtask on the hot path.
  const entry = found instanceof Promise ? await found : found;
  if (entry.state === "missing") return { ok: false, code: "NOT_FOUND" };
  if (entry.state === "revoked") return { ok: false, code: "REVOKED" };
  if (entry.credential.expiresAt && entry.credential.expiresAt <= now) return { ok: false, code: "EXPIRED", credential: entry.credential };
  return { ok: true, credential: entry.credential, hash };
}

const loadEnvironmentKeyEntry = async (hash: string) => toEntry(await loadEnvironmentKey(hash));
const loadAccessTokenEntry = async (hash: string) => toEntry(await loadAccessToken(hash));

function toEntry(credential: ResolvedCredential | "revoked" | null): CacheEntry {
  if (credential === null) return { state: "missing" };
  if (credential === "revoked") return { state: "revoked" };
  return { state: "valid", credential };
}

async function loadEnvironmentKey(hash: string): Promise<ResolvedCredential | "revoked" | null> {
  const key = await db.apiKey.findUnique({
    where: { hash },
    select: {
      id: true,
      name: true,
      kind: true,
      organizationId: true,
      expiresAt: true,
      deletedAt: true,
      context: true,
      firstUsedAt: true,
      project: { select: { id: true, publicId: true } },
      environment: { select: { id: true, slug: true } },
      roles: roleSelect,
    },
  });
  if (!key) return null;
  if (key.deletedAt) return "revoked";
  return {
    kind: key.kind === "PUBLISHABLE" ? "publishable" : "secret",
    id: key.id,
    name: key.name,
    organizationId: key.organizationId,
    projectId: key.project.id,
    projectPublicId: key.project.publicId,
    environmentId: key.environment.id,
    environment: key.environment.slug,
    expiresAt: key.expiresAt,
    roles: key.roles.map(toCredentialRole),
    context: storedContext(key.context),
    firstUsed: key.firstUsedAt !== null,
  };
}

async function loadAccessToken(hash: string): Promise<ResolvedCredential | "revoked" | null> {
  const token = await db.accessToken.findUnique({
    where: { hash },
    select: {
      id: true,
      name: true,
      type: true,
      scopes: true,
      expiresAt: true,
      revokedAt: true,
      context: true,
      firstUsedAt: true,
      roles: roleSelect,
      organization: { select: { id: true, slug: true } },
      createdBy: { select: { disabledAt: true, memberships: { select: { organizationId: true, role: true } } } },
    },
  });
  if (!token) return null;
  if (token.revokedAt) return "revoked";
  // A token lives no longer than its creator's access: a disabled or departed creator ends it,
  // and a demoted one narrows it.
  const membership = token.createdBy?.memberships.find((m) => m.organizationId === token.organization.id);
  if (!token.createdBy || token.createdBy.disabledAt || !membership) return "revoked";
  return {
    kind: "access_token",
    id: token.id,
    name: token.name,
    organizationId: token.organization.id,
    organizationSlug: token.organization.slug,
    type: token.type,
    scopes: capScopesToRole(token.scopes, membership.role),
    expiresAt: token.expiresAt,
    roles: token.roles.map(toCredentialRole),
    context: storedContext(token.context),
    firstUsed: token.firstUsedAt !== null,
  };
}

const roleSelect = { select: { role: { select: { id: true, name: true, projectId: true, permissions: true } } } } as const;

function toCredentialRole({ role }: { role: { id: string; name: string; projectId: string; permissions: unknown } }): CredentialRole {
  // Written only through grantsSchema; a row that no longer parses grants nothing rather than
  // failing open.
  const grants = grantsSchema.safeParse(role.permissions);
  return { id: role.id, name: role.name, projectId: role.projectId, grants: grants.success ? grants.data : [] };
}

function storedContext(value: unknown): KeyContext {
  const context = keyContextSchema.safeParse(value);
  return context.success ? context.data : {};
}
