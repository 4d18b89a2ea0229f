import { DalError } from "@/lib/dal/errors";

/**
 * The one error shape of the REST API:
 *   { "error": { "code": "NOT_FOUND", "message": "Project not found.", "details"?: {…} } }
 * Codes are stable (clients branch on them); messages are for humans and may change.
 */
export const API_ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  INSUFFICIENT_SCOPE: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ApiErrorCode = keyof typeof API_ERROR_STATUS;

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError";
  }

  get status(): number {
    return API_ERROR_STATUS[this.code];
  }
}

export function errorResponse(error: ApiError): Response {
  return Response.json(
    { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } },
    { status: error.status, headers: { "Cache-Control": "no-store", ...error.headers } },
  );
}

/** Turns anything a handler threw into an ApiError; unknown errors are logged, never echoed. */
export function toApiError(error: unknown, route: string): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof DalError) {
    const details = error.fieldErrors ? { fieldErrors: error.fieldErrors } : undefined;
    switch (error.code) {
      case "NOT_FOUND":
        return new ApiError("NOT_FOUND", error.message);
      case "FORBIDDEN":
        return new ApiError("FORBIDDEN", error.message, details);
      case "CONFLICT":
        return new ApiError("CONFLICT", error.message, details);
      case "INVALID":
        return new ApiError("VALIDATION_FAILED", error.message, details);
      case "RATE_LIMITED":
        return new ApiError("RATE_LIMITED", error.message, undefined, { "Retry-After": "60" });
    }
  }
  console.error(`[api] ${route} failed:`, error);
  return new ApiError("INTERNAL", "Something went wrong on our side. The request may be retried.");
}
