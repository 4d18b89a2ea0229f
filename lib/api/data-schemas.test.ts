import { describe, expect, it } from "vitest";
import { createRowBody, MAX_ROW_DEPTH, rowsQuery, updateRowBody } from "./data-schemas";

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

describe("row bodies the database could not store", () => {
  it("refuses nesting past the limit as a validation issue, however deep (no stack overflow)", () => {
    expect(createRowBody.safeParse({ doc: nested(MAX_ROW_DEPTH - 1) }).success).toBe(true);
    expect(createRowBody.safeParse({ doc: nested(MAX_ROW_DEPTH) }).success).toBe(false);
    const deep = JSON.parse(`{"doc":${"[".repeat(30_000)}${"]".repeat(30_000)}}`) as unknown;
    const result = updateRowBody.safeParse(deep);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/nest/);
  });

  it.each([
    ["NUL in a value", { title: "a\u0000b" }],
    ["a lone high surrogate", { title: "a\ud800" }],
    ["a lone low surrogate deep inside", { doc: [{ x: ["\udc00"] }] }],
    ["NUL in a nested key", { doc: { "a\u0000": 1 } }],
  ])("refuses %s", (_, body) => {
    expect(createRowBody.safeParse(body).success).toBe(false);
  });

  it("accepts paired surrogates (emoji) and other text", () => {
    expect(createRowBody.safeParse({ title: "😀 ünïcødé", doc: { "😀": ["\u0001"] } }).success).toBe(true);
  });

  it("refuses NUL in a filter value", () => {
    expect(rowsQuery.safeParse({ title: "a\u0000" }).success).toBe(false);
    expect(rowsQuery.safeParse({ title: "a" }).success).toBe(true);
  });
});
