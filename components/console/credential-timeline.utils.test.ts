import { describe, expect, it } from "vitest";
import { groupByDay, requestHourSummary } from "./credential-timeline.utils";

describe("requestHourSummary", () => {
  it.each([
    [{ calls: 1, denied: 0, reasons: [] }, "1 call"],
    [{ calls: 1200, denied: 0, reasons: [] }, "1,200 calls"],
    [
      { calls: 42, denied: 3, reasons: [{ code: "INSUFFICIENT_SCOPE", count: 2 }, { code: "RATE_LIMITED", count: 1 }] },
      "42 calls · 3 denied (INSUFFICIENT_SCOPE ×2, RATE_LIMITED ×1)",
    ],
  ])("%o reads %s", (hour, text) => {
    expect(requestHourSummary(hour)).toBe(text);
  });
});

describe("groupByDay", () => {
  it("groups consecutive items by UTC day, in order", () => {
    const at = (iso: string) => ({ at: new Date(iso) });
    expect(groupByDay([at("2026-11-25T23:59:00Z"), at("2026-11-25T00:00:00Z"), at("2026-11-24T23:00:00Z")])).toEqual([
      { day: "2026-11-25", items: [at("2026-11-25T23:59:00Z"), at("2026-11-25T00:00:00Z")] },
      { day: "2026-11-24", items: [at("2026-11-24T23:00:00Z")] },
    ]);
  });
});
