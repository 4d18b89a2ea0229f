import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

// Benchmarks never touch the console's own data: they get a fresh directory, removed on exit.
if (!process.env.KEYWARD_DATA_DIR) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "keyward-bench-"));
  process.env.KEYWARD_DATA_DIR = dir;
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
}
