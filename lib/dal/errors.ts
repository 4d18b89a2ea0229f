/**
 * Errors the data-access layer throws on purpose. Actions turn them into fixed user-facing copy
 * (lib/actions/state.ts); anything else is logged and answered with a generic message.
 */
export type DalErrorCode = "NOT_FOUND" | "FORBIDDEN" | "CONFLICT" | "INVALID" | "RATE_LIMITED";

export class DalError extends Error {
  constructor(
    readonly code: DalErrorCode,
    message: string,
    /** Field-level messages for forms, keyed like the zod schema's fields. */
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "DalError";
  }
}

/** Absent and not-yours answer alike, so ids of other organizations reveal nothing. */
export const notFound = (what: string) => new DalError("NOT_FOUND", `${what} not found.`);
export const forbidden = (message = "Your role does not allow this.") => new DalError("FORBIDDEN", message);
