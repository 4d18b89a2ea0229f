import "server-only";
import type { NextRequest } from "next/server";
import { z } from "zod";
import type { ResourceScope } from "@/lib/auth/scopes";
import { hasScope } from "@/lib/auth/scopes";
import { requestInfoFrom } from "@/lib/auth/request-info";
import { tokenContext } from "@/lib/credentials/context";
import { readCredentialHeaders } from "@/lib/credentials/headers";
import { lookupCredential } from "@/lib/credentials/resolve";
import type { AccessTokenCredential, CredentialFailure } from "@/lib/credentials/types";
import type { TokenContext } from "@/lib/dal/context";
import { logRequest } from "./request-log";
import { ApiError, errorResponse, toApiError } from "./errors";
import { addressRateLimitPerSecond, takeRequest } from "./rate-limit";

/** Bodies above this are refused before parsing (413): no endpoint needs more. */
export const MAX_BODY_BYTES = 16 * 1024;

export interface ApiResult {
  status?: number;
  body?: unknown;
}

interface RouteSpec<Params, Query, Body> {
  /** The scope this endpoint requires, exactly; `*:*` grants it too. */
  scope: ResourceScope;
  params: z.ZodType<Params>;
  query?: z.ZodType<Query>;
  body?: z.ZodType<Body>;
  handle(input: { ctx: TokenContext; params: Params; query: Query; body: Body }): Promise<ApiResult>;
}

type RouteHandler = (request: NextRequest, context: { params: Promise<unknown> }) => Promise<Response>;

const REJECTION_MESSAGE: Record<CredentialFailure | "NOT_A_TOKEN" | "WRONG_HEADER", string> = {
  MALFORMED: "The access token is malformed (its checksum does not match). Check that it was copied whole.",
  NOT_A_TOKEN: "This API takes organization access tokens (at_…). Environment keys (pk_/sk_) are for the data API.",
  NOT_FOUND: "The access token is not valid.",
  REVOKED: "The access token has been revoked.",
  EXPIRED: "The access token has expired.",
  WRONG_HEADER:
    "This token is sent in the wrong header: BEARER_TOKEN tokens go in `Authorization: Bearer …`, API_KEY tokens in `X-API-Key: …`.",
};

function unauthenticated(message: string): ApiError {
  return new ApiError("UNAUTHENTICATED", message, undefined, { "WWW-Authenticate": 'Bearer realm="keyward"' });
}

/**
 * Authenticates by access token only, through the same cached lookup as the data API. Cookies
 * are never read, so a browser session cannot be ridden into this API (no CSRF surface).
 */
async function authenticate(request: NextRequest): Promise<{ ctx: TokenContext; token: AccessTokenCredential }> {
  const presented = readCredentialHeaders(request.headers);
  if (!presented.ok) throw unauthenticated(presented.message);
  if (presented.bearer !== null && presented.apiKey !== null) {
    throw unauthenticated("Send the access token in one header only: Authorization or X-API-Key.");
  }
  const value = presented.bearer ?? presented.apiKey;
  if (value === null) {
    throw unauthenticated("Authentication required: send `Authorization: Bearer <access token>` or `X-API-Key: <access token>`.");
  }
  const now = new Date();
  const result = await lookupCredential(value, now);
  if (!result.ok) throw unauthenticated(REJECTION_MESSAGE[result.code]);
  const token = result.credential;
  if (token.kind !== "access_token") throw unauthenticated(REJECTION_MESSAGE.NOT_A_TOKEN);
  if ((token.type === "BEARER_TOKEN") !== (presented.bearer !== null)) throw unauthenticated(REJECTION_MESSAGE.WRONG_HEADER);
  return { ctx: tokenContext(token, requestInfoFrom(request.headers)), token };
}

/** The JSON body of a request: 415 unless JSON, 413 past maxBytes, 400 if it does not parse. */
export async function readJsonBody(request: NextRequest, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType)) {
    throw new ApiError("UNSUPPORTED_MEDIA_TYPE", "Send the request body as JSON with `Content-Type: application/json`.");
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const text = await readLimited(request, maxBytes);
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError("MALFORMED_JSON", "The request body is not valid JSON.");
  }
}

