import "server-only";
import type { NextRequest } from "next/server";
import { requestInfoFrom } from "@/lib/auth/request-info";
import type { CredentialRole, KeyContext } from "@/lib/access/permissions";
import type { ResourceScope } from "@/lib/auth/scopes";
import { readCredentialHeaders } from "@/lib/credentials/headers";
import { lookupCredential } from "@/lib/credentials/resolve";
import type { CredentialFailure, ResolvedCredential } from "@/lib/credentials/types";
import type { RequestInfo } from "@/lib/dal/context";
import { db } from "@/lib/db";
import { parseKey } from "@/lib/keys/format";
import { ApiError } from "./errors";

/**
 * Who is calling the data API, and where: every data operation acts in exactly one project
 * environment, which the credential implies (environment keys) or names (access tokens).
 */
export interface DataContext {
  organizationId: string;
  projectId: string;
  projectPublicId: string;
  environmentId: string;
  environment: string;
  /** The credential that decides the rights (the Bearer one when both headers are sent). */
  credential: ResolvedCredential;
  scopes: readonly ResourceScope[];
  /**
   * Null: the scopes decide alone. Otherwise data access is limited to these roles' grants (for a
   * token, its roles in this project: none here means no data access at all).
   */
  roles: readonly CredentialRole[] | null;
  context: KeyContext;
  request: RequestInfo;
}

/** What each kind of environment key may do in its own environment. */
export const PUBLISHABLE_KEY_SCOPES: readonly ResourceScope[] = ["table:data:read"];
export const SECRET_KEY_SCOPES: readonly ResourceScope[] = [
  "table:read",
  "table:create",
  "table:update",
  "table:delete",
  "table:data:read",
  "table:data:create",
  "table:data:update",
  "table:data:delete",
];

export function scopesOf(credential: ResolvedCredential): readonly string[] {
  if (credential.kind === "access_token") return credential.scopes;
  return credential.kind === "publishable" ? PUBLISHABLE_KEY_SCOPES : SECRET_KEY_SCOPES;
}

const FAILURE_MESSAGE: Record<CredentialFailure, string> = {
  MALFORMED: "The key is malformed (its checksum does not match). Check that it was copied whole.",
  NOT_FOUND: "The key is not valid.",
  REVOKED: "The key has been deleted or revoked.",
  EXPIRED: "The key has expired.",
};

function unauthenticated(message: string): ApiError {
  return new ApiError("UNAUTHENTICATED", message, undefined, { "WWW-Authenticate": 'Bearer realm="keyward"' });
}

interface Target {
  projectId: string;
  projectPublicId: string;
  environmentId: string;
  environment: string;
}

/**
 * Authenticates a data-API request from its headers (never its URL) and resolves the project
 * environment it acts in. Throws ApiError: 400 for a key in the URL or missing X-Project-Id /
 * X-Environment with a token, 401 for a missing or refused credential, 403 when the headers
 * contradict each other or the credential, 404 for a project or environment the token's
 * organization does not have.
 */
