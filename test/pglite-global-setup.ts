import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createPgliteTemplate } from "./pglite-template";

declare module "vitest" {
  export interface ProvidedContext {
    /** An initialised, empty PGlite data directory to copy (pglite project only). */
    pgliteTemplateDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const baseDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyward-pglite-template-"));
  const templateDir = path.join(baseDir, "pglite");
  await createPgliteTemplate(templateDir);
  project.provide("pgliteTemplateDir", templateDir);
  return () => fs.rmSync(baseDir, { recursive: true, force: true });
}
