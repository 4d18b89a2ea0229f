import { describe, expect, it } from "vitest";
import { BASE62_ALPHABET } from "./base62";
import {
  MAX_KEY_LENGTH,
  checksumOf,
  displayParts,
  generateKey,
  hashKey,
  maskKey,
  parseKey,
  type KeyKind,
} from "./format";

// A key computed outside this code base (Python's zlib.crc32 and hashlib.sha256), so the
// format is pinned: keys already handed out must keep parsing and hashing the same forever.
const KNOWN_KEY = "sk_0123456789ABCDEFGHIJabcdefghij22Be2A";
const KNOWN_KEY_SHA256 = "db2d574278ad309997d157ffcc9fc19363dee88b0c6aa763f3669ebdd0be405b";

const RANDOM_LENGTH = 30;
const CHECKSUM_LENGTH = 6;

/** Rebuilds a key around a changed head, with a correct checksum: only the shape is wrong. */
function withValidChecksum(head: string): string {
  return head + checksumOf(head);
}

describe("generateKey", () => {
  it.each([
    ["publishable", "pk_"],
    ["secret", "sk_"],
  ] as const)("makes %s keys: %s + 30 random + 6 checksum characters", (kind, marker) => {
    const key = generateKey(kind);
    expect(key.startsWith(marker)).toBe(true);
    expect(key).toHaveLength(marker.length + RANDOM_LENGTH + CHECKSUM_LENGTH);
    expect(key.slice(marker.length)).toMatch(/^[0-9A-Za-z]{36}$/);
    expect(parseKey(key)).toEqual({ ok: true, kind, prefix: null });
  });

  it("carries at least 160 random bits (the threat model's floor)", () => {
    const key = generateKey("secret");
    const randomCharacters = key.length - "sk_".length - CHECKSUM_LENGTH;
    expect(randomCharacters).toBe(RANDOM_LENGTH);
    expect(randomCharacters * Math.log2(BASE62_ALPHABET.length)).toBeGreaterThanOrEqual(160);
  });

  it("never repeats itself over 10,000 keys, and each one parses", () => {
    const keys = Array.from({ length: 10_000 }, (_, i) => generateKey(i % 2 === 0 ? "secret" : "publishable"));
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(keys.map((key) => key.slice(3, 3 + RANDOM_LENGTH))).size).toBe(keys.length);
    expect(keys.filter((key) => !parseKey(key).ok)).toEqual([]);
  });

  it("uses the whole alphabet in the random part", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) for (const char of generateKey("secret").slice(3, 3 + RANDOM_LENGTH)) seen.add(char);
    expect(seen.size).toBe(62);
  });

  it.each(["ab", "acme", "my_org", "a1b2", "abcdefghijklmnop"])("accepts the custom prefix %j", (prefix) => {
    const key = generateKey("secret", { prefix });
    expect(key.startsWith(`${prefix}_sk_`)).toBe(true);
    expect(key).toHaveLength(prefix.length + 1 + 3 + RANDOM_LENGTH + CHECKSUM_LENGTH);
    expect(key.length).toBeLessThanOrEqual(MAX_KEY_LENGTH);
    expect(parseKey(key)).toEqual({ ok: true, kind: "secret", prefix });
  });

  it.each(["", "a", "abcdefghijklmnopq", "Acme", "ac-me", "ac me", "acmé", "acme\n"])(
    "rejects the custom prefix %j",
    (prefix) => {
      expect(() => generateKey("publishable", { prefix })).toThrow(/prefix must be 2–16 lowercase/);
    },
  );
});