function tooLarge(maxBytes: number): ApiError {
  return new ApiError("PAYLOAD_TOO_LARGE", `The request body must be at most ${maxBytes / 1024} KiB.`);
}

// Counts bytes as they arrive, so a body without (or lying in) Content-Length is still bounded.
async function readLimited(request: NextRequest, limit: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

export function validationFailed(error: z.ZodError, what: string): ApiError {
  const { formErrors, fieldErrors } = z.flattenError(error);
  // Unknown fields are refused (strict bodies); name each one where clients look for fields.
  const byField: Record<string, string[]> = { ...fieldErrors };
  for (const issue of error.issues) {
    if (issue.code !== "unrecognized_keys") continue;
    for (const key of issue.keys) byField[key] = [`Unknown field "${key}".`];
  }
  return new ApiError("VALIDATION_FAILED", `The ${what} is invalid.`, {
    fieldErrors: byField,
    ...(formErrors.length ? { formErrors } : {}),
  });
}

/**
 * One management-API endpoint: authenticate → rate-limit → require the scope → parse path,
 * query and body with zod → act through the DAL (which scopes every query to the token's
 * organization) → JSON. Every failure is an ApiError in the one error shape; nothing else leaks.
 *
 * @example
 * export const GET = apiRoute({ scope: "project:read", params: projectPath, async handle({ ctx, params }) {
 *   return { body: toProjectDto(await getProject(ctx, { projectPublicId: params.projectId })) };
 * } });
 */
export function apiRoute<Params, Query = undefined, Body = undefined>(spec: RouteSpec<Params, Query, Body>): RouteHandler {
  return async (request, context) => {
    const started = performance.now();
    let token: AccessTokenCredential | undefined;
    let response: Response;
    let code: string | null = null;
    try {
      // Per client address before any lookup, so unauthenticated floods are bounded too.
      const ip = requestInfoFrom(request.headers).ip ?? "unknown";
      if (takeRequest(`ip:${ip}`, Date.now(), addressRateLimitPerSecond()) !== null) {
        throw new ApiError("RATE_LIMITED", "Too many requests from this address. Slow down and retry.", undefined, { "Retry-After": "1" });
      }
      const authenticated = await authenticate(request);
      token = authenticated.token;
      const { ctx } = authenticated;
      const retryAfter = takeRequest(`token:${ctx.tokenId}`);
      if (retryAfter !== null) {
        throw new ApiError("RATE_LIMITED", "Too many requests for this token. Slow down and retry.", undefined, {
          "Retry-After": String(retryAfter),
        });
      }
      if (!hasScope(ctx.scopes, spec.scope)) {
        throw new ApiError("INSUFFICIENT_SCOPE", `This token lacks the ${spec.scope} scope.`, { requiredScope: spec.scope });
      }
      // A path id that cannot exist is simply not found, like one that does not exist.
      // Next passes no params at all (undefined) to routes without dynamic segments.
      const params = spec.params.safeParse((await context.params) ?? {});
      if (!params.success) throw new ApiError("NOT_FOUND", "Not found.");
      const query = spec.query ? spec.query.safeParse(Object.fromEntries(request.nextUrl.searchParams)) : undefined;
      if (query && !query.success) throw validationFailed(query.error, "query string");
      const body = spec.body ? spec.body.safeParse(await readJsonBody(request)) : undefined;
      if (body && !body.success) throw validationFailed(body.error, "request body");

      const result = await spec.handle({
        ctx,
        params: params.data,
        query: query?.data as Query,
        body: body?.data as Body,
      });
      response =
        result.status === 204
          ? new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } })
          : Response.json(result.body ?? null, { status: result.status ?? 200, headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      const apiError = toApiError(error, `${request.method} ${request.nextUrl.pathname}`);
      code = apiError.code;
      response = errorResponse(apiError);
    }
    // Every authenticated call counts as a use and is logged (organization-wide: no environment),
    // so a token's page shows its traffic, and a rolled token how much still arrives.
    if (token) logRequest({ request, credential: token, place: { projectId: null, environmentId: null }, response, code, started, use: true });
    return response;
  };
}
