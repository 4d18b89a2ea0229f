/**
 * Runs once when a server instance starts, before it serves requests: configuration errors
 * stop the start with a clear message, pending migrations are applied, and the instance starts
 * listening for credential revocations made by other instances, records expiries as they happen,
 * and prunes expired sessions and spent sign-in throttles.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { assertProductionSecret } = await import("./lib/auth/secret");
  const { ensureDatabaseReady } = await import("./lib/db/client");
  const { resolveDatabaseTarget } = await import("./lib/db/config");
  const { startInvalidationListener } = await import("./lib/credentials/invalidation");
  const { flushUsageOnShutdown } = await import("./lib/credentials/shutdown");
  const { startExpirySweep } = await import("./lib/credentials/expiry");
  const { startSignInStatePrune } = await import("./lib/auth/prune");
  assertProductionSecret();
  await ensureDatabaseReady();
  startInvalidationListener(resolveDatabaseTarget());
  flushUsageOnShutdown();
  startExpirySweep();
  startSignInStatePrune();
}
