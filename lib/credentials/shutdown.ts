import { flushUsage } from "./usage";

/**
 * On SIGTERM/SIGINT, write the buffered last-used times and request log before exiting, so a
 * normal stop loses nothing. `npm start` sets NEXT_MANUAL_SIG_HANDLE so that Next leaves the
 * signals to us; without it Next exits on its own schedule and this is a best effort.
 */
export function flushUsageOnShutdown(): void {
  const globalForShutdown = globalThis as typeof globalThis & { __keywardShutdownHook?: boolean };
  if (globalForShutdown.__keywardShutdownHook) return;
  globalForShutdown.__keywardShutdownHook = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      const code = signal === "SIGINT" ? 130 : 143;
      const deadline = setTimeout(() => process.exit(code), 5_000);
      deadline.unref();
      flushUsage()
        .catch((error: unknown) => console.error("[usage] final flush failed:", error))
        .finally(() => process.exit(code));
    });
  }
}