export async function authenticateDataRequest(request: NextRequest, now = new Date()): Promise<DataContext> {
  for (const value of request.nextUrl.searchParams.values()) {
    if (parseKey(value).ok) {
      throw new ApiError("VALIDATION_FAILED", "Never put keys in URLs (they end up in logs and browser history): send them in headers.");
    }
  }
  const presented = readCredentialHeaders(request.headers);
  if (!presented.ok) throw unauthenticated(presented.message);
  if (presented.bearer === null && presented.apiKey === null) {
    throw unauthenticated("Authentication required: send `X-API-Key: <key>` and/or `Authorization: Bearer <secret key or token>`.");
  }

  const bearer = presented.bearer === null ? null : await resolve(presented.bearer, now);
  const apiKey = presented.apiKey === null ? null : await resolve(presented.apiKey, now);
  if (bearer?.kind === "publishable") throw unauthenticated("Publishable keys go in the X-API-Key header, not in Authorization.");
  if (bearer?.kind === "access_token" && bearer.type !== "BEARER_TOKEN") {
    throw unauthenticated("This token is of type API_KEY: send it as `X-API-Key: …`.");
  }
  if (apiKey?.kind === "access_token" && apiKey.type !== "API_KEY") {
    throw unauthenticated("This token is of type BEARER_TOKEN: send it as `Authorization: Bearer …`.");
  }

  const named = {
    projectPublicId: request.headers.get("x-project-id")?.trim() || null,
    environment: request.headers.get("x-environment")?.trim() || null,
  };
  const targets = await Promise.all([bearer, apiKey].filter((c) => c !== null).map((c) => targetOf(c, named)));
  const [target, other] = targets;
  if (!target) throw unauthenticated("Authentication required.");
  if (other && (other.projectId !== target.projectId || other.environmentId !== target.environmentId)) {
    throw new ApiError("FORBIDDEN", "The two credentials belong to different projects or environments.");
  }
  const deciding = bearer ?? apiKey;
  if (!deciding) throw unauthenticated("Authentication required.");
  return {
    ...target,
    organizationId: deciding.organizationId,
    credential: deciding,
    scopes: scopesOf(deciding) as readonly ResourceScope[],
    roles: deciding.roles.length === 0 ? null : deciding.roles.filter((role) => role.projectId === target.projectId),
    context: deciding.context,
    request: requestInfoFrom(request.headers),
  };
}

/**
 * A refusal of a credential that was recognised (it has expired): the request is still logged
 * under its name, so a key's timeline shows the traffic that outlived it, e.g. after a roll.
 */
export class ExpiredCredentialError extends ApiError {
  constructor(readonly credential: ResolvedCredential) {
    super("UNAUTHENTICATED", FAILURE_MESSAGE.EXPIRED, undefined, { "WWW-Authenticate": 'Bearer realm="keyward"' });
  }
}

async function resolve(value: string, now: Date): Promise<ResolvedCredential> {
  const result = await lookupCredential(value, now);
  if (!result.ok) throw result.credential ? new ExpiredCredentialError(result.credential) : unauthenticated(FAILURE_MESSAGE[result.code]);
  return result.credential;
}

/** The environment a credential acts in, checked against X-Project-Id / X-Environment. */
async function targetOf(
  credential: ResolvedCredential,
  named: { projectPublicId: string | null; environment: string | null },
): Promise<Target> {
  if (credential.kind !== "access_token") {
    if (named.projectPublicId !== null && named.projectPublicId !== credential.projectPublicId) {
      throw new ApiError("FORBIDDEN", "X-Project-Id does not match the key's project.");
    }
    if (named.environment !== null && named.environment !== credential.environment) {
      throw new ApiError("FORBIDDEN", `X-Environment does not match the key's environment (${credential.environment}); keys work only in their own.`);
    }
    return credential;
  }
  if (named.projectPublicId === null || named.environment === null) {
    throw new ApiError("VALIDATION_FAILED", "Access tokens act across projects: name one with X-Project-Id and X-Environment.", {
      fieldErrors: {
        ...(named.projectPublicId === null ? { "X-Project-Id": ["Required with an access token."] } : {}),
        ...(named.environment === null ? { "X-Environment": ["Required with an access token."] } : {}),
      },
    });
  }
  const environment = await db.environment.findFirst({
    where: { slug: named.environment, project: { publicId: named.projectPublicId, organizationId: credential.organizationId } },
    select: { id: true, slug: true, project: { select: { id: true, publicId: true } } },
  });
  if (!environment) throw new ApiError("NOT_FOUND", "No such project environment for this token.");
  return {
    projectId: environment.project.id,
    projectPublicId: environment.project.publicId,
    environmentId: environment.id,
    environment: environment.slug,
  };
}
