import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { resolveDataDir } from "@/lib/db/config";

let cachedSecret: string | undefined;

/**
 * The key that signs session cookies. NEXTAUTH_SECRET wins; without it Keyward generates one and
 * keeps it in the data directory, so a fresh clone works with zero configuration and sessions
 * survive restarts. With an external database in production the data directory is not a place
 * several instances share, so a missing secret is a start-up error (see assertProductionSecret).
 */
export function getAuthSecret(): string {
  if (cachedSecret) return cachedSecret;
  const configured = process.env.NEXTAUTH_SECRET;
  if (configured) {
    if (configured.length < 32) throw new Error("NEXTAUTH_SECRET must be at least 32 characters long.");
    return (cachedSecret = configured);
  }
  const file = path.join(resolveDataDir(), "auth-secret");
  try {
    cachedSecret = fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const generated = randomBytes(32).toString("base64url");
    try {
      // "wx": of two processes starting at once, only the first writes; the other reads its value.
      fs.writeFileSync(file, generated, { flag: "wx", mode: 0o600 });
      cachedSecret = generated;
    } catch {
      cachedSecret = fs.readFileSync(file, "utf8").trim();
    }
  }
  return cachedSecret;
}

export function assertProductionSecret(): void {
  if (process.env.NODE_ENV === "production" && process.env.DATABASE_URL && !process.env.NEXTAUTH_SECRET) {
    throw new Error(
      "NEXTAUTH_SECRET is not set. With an external database (DATABASE_URL) in production every " +
        "instance must share one secret: set NEXTAUTH_SECRET to a random string of 32+ characters " +
        "(e.g. `openssl rand -base64 32`).",
    );
  }
}
