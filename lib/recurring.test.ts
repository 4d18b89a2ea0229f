import { afterEach, describe, expect, it, vi } from "vitest";
import { startRecurring } from "./recurring";

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("startRecurring", () => {
  it("runs at once and then every interval, once per name however often it is started", async () => {
    vi.useFakeTimers();
    const job = vi.fn(async () => undefined);
    startRecurring("test: counts runs", 1_000, job);
    startRecurring("test: counts runs", 1_000, job);
    expect(job).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(job).toHaveBeenCalledTimes(4);
  });

  it("logs a failed run and runs again on the next tick", async () => {
    vi.useFakeTimers();
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const job = vi.fn().mockRejectedValueOnce(new Error("database unreachable")).mockResolvedValue(undefined);
    startRecurring("test: recovers", 1_000, job);
    await vi.advanceTimersByTimeAsync(0);
    expect(logged).toHaveBeenCalledWith("[test: recovers] failed:", "database unreachable");
    await vi.advanceTimersByTimeAsync(1_000);
    expect(job).toHaveBeenCalledTimes(2);
  });
});
