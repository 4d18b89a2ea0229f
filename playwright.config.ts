import { existsSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

/*
 * End-to-end tests run against a production build (`next build` + `next start`) on 127.0.0.1,
 * with the embedded PGlite database in a throw-away directory: every run starts from an empty
 * database, and a run can never touch a developer's `.data/` or a real PostgreSQL.
 */

const PORT = Number(process.env.E2E_PORT ?? 3100);
if (!Number.isInteger(PORT) || PORT < 1 || PORT > 65_535) throw new Error(`E2E_PORT must be a TCP port, got "${process.env.E2E_PORT}".`);
const BASE_URL = `http://127.0.0.1:${PORT}`;

const DATA_DIR_PREFIX = "keyward-e2e-";

/** Only a directory this config created (or could have) directly under the OS temp dir qualifies. */
function assertLocalTempDir(dir: string): string {
  const tmp = realpathSync(os.tmpdir());
  const real = realpathSync(dir);
  if (path.dirname(real) !== tmp || !path.basename(real).startsWith(DATA_DIR_PREFIX)) {
    throw new Error(`Refusing to use ${dir} as the e2e data directory: it must be ${tmp}${path.sep}${DATA_DIR_PREFIX}*.`);
  }
  return real;
}

/*
 * Playwright loads this file in the runner and again in every worker. The runner creates the
 * directory and passes it to the workers (and the web server) through the environment, so there
 * is one per run; only the process that created it removes it, when it exits (after the web
 * server has been stopped).
 */
function e2eDataDir(): string {
  const inherited = process.env.KEYWARD_E2E_DATA_DIR;
  if (inherited) return assertLocalTempDir(inherited);
  const created = assertLocalTempDir(mkdtempSync(path.join(os.tmpdir(), DATA_DIR_PREFIX)));
  process.env.KEYWARD_E2E_DATA_DIR = created;
  process.once("exit", () => rmSync(created, { recursive: true, force: true }));
  return created;
}
const DATA_DIR = e2eDataDir();

// The web server inherits this process's environment. Without DATABASE_URL the app uses PGlite
// in KEYWARD_DATA_DIR; a NEXTAUTH_URL left over from development would point sign-in elsewhere.
delete process.env.DATABASE_URL;
delete process.env.NEXTAUTH_URL;

// Debian's Chromium where Playwright's own browsers cannot be downloaded; elsewhere, Playwright's.
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const CHROMIUM_ARGS = [
  // Without these Chromium calls Google's hosts (updates, sync, field trials), which fail here.
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  // Chromium's sandbox cannot start as root (containers, CI); an unprivileged user keeps it.
  ...(process.getuid?.() === 0 ? ["--no-sandbox"] : []),
];

export default defineConfig({
  testDir: "e2e",
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  // Two cores on our machines: one for the server, the rest for browsers.
  workers: 2,
  fullyParallel: true,
  timeout: 60_000,
  // Server actions hash passwords with Argon2 on a loaded 2-core machine; 5 s is tight for that.
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL: BASE_URL,
    trace: "on-first-retry",
    screenshot: "only-on-failure",
    // The console copies keys with the async Clipboard API; the tests read it back.
    permissions: ["clipboard-read", "clipboard-write"],
    locale: "en-US",
    timezoneId: "UTC",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
      },
    },
  ],
  webServer: {
    command: `npm run build && npm run start -- -p ${PORT} -H 127.0.0.1`,
    // Any page that renders without a session answers 200 once the server is ready.
    url: `${BASE_URL}/sign-in`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: process.env.CI ? "pipe" : "ignore",
    stderr: "pipe",
    // SIGTERM lets `next start` close PGlite cleanly before the directory is removed.
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      KEYWARD_DATA_DIR: DATA_DIR,
      NEXT_TELEMETRY_DISABLED: "1",
      // Every test signs up its own account, all from 127.0.0.1 (the limit: e2e/sign-up-throttle.spec.ts).
      KEYWARD_SIGN_UP_LIMIT: "1000",
    },
  },
});
