import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type ViteUserConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

const INTEGRATION_TESTS = ["lib/**/*.int.test.ts", "app/**/*.int.test.ts", "test/**/*.int.test.ts"];
const ALWAYS_EXCLUDED = ["**/node_modules/**", "e2e/**", ".next/**", "lib/generated/**"];

/**
 * Integration tests run twice, once per database Keyward supports; the project name (shown in
 * front of every test) says which. Every test file gets its own database from its setup file, so
 * files run in parallel like unit tests.
 */
function integrationProject(
  name: "pglite" | "postgres",
  setup: { setupFiles: string[]; globalSetup?: string[]; exclude?: string[] },
) {
  return {
    extends: true,
    test: {
      name,
      environment: "node",
      include: INTEGRATION_TESTS,
      ...setup,
      exclude: [...ALWAYS_EXCLUDED, ...(setup.exclude ?? [])],
      // Generous for real databases on a loaded 2-core CI machine; a hung query still fails.
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  } satisfies NonNullable<NonNullable<ViteUserConfig["test"]>["projects"]>[number];
}

export default defineConfig({
  resolve: {
    alias: {
      // Only the "@/…" form: a bare "@" prefix would also swallow scoped packages (@prisma/…).
      "@/": `${root}/`,
      // The real package throws outside React Server Components (see the stub).
      "server-only": `${root}/test/server-only-stub.ts`,
    },
  },
  test: {
    // Vitest's default is one worker per core minus one: a single worker on a 2-core CI machine.
    // Integration files mostly wait on a database server, so use every core, and at least two.
    maxWorkers: Math.max(2, os.availableParallelism()),
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          environment: "node",
          include: ["lib/**/*.test.ts", "app/**/*.test.ts", "components/**/*.test.{ts,tsx}", "test/**/*.test.ts"],
          exclude: [...ALWAYS_EXCLUDED, "**/*.int.test.ts"],
        },
      },
      integrationProject("pglite", {
        globalSetup: ["test/pglite-global-setup.ts"],
        setupFiles: ["test/setup-pglite.ts"],
        // The test server's own tests need PostgreSQL binaries, not an embedded database.
        exclude: [
          "test/postgres-server.int.test.ts",
          // Stop (or freeze) a PostgreSQL server and run a second instance against it: PostgreSQL only.
          "lib/credentials/outage.int.test.ts",
          "lib/credentials/hang.int.test.ts",
          "lib/credentials/cross-instance.int.test.ts",
        ],
      }),
      integrationProject("postgres", {
        globalSetup: ["test/postgres-global-setup.ts"],
        setupFiles: ["test/setup-postgres.ts"],
      }),
    ],
  },
});
