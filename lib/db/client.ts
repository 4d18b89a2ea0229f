// The process-wide Prisma client. Import it as "@/lib/db" from app code (that entry point is
// server-only); instrumentation.ts and scripts import this file directly.
import { PrismaClient } from "@/lib/generated/prisma/client";
import { resolveDatabaseTarget } from "./config";
import { openConnection, type DatabaseConnection, type PreparedStatement, type TextRow } from "./connection";
import { migrate } from "./migrations";

function createPrisma(connection: DatabaseConnection) {
  return new PrismaClient({
    adapter: connection.adapter,
    // Secret columns (password and key hashes) are never selected unless a query names them.
    omit: { user: { passwordHash: true }, apiKey: { hash: true }, accessToken: { hash: true } },
  });
}

export type Database = ReturnType<typeof createPrisma>;
/** The client handed to callbacks of `db.$transaction(async (tx) => …)`. */
export type Transaction = Parameters<Parameters<Database["$transaction"]>[0]>[0];

interface DatabaseState {
  connection: DatabaseConnection;
  prisma: Database;
  ready?: Promise<void>;
  /** Companions whose validity depends on this connection (connectionScoped). */
  scoped: Map<symbol, unknown>;
}

// One connection per process, kept on globalThis: dev-mode reloads and Next's separate bundles
// (instrumentation, routes) must share it, and PGlite's directory must never be opened twice.
const globalForDb = globalThis as typeof globalThis & { __keywardDatabase?: DatabaseState };

function state(): DatabaseState {
  if (!globalForDb.__keywardDatabase) {
    const connection = openConnection(resolveDatabaseTarget());
    globalForDb.__keywardDatabase = { connection, prisma: createPrisma(connection), scoped: new Map() };
  }
  return globalForDb.__keywardDatabase;
}

/**
 * Applies pending migrations once per process. Called at server start (instrumentation.ts)
 * and by test setup; later calls return the same promise.
 */
export function ensureDatabaseReady(): Promise<void> {
  const current = state();
  current.ready ??= migrate(current.connection).then(
    (result) => {
      if (result.applied.length > 0) console.info(`[db] applied migrations: ${result.applied.join(", ")}`);
    },
    (error: unknown) => {
      // Not cached: a database that was unreachable at the first call is retried at the next.
      current.ready = undefined;
      throw error;
    },
  );
  return current.ready;
}

/**
 * The Prisma client. Opened on first use rather than at import, so that `next build` (which
 * imports route modules) never touches the database.
 */
export const db: Database = new Proxy({} as Database, {
  get(_, property) {
    const prisma = state().prisma;
    const value: unknown = Reflect.get(prisma, property, prisma);
    return typeof value === "function" ? value.bind(prisma) : value;
  },
});

/** A prepared statement on the process's connection (see PreparedStatement): hot paths only. */
export function runPrepared(statement: PreparedStatement, params: ReadonlyArray<string | null>): Promise<TextRow[]> {
  return state().connection.run(statement, params);
}

/**
 * One `T` per open connection, created on first use and dropped when the connection closes: for
 * state that is only valid for the database it was built from, such as a cache that the
 * connection keeps fresh.
 */
export function connectionScoped<T>(key: symbol, create: () => T): T {
  const { scoped } = state();
  if (!scoped.has(key)) scoped.set(key, create());
  return scoped.get(key) as T;
}

/**
 * Subscribes to changes of the data API's tables (DatabaseConnection.watchDataChanges): false,
 * and nothing subscribed, where the database cannot announce them before writers resume.
 */
export async function watchDataChanges(onChange: () => void): Promise<boolean> {
  const watch = state().connection.watchDataChanges;
  if (!watch) return false;
  // After the migrations: they create the triggers, and their transactions are statements of
  // the same single PGlite session, which the subscription's SET and LISTEN must not join.
  await ensureDatabaseReady();
  await watch(onChange);
  return true;
}

export type { PreparedStatement, TextRow };

export async function closeDatabase(): Promise<void> {
  const current = globalForDb.__keywardDatabase;
  if (!current) return;
  globalForDb.__keywardDatabase = undefined;
  await current.prisma.$disconnect();
  await current.connection.close();
}
