import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { DatabaseTarget } from "./config";

/** The few raw-SQL operations the migration runner needs, over either driver. */
export interface SqlSession {
  query<Row extends Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a script of several statements (no parameters). */
  exec(script: string): Promise<void>;
  release(): Promise<void>;
}

export interface DatabaseConnection {
  target: DatabaseTarget;
  adapter: SqlMigrationAwareDriverAdapterFactory;
  /** A session pinned to one connection: advisory locks and transactions stay on it. */
  session(): Promise<SqlSession>;
  close(): Promise<void>;
}

export function openConnection(target: DatabaseTarget): DatabaseConnection {
  return target.kind === "pglite" ? openPglite(target.dataDir) : openPostgres(target.url);
}

function openPglite(dataDir: string): DatabaseConnection {
  fs.mkdirSync(dataDir, { recursive: true });
  const client = new PGlite(dataDir);
  // PGlite is one connection; serialise raw sessions so a migration transaction is never
  // interleaved with another session's statements.
  let queue: Promise<void> = Promise.resolve();
  return {
    target: { kind: "pglite", dataDir },
    adapter: pgliteAdapter(client),
    async session() {
      let release!: () => void;
      const previous = queue;
      queue = new Promise((resolve) => (release = resolve));
      await previous;
      return {
        async query<Row extends Record<string, unknown>>(text: string, params: unknown[] = []) {
          return (await client.query<Row>(text, params)).rows;
        },
        async exec(script) {
          await client.exec(script);
        },
        async release() {
          release();
        },
      };
    },
    close: () => client.close(),
  };
}

function openPostgres(url: string): DatabaseConnection {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000 });
  // An idle client that loses its server emits "error" on the pool; without a listener Node
  // would crash the process. Queries on that client fail and are retried on a fresh one.
  pool.on("error", (error) => console.error("[db] idle PostgreSQL client error:", error.message));
  return {
    target: { kind: "postgres", url },
    adapter: new PrismaPg(pool),
    async session() {
      const client = await pool.connect();
      return {
        async query<Row extends Record<string, unknown>>(text: string, params: unknown[] = []) {
          return (await client.query<Row>(text, params)).rows;
        },
        async exec(script) {
          await client.query(script);
        },
        async release() {
          client.release();
        },
      };
    },
    close: () => pool.end(),
  };
}

/**
 * pglite-prisma-adapter 0.6 is typed against its own copy of @prisma/driver-adapter-utils
 * (6.10); the interface is the same at runtime (exercised by every integration test), only the
 * two copies' declarations differ, so the types are bridged here and nowhere else.
 */
export function pgliteAdapter(client: PGlite): SqlMigrationAwareDriverAdapterFactory {
  return new PrismaPGlite(client) as unknown as SqlMigrationAwareDriverAdapterFactory;
}
