import path from "node:path";
import { z } from "zod";

/**
 * Where Keyward keeps its data. Read from the environment once, validated, and shared by the
 * app, the migration CLI and the tests, so all three always agree on the database.
 */
export type DatabaseTarget =
  | { kind: "pglite"; dataDir: string }
  | { kind: "postgres"; url: string };

const databaseEnvSchema = z.object({
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "DATABASE_URL must be a postgres:// or postgresql:// URL" })
    .optional(),
  KEYWARD_DATA_DIR: z.string().min(1).optional(),
});

/** The data directory (default `.data/` in the working directory): PGlite files, generated secrets. */
export function resolveDataDir(env: Record<string, string | undefined> = process.env): string {
  const { KEYWARD_DATA_DIR } = databaseEnvSchema.parse(env);
  return path.resolve(/* turbopackIgnore: true */ KEYWARD_DATA_DIR ?? ".data");
}

export function resolveDatabaseTarget(env: Record<string, string | undefined> = process.env): DatabaseTarget {
  const parsed = databaseEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid database configuration: ${z.prettifyError(parsed.error)}`);
  }
  if (parsed.data.DATABASE_URL) return { kind: "postgres", url: parsed.data.DATABASE_URL };
  return { kind: "pglite", dataDir: path.join(resolveDataDir(env), "pglite") };
}

export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === "pglite") return `embedded PGlite at ${target.dataDir}`;
  const url = new URL(target.url);
  return `PostgreSQL at ${url.hostname}:${url.port || "5432"}${url.pathname}`;
}
