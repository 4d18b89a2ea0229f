import type { TestProject } from "vitest/node";
import { startPostgresServer } from "./postgres-server";

declare module "vitest" {
  export interface ProvidedContext {
    /** Superuser URL of the throwaway server's `postgres` database (postgres project only). */
    postgresUrl: string;
  }
}

/**
 * One PostgreSQL server for the whole `postgres` project: starting one takes about a second,
 * a database on it a few milliseconds, so each test file gets its own database instead
 * (test/setup-postgres.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgresServer();
  project.provide("postgresUrl", server.url);
  return async () => {
    await server.stop();
  };
}
