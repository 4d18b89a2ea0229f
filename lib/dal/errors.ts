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

/**
 * A unique-index violation, from either driver: @prisma/adapter-pg lets Prisma report it as
 * P2002, but pglite-prisma-adapter 0.6 passes the raw DriverAdapterError through with SQLSTATE
 * 23505 in `cause` (see lib/db/db.int.test.ts). Checking only P2002 misses it on PGlite, the
 * default database. Duck-typed so this module stays free of the Prisma client.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === "PrismaClientKnownRequestError") return (error as { code?: unknown }).code === "P2002";
  const cause = (error as { cause?: { kind?: unknown; code?: unknown } }).cause;
  return error.name === "DriverAdapterError" && cause?.kind === "postgres" && cause.code === "23505";
}
