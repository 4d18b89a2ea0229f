import "server-only";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import { requestInfoFrom } from "@/lib/auth/request-info";
import { ALL_SCOPES_WILDCARD, hasScope, type ResourceScope } from "@/lib/auth/scopes";
import { readCredentialHeaders } from "@/lib/credentials/headers";
import { lookupCredential } from "@/lib/credentials/resolve";
import type { AccessTokenCredential, CredentialFailure, EnvironmentKeyCredential, ResolvedCredential } from "@/lib/credentials/types";
import { recordUse } from "@/lib/credentials/usage";
import type { RequestInfo } from "@/lib/dal/context";
import { db } from "@/lib/db";
import { hashKey, parseKey } from "@/lib/keys/format";
import { scopesOf } from "./data-auth";
import { ApiError, errorResponse, toApiError } from "./errors";
import { addressRateLimitPerSecond, rateLimitPerSecond, takeRequest } from "./rate-limit";
import { readJsonBody, validationFailed } from "./route";
import type { keyVerificationDto, verifyKeyBody, VerifyCode } from "./schemas";

/**
 * POST /api/v1/keys/verify: the developer's own backend asks whether a key its client presented
 * is good. Not an apiRoute(): besides access tokens holding `apikey:read`, a secret key of the
 * project may call it, and neither needs X-Project-Id (so not authenticateDataRequest either).
 *
 * Once the caller is authenticated and the body is valid the answer is always 200, with
 * `valid` and a `code`; keys outside what the caller may see answer NOT_FOUND, exactly like
 * unknown ones, so the endpoint cannot be used to probe other projects or organizations.
 */

export type VerifyKeyBody = z.infer<typeof verifyKeyBody>;
export type KeyVerification = z.infer<typeof keyVerificationDto>;

/** Who asks: a secret key (bound to its project and environment) or an access token. */
export type Verifier = (EnvironmentKeyCredential & { kind: "secret" }) | AccessTokenCredential;

export const VERIFY_PATH = "/api/v1/keys/verify";

const REFUSED: Record<CredentialFailure, string> = {
  MALFORMED: "The caller's credential is malformed (its checksum does not match). Check that it was copied whole.",
  NOT_FOUND: "The caller's credential is not valid.",
  REVOKED: "The caller's credential has been deleted or revoked.",
  EXPIRED: "The caller's credential has expired.",
};

function unauthenticated(message: string): ApiError {
  return new ApiError("UNAUTHENTICATED", message, undefined, { "WWW-Authenticate": 'Bearer realm="keyward"' });
}

/**
 * The caller, from one header: `Authorization: Bearer …` or `X-API-Key: …`. 401 when missing or
 * refused; 403 for a publishable key (it ships to browsers) or a token without `scope`.
 */
export async function authenticateVerifier(request: NextRequest, scope: ResourceScope, now: Date): Promise<Verifier> {
  const presented = readCredentialHeaders(request.headers);
  if (!presented.ok) throw unauthenticated(presented.message);
  if (presented.bearer !== null && presented.apiKey !== null) {
    throw unauthenticated("Send one credential, in Authorization or in X-API-Key, not both.");
  }
  const value = presented.bearer ?? presented.apiKey;
  if (value === null) {
    throw unauthenticated("Authentication required: send a secret key (sk_…) or an access token with apikey:read, as `Authorization: Bearer …` or `X-API-Key: …`.");
  }
  const result = await lookupCredential(value, now);
  if (!result.ok) throw unauthenticated(REFUSED[result.code]);
  const caller = result.credential;
  if (caller.kind === "publishable") {
    throw new ApiError("FORBIDDEN", "Publishable keys cannot verify keys: call this from your backend with a secret key or an access token.");
  }
  if (caller.kind === "access_token") {
    if ((caller.type === "BEARER_TOKEN") !== (presented.bearer !== null)) {
      throw unauthenticated("This token is sent in the wrong header: BEARER_TOKEN tokens go in `Authorization: Bearer …`, API_KEY tokens in `X-API-Key: …`.");
    }
    if (!hasScope(caller.scopes, scope)) {
      throw new ApiError("INSUFFICIENT_SCOPE", `This token lacks the ${scope} scope.`, { requiredScope: scope });
    }
  }
  return caller as Verifier;
}

