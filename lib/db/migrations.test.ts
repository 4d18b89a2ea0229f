import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_MIGRATIONS_DIR, readMigrations } from "./migrations";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyward-read-migrations-"));
  dirs.push(dir);
  return dir;
}

describe("readMigrations", () => {
  it("reads migration folders in name order with Prisma's checksum, skipping loose files", async () => {
    const dir = tempDir();
    const files: Record<string, string> = {
      "20260102000000_second": "CREATE TABLE b (id int);\n",
      "20260101000000_first": "-- Ünïcode comment\nCREATE TABLE a (id int);\n",
      "20260103000000_third": "",
    };
    for (const [name, sql] of Object.entries(files)) {
      fs.mkdirSync(path.join(dir, name));
      fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
    }
    fs.writeFileSync(path.join(dir, "migration_lock.toml"), 'provider = "postgresql"\n');

    const migrations = await readMigrations(dir);

    expect(migrations.map((migration) => migration.name)).toEqual([
      "20260101000000_first",
      "20260102000000_second",
      "20260103000000_third",
    ]);
    for (const migration of migrations) {
      const bytes = fs.readFileSync(path.join(dir, migration.name, "migration.sql"));
      expect(migration.sql).toBe(bytes.toString("utf8"));
      expect(migration.checksum).toBe(createHash("sha256").update(bytes).digest("hex"));
    }
  });

  it("fails loudly on a migration folder without migration.sql", async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, "20260101000000_empty"));
    await expect(readMigrations(dir)).rejects.toThrow(/migration\.sql/);
  });

  it("reads the shipped migrations from prisma/migrations", async () => {
    const migrations = await readMigrations();
    expect(DEFAULT_MIGRATIONS_DIR).toBe(path.resolve("prisma", "migrations"));
    expect(migrations.length).toBeGreaterThan(0);
    for (const migration of migrations) {
      expect(migration.name).toMatch(/^\d{14}_[a-z0-9_]+$/);
      expect(migration.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(migration.sql.length).toBeGreaterThan(0);
    }
  });
});
