// Not server-only: background jobs start from instrumentation.ts, outside the React server layer.

const globalForJobs = globalThis as typeof globalThis & { __keywardRecurringJobs?: Map<string, ReturnType<typeof setInterval>> };

/**
 * Runs `job` now and then every `intervalMs` for the life of the process, once per process
 * however often it is started (the timer is kept on globalThis under `name`). A failed run is
 * logged and the next one tries again; the timer never keeps the process alive on its own.
 */
export function startRecurring(name: string, intervalMs: number, job: () => Promise<unknown>): void {
  const timers = (globalForJobs.__keywardRecurringJobs ??= new Map());
  if (timers.has(name)) return;
  const run = () => void job().catch((error: unknown) => console.error(`[${name}] failed:`, error instanceof Error ? error.message : error));
  const timer = setInterval(run, intervalMs);
  timer.unref();
  timers.set(name, timer);
  run();
}
