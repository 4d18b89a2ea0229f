import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { flushUsage } from "@/lib/credentials/usage";
import { closeDatabase, ensureDatabaseReady } from "@/lib/db";
import { createScratchDatabaseName } from "./databases";
import { createDatabase, dropDatabase } from "./postgres-server";

// Each test file gets its own database on the project's server (test/postgres-global-setup.ts),
// migrated before any test runs, so files can run in parallel and never see each other's rows.
const adminUrl = inject("postgresUrl");
const name = createScratchDatabaseName();
process.env.DATABASE_URL = await createDatabase(adminUrl, name);
// Files the app writes next to its database (generated secrets) get a private directory too.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyward-data-"));
process.env.KEYWARD_DATA_DIR = dataDir;

await ensureDatabaseReady();

afterAll(async () => {
  // Buffered last-used times and request-log entries are written before the database goes.
  await flushUsage();
  await closeDatabase();
  await dropDatabase(adminUrl, name);
  fs.rmSync(dataDir, { recursive: true, force: true });
});