describe("parseKey", () => {
  it("accepts a key made elsewhere to the spec", () => {
    expect(parseKey(KNOWN_KEY)).toEqual({ ok: true, kind: "secret", prefix: null });
    expect(checksumOf(KNOWN_KEY.slice(0, -CHECKSUM_LENGTH))).toBe("22Be2A");
  });

  it("accepts the longest possible key", () => {
    const key = generateKey("secret", { prefix: "p".repeat(16) });
    expect(key).toHaveLength(MAX_KEY_LENGTH);
    expect(parseKey(key).ok).toBe(true);
  });

  const samples: Array<[string, string]> = [
    ["known secret key", KNOWN_KEY],
    ["publishable key", generateKey("publishable")],
    ["secret key", generateKey("secret")],
    ["prefixed key", generateKey("secret", { prefix: "my_org" })],
  ];

  describe.each(samples)("on a %s, catches every single-character change", (_, key) => {
    const bodyStart = key.length - RANDOM_LENGTH - CHECKSUM_LENGTH;

    it("in the random part and the checksum: bad_checksum, for every other character", () => {
      for (let position = bodyStart; position < key.length; position++) {
        for (const replacement of BASE62_ALPHABET) {
          if (replacement === key[position]) continue;
          const changed = key.slice(0, position) + replacement + key.slice(position + 1);
          expect(parseKey(changed), `${changed} (position ${position})`).toEqual({ ok: false, reason: "bad_checksum" });
        }
      }
    });

    it("in the prefix and type marker: rejected", () => {
      for (let position = 0; position < bodyStart; position++) {
        for (const replacement of `${BASE62_ALPHABET}_-.`) {
          if (replacement === key[position]) continue;
          const changed = key.slice(0, position) + replacement + key.slice(position + 1);
          expect(parseKey(changed).ok, `${changed} (position ${position})`).toBe(false);
        }
      }
    });

    it("swapping two neighbouring characters of the body: rejected", () => {
      for (let position = bodyStart; position < key.length - 1; position++) {
        const a = key.charAt(position);
        const b = key.charAt(position + 1);
        if (a === b) continue;
        const swapped = key.slice(0, position) + b + a + key.slice(position + 2);
        expect(parseKey(swapped).ok, swapped).toBe(false);
      }
    });

    it("truncated to any length: rejected", () => {
      for (let length = 0; length < key.length; length++) {
        expect(parseKey(key.slice(0, length)).ok, key.slice(0, length)).toBe(false);
      }
    });
  });

  it.each<[string, string, "malformed" | "bad_checksum"]>([
    ["one character too many", `${KNOWN_KEY}a`, "malformed"],
    ["a valid key twice", KNOWN_KEY + KNOWN_KEY, "malformed"],
    ["one past the longest possible key", `${"p".repeat(17)}_${KNOWN_KEY}`, "malformed"],
    ["a megabyte", "s".repeat(1_000_000), "malformed"],
    ["empty", "", "malformed"],
    ["unknown type marker, checksum fixed", withValidChecksum("xk_0123456789ABCDEFGHIJabcdefghij"), "malformed"],
    ["upper-case type marker, checksum fixed", withValidChecksum("SK_0123456789ABCDEFGHIJabcdefghij"), "malformed"],
    ["no type marker", "0123456789ABCDEFGHIJabcdefghij22Be2A", "malformed"],
    ["marker without separator", KNOWN_KEY.replace("sk_", "sk"), "malformed"],
    ["pk marker on an sk checksum", KNOWN_KEY.replace("sk_", "pk_"), "bad_checksum"],
    ["one-letter custom prefix", withValidChecksum("a_sk_0123456789ABCDEFGHIJabcdefghij"), "malformed"],
    ["upper-case custom prefix", withValidChecksum("Acme_sk_0123456789ABCDEFGHIJabcdefghij"), "malformed"],
    ["hyphen in custom prefix", withValidChecksum("ac-me_sk_0123456789ABCDEFGHIJabcdefghij"), "malformed"],
    ["leading space", ` ${KNOWN_KEY}`, "malformed"],
    ["trailing newline", `${KNOWN_KEY}\n`, "malformed"],
    ["non-ASCII letter (é)", KNOWN_KEY.replace("a", "é"), "malformed"],
    ["Cyrillic look-alike (а)", KNOWN_KEY.replace("a", "\u0430"), "malformed"],
    ["full-width digit", KNOWN_KEY.replace("0", "\uff10"), "malformed"],
    ["zero-width space inside", KNOWN_KEY.replace("ABC", "A\u200bBC"), "malformed"],
    ["emoji", KNOWN_KEY.replace("abc", "a\u{1f511}"), "malformed"],
  ])("rejects %s as %s", (_, value, reason) => {
    expect(parseKey(value)).toEqual({ ok: false, reason });
  });

  it("reads the kind from the marker, which the checksum covers", () => {
    const publishable = withValidChecksum("pk_0123456789ABCDEFGHIJabcdefghij");
    expect(parseKey(publishable)).toEqual({ ok: true, kind: "publishable", prefix: null });
    expect(parseKey(KNOWN_KEY)).toEqual({ ok: true, kind: "secret", prefix: null });
  });

  it.each<[string, KeyKind, string]>([
    ["my_org_sk_", "secret", "my_org"],
    ["x_pk_sk_", "secret", "x_pk"],
    ["sk_pk_", "publishable", "sk"],
    ["a0_pk_", "publishable", "a0"],
  ])("splits the custom prefix of %s…", (head, kind, prefix) => {
    expect(parseKey(withValidChecksum(`${head}0123456789ABCDEFGHIJabcdefghij`))).toEqual({ ok: true, kind, prefix });
  });
});

describe("hashKey", () => {
  it.each([
    // FIPS 180-2 test vectors, then the pinned key.
    ["", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
    [KNOWN_KEY, KNOWN_KEY_SHA256],
  ])("hashKey(%j) is SHA-256 %s", (input, expected) => {
    expect(hashKey(input)).toBe(expected);
  });

  it("is stable and tells keys one character apart", () => {
    const key = generateKey("secret");
    expect(hashKey(key)).toBe(hashKey(key));
    expect(hashKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashKey(`${key.slice(0, -1)}x`)).not.toBe(hashKey(key));
  });
});

describe("displayParts and maskKey", () => {
  // Keys and checksums computed outside this code base, like KNOWN_KEY.
  it.each([
    [KNOWN_KEY, { start: "sk_", last4: "Be2A" }, "sk_…Be2A"],
    ["pk_0123456789ABCDEFGHIJabcdefghij0xH4Qt", { start: "pk_", last4: "H4Qt" }, "pk_…H4Qt"],
    ["acme_sk_0123456789ABCDEFGHIJabcdefghij3UJkPj", { start: "acme_sk_", last4: "JkPj" }, "acme_sk_…JkPj"],
  ])("shows %s as its prefix and last four", (key, parts, masked) => {
    expect(parseKey(key).ok).toBe(true);
    expect(displayParts(key)).toEqual(parts);
    expect(maskKey(displayParts(key))).toBe(masked);
  });

  it("shows only checksum characters, so what is displayed leaks none of the random bits", () => {
    for (const kind of ["publishable", "secret"] as const) {
      const key = generateKey(kind, { prefix: "acme" });
      const parts = displayParts(key);
      expect(parts.start).toBe(kind === "secret" ? "acme_sk_" : "acme_pk_");
      expect(checksumOf(key.slice(0, -CHECKSUM_LENGTH)).endsWith(parts.last4)).toBe(true);
      const masked = maskKey(parts);
      expect(masked).toHaveLength(parts.start.length + 1 + 4);
      expect(masked).not.toContain(key.slice(parts.start.length, parts.start.length + RANDOM_LENGTH));
    }
  });
});
