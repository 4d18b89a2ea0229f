/**
 * Runs once when a server instance starts, before it serves requests: configuration errors
 * stop the start with a clear message, and pending migrations are applied.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { assertProductionSecret } = await import("./lib/auth/secret");
  const { ensureDatabaseReady } = await import("./lib/db/client");
  assertProductionSecret();
  await ensureDatabaseReady();
}
