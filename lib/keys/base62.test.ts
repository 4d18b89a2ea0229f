import { describe, expect, it } from "vitest";
import { BASE62_ALPHABET, encodeBase62, randomBase62 } from "./base62";

/** Independent decoder, to check the encoder by round trip. */
function decodeBase62(text: string): number {
  let value = 0;
  for (const char of text) value = value * 62 + BASE62_ALPHABET.indexOf(char);
  return value;
}

describe("BASE62_ALPHABET", () => {
  it("is 0-9, A-Z, a-z in ASCII order, each once", () => {
    expect(BASE62_ALPHABET).toHaveLength(62);
    expect(new Set(BASE62_ALPHABET).size).toBe(62);
    expect([...BASE62_ALPHABET].sort().join("")).toBe(BASE62_ALPHABET);
    expect(BASE62_ALPHABET).toMatch(/^[0-9A-Za-z]+$/);
  });
});

describe("encodeBase62", () => {
  it.each([
    [0, 6, "000000"],
    [0, 1, "0"],
    [61, 1, "z"],
    [62, 1, "10"],
    [62, 6, "000010"],
    [62 * 62 - 1, 2, "zz"],
    [62 * 62, 2, "100"],
    // The largest CRC-32 still fits the 6 characters keys reserve for it (62^6 > 2^32).
    [0xffffffff, 6, "4gfFC3"],
    [0xcbf43926, 6, "3jZRME"],
  ])("encodeBase62(%i, %i) = %j", (value, width, expected) => {
    expect(encodeBase62(value, width)).toBe(expected);
  });

  it("pads to the width but never truncates", () => {
    expect(encodeBase62(1, 8)).toBe("00000001");
    expect(encodeBase62(62 ** 3, 2)).toBe("1000");
  });

  it("round-trips every CRC-32 sized value it is given", () => {
    for (const value of [1, 61, 62, 3_843, 3_844, 916_132_831, 2 ** 31, 2 ** 32 - 1]) {
      const encoded = encodeBase62(value, 6);
      expect(encoded).toHaveLength(6);
      expect(decodeBase62(encoded)).toBe(value);
    }
  });

  it("keeps the order of values (fixed width sorts like the numbers)", () => {
    const values = [0, 9, 10, 35, 36, 61, 62, 1_000, 2 ** 32 - 1];
    const encoded = values.map((value) => encodeBase62(value, 6));
    expect([...encoded].sort()).toEqual(encoded);
  });
});

describe("randomBase62", () => {
  it.each([0, 1, 30, 100])("returns %i characters from the alphabet", (length) => {
    const value = randomBase62(length);
    expect(value).toHaveLength(length);
    expect(value).toMatch(/^[0-9A-Za-z]*$/);
  });

  it("draws every character uniformly (no modulo bias)", () => {
    // 62,000 draws, 1,000 expected per character. A byte-modulo-62 generator would give the
    // first 8 characters 25% more hits, a chi-square in the thousands. 61 degrees of freedom:
    // 130 is exceeded by chance with probability below 1e-6.
    const counts = new Map<string, number>();
    for (const char of randomBase62(62_000)) counts.set(char, (counts.get(char) ?? 0) + 1);
    expect(counts.size).toBe(62);
    let chiSquare = 0;
    for (const count of counts.values()) chiSquare += (count - 1_000) ** 2 / 1_000;
    expect(chiSquare).toBeLessThan(130);
  });
});
