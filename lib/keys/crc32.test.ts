import { describe, expect, it } from "vitest";
import { crc32 } from "./crc32";

describe("crc32", () => {
  // Published CRC-32/ISO-HDLC check values (the zip/PNG CRC); the first is the catalogue's "check".
  it.each([
    ["123456789", 0xcbf43926],
    ["", 0x00000000],
    ["a", 0xe8b7be43],
    ["The quick brown fox jumps over the lazy dog", 0x414fa339],
  ])("crc32(%j) = %i", (input, expected) => {
    expect(crc32(input)).toBe(expected);
  });

  it("returns an unsigned 32-bit integer", () => {
    for (const input of ["123456789", "sk_", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"]) {
      const value = crc32(input);
      expect(Number.isInteger(value)).toBe(true);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(0xffffffff);
    }
  });
});
