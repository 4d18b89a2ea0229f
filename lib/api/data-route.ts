import "server-only";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import { requestInfoFrom } from "@/lib/auth/request-info";
import { hasScope, type ResourceScope } from "@/lib/auth/scopes";
import type { ResolvedCredential } from "@/lib/credentials/types";
import { logRequest } from "./request-log";
import { authenticateDataRequest, ExpiredCredentialError, type DataContext } from "./data-auth";
import { ApiError, errorResponse, toApiError } from "./errors";
import { addressRateLimitPerSecond, rateLimitPerSecond, takeRequest } from "./rate-limit";
import { readJsonBody, validationFailed, type ApiResult } from "./route";

/** Data rows may be larger than management bodies. */
export const MAX_ROW_BYTES = 64 * 1024;

interface DataRouteSpec<Params, Query, Body> {
  scope: ResourceScope;
  params: z.ZodType<Params>;
  query?: z.ZodType<Query>;
  body?: z.ZodType<Body>;
  handle(input: { ctx: DataContext; params: Params; query: Query; body: Body; request: NextRequest }): Promise<ApiResult>;
}

type RouteHandler = (request: NextRequest, context: { params: Promise<unknown> }) => Promise<Response>;

/**
 * One data-API endpoint (`/v1/…`, the API the environment keys unlock): authenticate from
 * headers → rate-limit → require the scope → validate → act in the credential's environment.
 * Each authenticated request is recorded (last used, request log) in the background batch.
 */
export function dataRoute<Params, Query = undefined, Body = undefined>(spec: DataRouteSpec<Params, Query, Body>): RouteHandler {
  return async (request, context) => {
    const started = performance.now();
    let ctx: DataContext | undefined;
    let response: Response;
    let code: string | null = null;
    let expired: ExpiredCredentialError | undefined;
    try {
      const ip = requestInfoFrom(request.headers).ip ?? "unknown";
      if (takeRequest(`ip:${ip}`, Date.now(), addressRateLimitPerSecond()) !== null) {
        throw new ApiError("RATE_LIMITED", "Too many requests from this address. Slow down and retry.", undefined, { "Retry-After": "1" });
      }
      ctx = await authenticateDataRequest(request);
      if (takeRequest(`${ctx.credential.kind}:${ctx.credential.id}`, Date.now(), rateLimitPerSecond()) !== null) {
        throw new ApiError("RATE_LIMITED", "Too many requests for this key. Slow down and retry.", undefined, { "Retry-After": "1" });
      }
      if (!hasScope(ctx.scopes, spec.scope)) {
        throw new ApiError("INSUFFICIENT_SCOPE", `This credential does not allow ${spec.scope}.`, { requiredScope: spec.scope });
      }
      const params = spec.params.safeParse((await context.params) ?? {});
      if (!params.success) throw new ApiError("NOT_FOUND", "Not found.");
      const query = spec.query ? spec.query.safeParse(Object.fromEntries(request.nextUrl.searchParams)) : undefined;
      if (query && !query.success) throw validationFailed(query.error, "query string");
      const body = spec.body ? spec.body.safeParse(await readJsonBody(request, MAX_ROW_BYTES)) : undefined;
      if (body && !body.success) throw validationFailed(body.error, "request body");
      const result = await spec.handle({ ctx, params: params.data, query: query?.data as Query, body: body?.data as Body, request });
      response =
        result.status === 204
          ? new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } })
          : Response.json(result.body ?? null, { status: result.status ?? 200, headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      const apiError = toApiError(error, `${request.method} ${request.nextUrl.pathname}`);
      code = apiError.code;
      response = errorResponse(apiError);
      // Expired is the one refusal that still names its credential: logged, not counted as a use.
      if (error instanceof ExpiredCredentialError) {
        expired = error;
        code = "EXPIRED";
      }
    }
    const credential = ctx?.credential ?? expired?.credential;
    if (credential) logRequest({ request, credential, place: ctx ?? placeOf(credential), response, code, started, use: ctx !== undefined });
    return response;
  };
}

/** Where a refused credential belongs: its environment for keys; tokens name none. */
function placeOf(credential: ResolvedCredential): { projectId: string | null; environmentId: string | null } {
  return credential.kind === "access_token"
    ? { projectId: null, environmentId: null }
    : { projectId: credential.projectId, environmentId: credential.environmentId };
}