/** What a known key may do beyond its scopes: its roles, their grants and its context. */
type Access = Pick<KeyVerification, "restricted" | "roles" | "permissions" | "context">;
const UNKNOWN_ACCESS: Access = { restricted: false, roles: [], permissions: [], context: {} };

/**
 * The key's roles with the grants they give, each named by its project's public id. Roles are
 * stored by project row id; a token's roles may span projects, so those are looked up.
 */
async function accessOf(key: ResolvedCredential): Promise<Access> {
  const projectIds = new Set(key.roles.map((role) => role.projectId));
  const publicIds = new Map<string, string>();
  if (key.kind !== "access_token") publicIds.set(key.projectId, key.projectPublicId);
  else if (projectIds.size > 0) {
    const projects = await db.project.findMany({
      where: { id: { in: [...projectIds] }, organizationId: key.organizationId },
      select: { id: true, publicId: true },
    });
    for (const project of projects) publicIds.set(project.id, project.publicId);
  }
  // A role whose project vanished meanwhile grants nothing, so it is left out rather than guessed.
  const roles = key.roles.flatMap((role) => {
    const projectId = publicIds.get(role.projectId);
    return projectId ? [{ ...role, projectId }] : [];
  });
  return {
    restricted: key.roles.length > 0,
    roles: roles.map(({ id, name, projectId }) => ({ id, name, projectId })),
    permissions: roles.flatMap((role) => role.grants.map((grant) => ({ ...grant, projectId: role.projectId, roleId: role.id }))),
    context: key.context,
  };
}

function answer(code: VerifyCode, known?: ResolvedCredential, access: Access = UNKNOWN_ACCESS): KeyVerification {
  if (!known) {
    return { valid: false, code, keyId: null, kind: null, projectId: null, environment: null, scopes: [], expiresAt: null, ...UNKNOWN_ACCESS, meta: {} };
  }
  const environmentKey = known.kind === "access_token" ? null : known;
  return {
    valid: code === "VALID",
    code,
    keyId: known.id,
    kind: known.kind,
    projectId: environmentKey?.projectPublicId ?? null,
    environment: environmentKey?.environment ?? null,
    scopes: [...scopesOf(known)],
    expiresAt: known.expiresAt?.toISOString() ?? null,
    ...access,
    meta: {},
  };
}

/** Whether the caller may learn anything about a credential of this organization / project. */
function visibleTo(caller: Verifier, owner: { organizationId: string; projectId: string | null }): boolean {
  if (caller.kind === "secret") return owner.projectId === caller.projectId;
  return owner.organizationId === caller.organizationId;
}

/** The owner of a refused (revoked or expired) credential, so other tenants learn only NOT_FOUND. */
async function ownerOf(presented: string): Promise<{ organizationId: string; projectId: string | null } | null> {
  const parsed = parseKey(presented);
  if (!parsed.ok) return null;
  const hash = hashKey(presented);
  if (parsed.kind === "access_token") {
    const token = await db.accessToken.findUnique({ where: { hash }, select: { organizationId: true } });
    return token ? { organizationId: token.organizationId, projectId: null } : null;
  }
  return db.apiKey.findUnique({ where: { hash }, select: { organizationId: true, projectId: true } });
}

function holds(effective: readonly string[], wanted: string): boolean {
  if (wanted === ALL_SCOPES_WILDCARD) return effective.includes(ALL_SCOPES_WILDCARD);
  return hasScope(effective, wanted as ResourceScope);
}

