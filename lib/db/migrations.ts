import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { DatabaseConnection, SqlSession } from "./connection";

/**
 * Applies prisma/migrations/NAME/migration.sql in name order, one transaction each, and records
 * them in Prisma's own `_prisma_migrations` table so `prisma migrate status|deploy` stay usable
 * wherever Prisma's native engine is available. (Prisma 6.19's Wasm engine cannot run
 * `migrate deploy` against a PostgreSQL server, hence this runner; see ENVIRONMENT.md.)
 *
 * Instances that start at once serialise on a session-level advisory lock, so each migration is
 * applied exactly once; the ones that wait find nothing left to do.
 */

export const DEFAULT_MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

// Any constant works as long as every instance uses the same one: "keyward:migrate" as 63 bits.
const MIGRATION_LOCK_KEY = "7293741107734931457";

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  name: string;
  sql: string;
  /** SHA-256 of the file, as Prisma computes it, to detect edits to applied migrations. */
  checksum: string;
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: string[];
}

export async function readMigrations(dir: string = DEFAULT_MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const entries = await fs.readdir(/* turbopackIgnore: true */ dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await fs.readFile(/* turbopackIgnore: true */ path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

export async function migrate(
  connection: DatabaseConnection,
  options: { dir?: string } = {},
): Promise<MigrationResult> {
  const migrations = await readMigrations(options.dir);
  const session = await connection.session();
  try {
    await session.query("SELECT pg_advisory_lock($1::bigint)", [MIGRATION_LOCK_KEY]);
    try {
      return await applyPending(session, migrations);
    } finally {
      await session.query("SELECT pg_advisory_unlock($1::bigint)", [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await session.release();
  }
}

async function applyPending(session: SqlSession, migrations: MigrationFile[]): Promise<MigrationResult> {
  await session.exec(CREATE_MIGRATIONS_TABLE);
  const rows = await session.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
    `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
  );

  const failed = rows.find((row) => row.finished_at === null);
  if (failed) {
    throw new Error(
      `Migration ${failed.migration_name} is recorded as started but not finished. ` +
        `Resolve it by hand (see README, "Changing the schema") before starting Keyward.`,
    );
  }
  const recorded = new Map(rows.map((row) => [row.migration_name, row.checksum]));
  const known = new Set(migrations.map((migration) => migration.name));
  const unknown = [...recorded.keys()].filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new Error(`The database has migrations this version does not know: ${unknown.join(", ")}. Is this an older build?`);
  }

  const result: MigrationResult = { applied: [], alreadyApplied: [] };
  for (const migration of migrations) {
    const checksum = recorded.get(migration.name);
    if (checksum !== undefined) {
      if (checksum !== migration.checksum) {
        throw new Error(`Migration ${migration.name} was edited after it was applied (checksum mismatch).`);
      }
      result.alreadyApplied.push(migration.name);
      continue;
    }
    await session.exec("BEGIN");
    try {
      await session.exec(migration.sql);
      await session.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
         VALUES ($1, $2, $3, now(), now(), 1)`,
        [randomUUID(), migration.checksum, migration.name],
      );
      await session.exec("COMMIT");
    } catch (error) {
      await session.exec("ROLLBACK");
      throw new Error(`Migration ${migration.name} failed and was rolled back: ${errorMessage(error)}`, { cause: error });
    }
    result.applied.push(migration.name);
  }
  return result;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
