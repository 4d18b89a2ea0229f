import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "./client";

/**
 * Prisma's error codes for a lost or unreachable database, by driver-adapter error kind: the
 * codes a model query (findMany…) reports, and that lib/api/errors.ts answers with 503.
 */
const CONNECTION_ERROR_CODES: Record<string, string> = { DatabaseNotReachable: "P1001", ConnectionClosed: "P1017" };

/**
 * `db.$queryRaw` for hot reads that bypass the query compiler. A raw query reports any driver
 * failure as P2010 ("Raw query failed"), even a database that cannot be reached; this re-raises
 * those as the model queries' codes, so an outage still fails closed with 503, never a 500.
 */
export async function queryRows<Row>(query: Prisma.Sql): Promise<Row[]> {
  try {
    return await db.$queryRaw<Row[]>(query);
  } catch (error) {
    const kind = rawQueryFailureKind(error);
    const code = kind === undefined ? undefined : CONNECTION_ERROR_CODES[kind];
    if (code === undefined || !(error instanceof Prisma.PrismaClientKnownRequestError)) throw error;
    throw new Prisma.PrismaClientKnownRequestError(error.message, { code, clientVersion: error.clientVersion, meta: error.meta });
  }
}

function rawQueryFailureKind(error: unknown): string | undefined {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2010") return undefined;
  const driverError = error.meta?.driverAdapterError as { cause?: { kind?: unknown } } | undefined;
  return typeof driverError?.cause?.kind === "string" ? driverError.cause.kind : undefined;
}