/**
 * The verification itself. MALFORMED is decided by the checksum alone (no database); a valid
 * answer counts as a use of the verified key (last used and a request-log entry).
 */
export async function verifyKey(input: {
  caller: Verifier;
  body: VerifyKeyBody;
  request: RequestInfo;
  now: Date;
  started: number;
}): Promise<KeyVerification> {
  const { caller, body, now } = input;
  const result = await lookupCredential(body.key, now);
  if (!result.ok) {
    if (result.code === "MALFORMED" || result.code === "NOT_FOUND") return answer(result.code);
    const owner = await ownerOf(body.key);
    return answer(owner && visibleTo(caller, owner) ? result.code : "NOT_FOUND");
  }
  const key = result.credential;
  const owner = { organizationId: key.organizationId, projectId: key.kind === "access_token" ? null : key.projectId };
  if (!visibleTo(caller, owner)) return answer("NOT_FOUND");
  const access = await accessOf(key);

  if (key.kind !== "access_token") {
    if (caller.kind === "secret" && key.environmentId !== caller.environmentId) return answer("WRONG_ENVIRONMENT", key, access);
    if (body.environment !== undefined && body.environment !== key.environment) return answer("WRONG_ENVIRONMENT", key, access);
  }
  // Scopes are checked as before, roles or not: row-level rights are in `permissions`, for the
  // caller to enforce on its own data.
  const effective = scopesOf(key);
  if (body.scopes && !body.scopes.every((scope) => holds(effective, scope))) return answer("INSUFFICIENT_SCOPE", key, access);
  if (takeRequest(`verify:${key.id}`, now.getTime(), rateLimitPerSecond()) !== null) return answer("RATE_LIMITED", key, access);

  recordUse(key, now, {
    organizationId: key.organizationId,
    projectId: key.kind === "access_token" ? null : key.projectId,
    environmentId: key.kind === "access_token" ? null : key.environmentId,
    credentialKind: key.kind,
    credentialId: key.id,
    credentialName: key.name,
    method: "POST",
    path: VERIFY_PATH,
    status: 200,
    latencyMs: Math.round(performance.now() - input.started),
    ip: input.request.ip,
  });
  return answer("VALID", key, access);
}

type RouteHandler = (request: NextRequest, context: { params: Promise<unknown> }) => Promise<Response>;

interface VerifyRouteSpec {
  /** The scope an access-token caller needs; secret keys of the project may call too. */
  scope: ResourceScope;
  body: typeof verifyKeyBody;
  handle: typeof verifyKey;
}

/**
 * The verification endpoint's wrapper, in apiRoute()'s order: per-address limit → authenticate
 * the caller → per-caller limit → JSON body (415/413/400) → verify. Errors use the one API shape.
 */
export function verifyRoute(spec: VerifyRouteSpec): RouteHandler {
  return async (request) => {
    const started = performance.now();
    try {
      const request_ = requestInfoFrom(request.headers);
      if (takeRequest(`ip:${request_.ip ?? "unknown"}`, Date.now(), addressRateLimitPerSecond()) !== null) {
        throw new ApiError("RATE_LIMITED", "Too many requests from this address. Slow down and retry.", undefined, { "Retry-After": "1" });
      }
      const now = new Date();
      const caller = await authenticateVerifier(request, spec.scope, now);
      if (takeRequest(`${caller.kind}:${caller.id}`, Date.now(), rateLimitPerSecond()) !== null) {
        throw new ApiError("RATE_LIMITED", "Too many requests for this credential. Slow down and retry.", undefined, { "Retry-After": "1" });
      }
      recordUse(caller, now);
      const body = spec.body.safeParse(await readJsonBody(request));
      if (!body.success) throw validationFailed(body.error, "request body");
      const result = await spec.handle({ caller, body: body.data, request: request_, now, started });
      return Response.json(result, { status: 200, headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      return errorResponse(toApiError(error, `${request.method} ${request.nextUrl.pathname}`));
    }
  };
}
