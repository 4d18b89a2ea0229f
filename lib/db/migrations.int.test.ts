import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createScratchDatabase, type ScratchDatabase } from "@/test/databases";
import { openConnection, type DatabaseConnection } from "./connection";
import { DEFAULT_MIGRATIONS_DIR, migrate } from "./migrations";

// Runs against real PGlite in the `pglite` project and a real PostgreSQL 15 server in the
// `postgres` project. Every test gets its own empty database: the per-file one is already migrated.

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  // Connections before databases, newest first (a database cannot go while it is open).
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function scratchDatabase(): Promise<ScratchDatabase> {
  const scratch = await createScratchDatabase();
  cleanups.push(() => scratch.dispose());
  return scratch;
}

function connect(scratch: ScratchDatabase): DatabaseConnection {
  const connection = openConnection(scratch.target);
  cleanups.push(() => connection.close());
  return connection;
}

/**
 * `count` independent migration runners on one database, as separate app instances would be.
 * A PGlite directory can only be opened once, so there they share the one connection.
 */
function runners(scratch: ScratchDatabase, count: number): [DatabaseConnection, ...DatabaseConnection[]] {
  const first = connect(scratch);
  const more = Array.from({ length: count - 1 }, () => (scratch.target.kind === "pglite" ? first : connect(scratch)));
  return [first, ...more];
}

async function query<Row extends Record<string, unknown>>(
  connection: DatabaseConnection,
  text: string,
  params: unknown[] = [],
): Promise<Row[]> {
  const session = await connection.session();
  try {
    return await session.query<Row>(text, params);
  } finally {
    await session.release();
  }
}

async function tableExists(connection: DatabaseConnection, table: string): Promise<boolean> {
  const [row] = await query<{ exists: boolean }>(connection, `SELECT to_regclass($1) IS NOT NULL AS "exists"`, [`"${table}"`]);
  return row?.exists === true;
}

interface MigrationRow extends Record<string, unknown> {
  id: string;
  checksum: string;
  migration_name: string;
  started_at: Date;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
  applied_steps_count: number;
}

function recordedMigrations(connection: DatabaseConnection): Promise<MigrationRow[]> {
  return query<MigrationRow>(connection, `SELECT * FROM "_prisma_migrations" ORDER BY migration_name, started_at`);
}

/** A migrations directory of our own, in prisma/migrations' layout. */
function migrationsDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyward-migrations-"));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  for (const [name, sql] of Object.entries(files)) writeMigration(dir, name, sql);
  return dir;
}

function writeMigration(dir: string, name: string, sql: string): void {
  fs.mkdirSync(path.join(dir, name), { recursive: true });
  fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
}

// The expectations are derived from the files independently of the runner's own reading.
const shippedMigrations = fs
  .readdirSync(DEFAULT_MIGRATIONS_DIR)
  .filter((name) => fs.existsSync(path.join(DEFAULT_MIGRATIONS_DIR, name, "migration.sql")))
  .sort();
const shippedChecksums = new Map(
  shippedMigrations.map((name) => [
    name,
    createHash("sha256")
      .update(fs.readFileSync(path.join(DEFAULT_MIGRATIONS_DIR, name, "migration.sql")))
      .digest("hex"),
  ]),
);
const shippedTables = shippedMigrations.flatMap((name) =>
  [...fs.readFileSync(path.join(DEFAULT_MIGRATIONS_DIR, name, "migration.sql"), "utf8").matchAll(/CREATE TABLE "(\w+)"/g)].map(
    (match) => match[1] ?? "",
  ),
);

