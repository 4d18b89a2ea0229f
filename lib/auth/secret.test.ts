import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// getAuthSecret caches per module instance, so every test imports a fresh copy.
async function freshSecretModule() {
  vi.resetModules();
  return import("./secret");
}

describe("auth secret", () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyward-secret-"));
    vi.stubEnv("KEYWARD_DATA_DIR", dataDir);
    vi.stubEnv("NEXTAUTH_SECRET", undefined);
    vi.stubEnv("DATABASE_URL", undefined);
  });

  afterEach(() => {
    vi.unstubAllEnvs();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("generates a secret into the data directory when none is configured, and keeps it", async () => {
    const first = (await freshSecretModule()).getAuthSecret();
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(fs.readFileSync(path.join(dataDir, "auth-secret"), "utf8")).toBe(first);
    expect((await freshSecretModule()).getAuthSecret()).toBe(first);
  });

  it("uses NEXTAUTH_SECRET when set, and refuses a short one", async () => {
    vi.stubEnv("NEXTAUTH_SECRET", "s".repeat(40));
    expect((await freshSecretModule()).getAuthSecret()).toBe("s".repeat(40));
    vi.stubEnv("NEXTAUTH_SECRET", "short");
    await expect(freshSecretModule().then((m) => m.getAuthSecret())).rejects.toThrow(/at least 32 characters/);
  });

  it("stops a production start with an external database and no secret, with a clear message", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("DATABASE_URL", "postgresql://keyward@db.internal:5432/keyward");
    const { assertProductionSecret } = await freshSecretModule();
    expect(() => assertProductionSecret()).toThrow(/NEXTAUTH_SECRET is not set/);

    vi.stubEnv("NEXTAUTH_SECRET", "s".repeat(40));
    expect(() => assertProductionSecret()).not.toThrow();
  });

  it("lets production run on the embedded database without a configured secret", async () => {
    vi.stubEnv("NODE_ENV", "production");
    const { assertProductionSecret } = await freshSecretModule();
    expect(() => assertProductionSecret()).not.toThrow();
  });
});
