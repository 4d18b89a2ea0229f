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
  if (isDatabaseUnavailable(error)) {
    console.error(`[api] ${route}: database unavailable:`, error instanceof Error ? error.message : error);
    return new ApiError("UNAVAILABLE", "The service cannot reach its database right now. Retry shortly.", undefined, { "Retry-After": "2" });
  }
  console.error(`[api] ${route} failed:`, error);
  return new ApiError("INTERNAL", "Something went wrong on our side. The request may be retried.");
}

const UNAVAILABLE_CODES = new Set(["P1001", "P1002", "P1017", "P2024", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND"]);

/**
 * pg and pg-pool (8.x) raise plain Errors, without a code, when the server does not answer in
 * time; the messages are theirs, verbatim (see lib/db/connection.ts for the deadlines):
 * - "timeout exceeded when trying to connect": pg-pool, no pooled client freed up in time;
 * - "Connection terminated due to connection timeout": pg-pool, a new connection's handshake
 *   hung (its cause is pg's "timeout expired", the message of a plain pg.Client's own timeout);
 * - "Query read timeout": pg, no answer within query_timeout;
 * - "Client … is not queryable": a later query on a client whose connection was closed.
 */
const UNAVAILABLE_MESSAGE =
  /ECONNREFUSED|Connection terminated|connect ETIMEDOUT|timeout exceeded when trying to connect|Query read timeout|^timeout expired$|Client (was closed|has encountered a connection error) and is not queryable/i;

/**
 * Whether an error (or one of its causes) says the database could not be reached: such
 * requests fail closed with 503, never as a success and never as a 500 with internals.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 6; depth++) {
    if (typeof current !== "object") return false;
    const { code, message, cause, kind, meta } = current as { code?: unknown; message?: unknown; cause?: unknown; kind?: unknown; meta?: { driverAdapterError?: unknown } };
    if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || /^(08|57P0)/.test(code))) return true;
    if (typeof message === "string" && UNAVAILABLE_MESSAGE.test(message)) return true;
    if (typeof kind === "string" && UNAVAILABLE_KINDS.has(kind)) return true;
    // A raw query ($queryRaw) reports every driver failure as P2010, the driver's error in meta.
    current = cause ?? meta?.driverAdapterError;
  }
  return false;
}

/** Driver-adapter error kinds (@prisma/driver-adapter-utils) that mean the database is gone. */
const UNAVAILABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);
