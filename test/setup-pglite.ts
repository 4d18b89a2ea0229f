import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { flushUsage } from "@/lib/credentials/usage";
import { closeDatabase, ensureDatabaseReady } from "@/lib/db";
import { resolveDatabaseTarget } from "@/lib/db/config";
import { copyPgliteTemplate } from "./pglite-template";

// Each test file gets its own embedded database in a fresh directory, migrated before any test
// runs, so files can run in parallel and never see each other's rows.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyward-pglite-"));
process.env.KEYWARD_DATA_DIR = dataDir;
delete process.env.DATABASE_URL;

const target = resolveDatabaseTarget();
if (target.kind !== "pglite") throw new Error(`Expected a PGlite target, got ${target.kind}`);
copyPgliteTemplate(inject("pgliteTemplateDir"), target.dataDir);

await ensureDatabaseReady();

afterAll(async () => {
  // Buffered last-used times and request-log entries are written before the database goes.
  await flushUsage();
  await closeDatabase();
  fs.rmSync(dataDir, { recursive: true, force: true });
});