describe("migration runner", () => {
  it("finds the shipped migrations to test with", () => {
    expect(shippedMigrations.length).toBeGreaterThan(0);
    expect(shippedTables).toEqual(expect.arrayContaining(["User", "Organization", "ApiKey", "AuditEvent"]));
  });

  it("applies every migration to a fresh database and records each the way Prisma does", async () => {
    const connection = connect(await scratchDatabase());

    const result = await migrate(connection);

    expect(result).toEqual({ applied: shippedMigrations, alreadyApplied: [] });
    for (const table of shippedTables) expect(await tableExists(connection, table), table).toBe(true);

    const rows = await recordedMigrations(connection);
    expect(rows.map((row) => row.migration_name)).toEqual(shippedMigrations);
    for (const row of rows) {
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.checksum).toBe(shippedChecksums.get(row.migration_name));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at?.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("creates _prisma_migrations with exactly Prisma's columns, so `prisma migrate status` can read it", async () => {
    const connection = connect(await scratchDatabase());
    await migrate(connection);

    const columns = await query<{
      column_name: string;
      data_type: string;
      character_maximum_length: unknown;
      is_nullable: string;
    }>(
      connection,
      `SELECT column_name, data_type, character_maximum_length, is_nullable
         FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = '_prisma_migrations'
        ORDER BY ordinal_position`,
    );
    expect(
      columns.map((column) => [
        column.column_name,
        column.data_type,
        // information_schema's cardinal_number is a domain: some drivers hand it back as text.
        column.character_maximum_length === null ? null : Number(column.character_maximum_length),
        column.is_nullable,
      ]),
    ).toEqual([
      ["id", "character varying", 36, "NO"],
      ["checksum", "character varying", 64, "NO"],
      ["finished_at", "timestamp with time zone", null, "YES"],
      ["migration_name", "character varying", 255, "NO"],
      ["logs", "text", null, "YES"],
      ["rolled_back_at", "timestamp with time zone", null, "YES"],
      ["started_at", "timestamp with time zone", null, "NO"],
      ["applied_steps_count", "integer", null, "NO"],
    ]);
  });

  it("does nothing when run again", async () => {
    const connection = connect(await scratchDatabase());
    await migrate(connection);
    const before = await recordedMigrations(connection);

    const again = await migrate(connection);

    expect(again).toEqual({ applied: [], alreadyApplied: shippedMigrations });
    expect(await recordedMigrations(connection)).toEqual(before);
  });

  it("applies each migration exactly once when several runners start at the same time", async () => {
    const scratch = await scratchDatabase();
    const connections = runners(scratch, 4);

    const results = await Promise.all(connections.map((connection) => migrate(connection)));

    expect(results.flatMap((result) => result.applied).sort()).toEqual(shippedMigrations);
    // Every runner either applied a migration or found it applied: none skipped or failed one.
    for (const result of results) expect([...result.applied, ...result.alreadyApplied].sort()).toEqual(shippedMigrations);
    const counts = await query<{ migration_name: string; count: unknown }>(
      connections[0],
      `SELECT migration_name, count(*) AS count FROM "_prisma_migrations" GROUP BY migration_name ORDER BY migration_name`,
    );
    expect(counts.map((row) => [row.migration_name, Number(row.count)])).toEqual(shippedMigrations.map((name) => [name, 1]));
  });

  it("serialises runners that overlap inside a slow migration", async () => {
    // The first migration holds its transaction open for a while, so every runner has read
    // `_prisma_migrations` (and found it empty) long before it commits — unless they wait on the
    // lock. Without the lock the others would re-run 001 and fail on the existing table.
    const dir = migrationsDir({
      "001_slow": `SELECT pg_sleep(0.3);\nCREATE TABLE "slow_one" ("id" INTEGER);`,
      "002_next": `CREATE TABLE "next_one" ("id" INTEGER);`,
    });
    const connections = runners(await scratchDatabase(), 3);

    const results = await Promise.all(connections.map((connection) => migrate(connection, { dir })));

    expect(results.flatMap((result) => result.applied).sort()).toEqual(["001_slow", "002_next"]);
    expect((await recordedMigrations(connections[0])).map((row) => row.migration_name)).toEqual(["001_slow", "002_next"]);
  });

  it("rolls a failing migration back completely, names it, and applies it once fixed", async () => {
    const dir = migrationsDir({
      "001_widgets": `CREATE TABLE "widgets" ("id" INTEGER);`,
      "002_broken": `CREATE TABLE "gadgets" ("id" INTEGER);\nINSERT INTO "widgets" VALUES (1);\nSELEC 1;`,
      "003_after": `CREATE TABLE "after_broken" ("id" INTEGER);`,
    });
    const scratch = await scratchDatabase();
    const connection = connect(scratch);

    const failure = await migrate(connection, { dir }).then(
      () => null,
      (error: unknown) => error,
    );

    expect(failure).toBeInstanceOf(Error);
    expect(String(failure)).toMatch(/Migration 002_broken failed and was rolled back: .*syntax error/);
    expect(failure instanceof Error ? failure.cause : undefined).toBeInstanceOf(Error);
    // 001 stays (its own transaction committed); nothing of 002 survives; 003 never ran.
    expect(await tableExists(connection, "widgets")).toBe(true);
    expect(await tableExists(connection, "gadgets")).toBe(false);
    expect(await tableExists(connection, "after_broken")).toBe(false);
    expect(await query(connection, `SELECT * FROM "widgets"`)).toEqual([]);
    expect((await recordedMigrations(connection)).map((row) => row.migration_name)).toEqual(["001_widgets"]);
    // The lock went with the failure: a later start (another instance) is not blocked forever.
    expect(await query(connection, `SELECT objid FROM pg_locks
        WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`)).toEqual([]);

    writeMigration(dir, "002_broken", `CREATE TABLE "gadgets" ("id" INTEGER);\nINSERT INTO "widgets" VALUES (1);`);
    // A new runner (for PostgreSQL, a new connection): it must not wait on a leftover lock.
    const [retry] = scratch.target.kind === "pglite" ? [connection] : runners(scratch, 1);
    expect(await migrate(retry, { dir })).toEqual({ applied: ["002_broken", "003_after"], alreadyApplied: ["001_widgets"] });
    expect(await query(retry, `SELECT "id" FROM "widgets"`)).toEqual([{ id: 1 }]);
  });

  it("refuses to start when an applied migration was edited", async () => {
    const dir = migrationsDir({
      "001_widgets": `CREATE TABLE "widgets" ("id" INTEGER);`,
      "002_gadgets": `CREATE TABLE "gadgets" ("id" INTEGER);`,
    });
    const connection = connect(await scratchDatabase());
    await migrate(connection, { dir });
    const before = await recordedMigrations(connection);

    writeMigration(dir, "001_widgets", `CREATE TABLE "widgets" ("id" INTEGER, "name" TEXT);`);
    writeMigration(dir, "003_more", `CREATE TABLE "more" ("id" INTEGER);`);

    await expect(migrate(connection, { dir })).rejects.toThrow(
      "Migration 001_widgets was edited after it was applied (checksum mismatch).",
    );
    // Nothing after the edited migration ran, and the record is untouched.
    expect(await tableExists(connection, "more")).toBe(false);
    expect(await recordedMigrations(connection)).toEqual(before);
  });

  it("refuses to start when the database has migrations this build does not know", async () => {
    const dir = migrationsDir({
      "001_widgets": `CREATE TABLE "widgets" ("id" INTEGER);`,
      "002_from_a_newer_build": `CREATE TABLE "newer" ("id" INTEGER);`,
    });
    const connection = connect(await scratchDatabase());
    await migrate(connection, { dir });

    fs.rmSync(path.join(dir, "002_from_a_newer_build"), { recursive: true });

    await expect(migrate(connection, { dir })).rejects.toThrow(/does not know: 002_from_a_newer_build/);
  });

  it("refuses to start on a migration recorded as started but never finished", async () => {
    const dir = migrationsDir({ "001_widgets": `CREATE TABLE "widgets" ("id" INTEGER);` });
    const connection = connect(await scratchDatabase());
    await migrate(connection, { dir });
    // What Prisma's own engine leaves behind when a migration fails half-way.
    await query(connection, `UPDATE "_prisma_migrations" SET finished_at = NULL WHERE migration_name = '001_widgets'`);

    await expect(migrate(connection, { dir })).rejects.toThrow(/001_widgets is recorded as started but not finished/);
  });

  it("re-applies a migration marked rolled back (as `prisma migrate resolve --rolled-back` does)", async () => {
    const dir = migrationsDir({ "001_widgets": `CREATE TABLE "widgets" ("id" INTEGER);` });
    const connection = connect(await scratchDatabase());
    await migrate(connection, { dir });
    await query(connection, `DROP TABLE "widgets"`);
    await query(connection, `UPDATE "_prisma_migrations" SET rolled_back_at = now()`);

    expect(await migrate(connection, { dir })).toEqual({ applied: ["001_widgets"], alreadyApplied: [] });

    expect(await tableExists(connection, "widgets")).toBe(true);
    const rows = await recordedMigrations(connection);
    expect(rows.map((row) => [row.migration_name, row.rolled_back_at === null])).toEqual([
      ["001_widgets", false],
      ["001_widgets", true],
    ]);
  });
});
