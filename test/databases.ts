import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { resolveDatabaseTarget, type DatabaseTarget } from "@/lib/db/config";
import { copyPgliteTemplate } from "./pglite-template";
import { createDatabase, databaseUrl, dropDatabase } from "./postgres-server";

/** A database name no other test file or test will pick. */
export function createScratchDatabaseName(): string {
  return `keyward_test_${randomBytes(6).toString("hex")}`;
}

export interface ScratchDatabase {
  target: DatabaseTarget;
  /** Deletes the database. Close every connection to it first (PGlite's files are removed). */
  dispose(): Promise<void>;
}

/**
 * An empty, unmigrated database of the same kind as the one this test file runs against: a new
 * PGlite directory in the `pglite` project, a new database on the same server in `postgres`.
 * For tests that need a database in a state the per-file one is not in (empty, or broken).
 */
export async function createScratchDatabase(): Promise<ScratchDatabase> {
  const current = resolveDatabaseTarget();
  if (current.kind === "postgres") {
    const adminUrl = databaseUrl(current.url, "postgres");
    const name = createScratchDatabaseName();
    const url = await createDatabase(adminUrl, name);
    return { target: { kind: "postgres", url }, dispose: () => dropDatabase(adminUrl, name) };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyward-scratch-"));
  const dataDir = path.join(dir, "pglite");
  copyPgliteTemplate(inject("pgliteTemplateDir"), dataDir);
  return {
    target: { kind: "pglite", dataDir },
    dispose: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
