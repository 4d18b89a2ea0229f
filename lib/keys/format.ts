import { createHash } from "node:crypto";
import { encodeBase62, randomBase62 } from "./base62";
import { crc32 } from "./crc32";

/**
 * The key format, in the manner of GitHub's tokens:
 *
 *   [custom_]sk_<30 random base62 chars><6 base62 chars of CRC-32>
 *
 * - The type marker tells a reader, and a secret scanner, what leaked: `pk_` publishable and
 *   `sk_` secret environment keys, `at_` organization access tokens.
 * - 30 base62 characters from a CSPRNG carry 178 bits, above the 160 the threat model asks for.
 * - The checksum covers everything before it, so a mistyped or truncated key is rejected in
 *   microseconds without a database round-trip, and scanners can tell real keys from look-alikes.
 */

/** The two kinds of environment API keys. */
export const KEY_KINDS = ["publishable", "secret"] as const;
export type KeyKind = (typeof KEY_KINDS)[number];
/** Everything this format issues: environment keys and organization access tokens. */
export type CredentialKind = KeyKind | "access_token";

export const TYPE_MARKER: Record<CredentialKind, string> = { publishable: "pk", secret: "sk", access_token: "at" };
const KIND_BY_MARKER: Record<string, CredentialKind> = { pk: "publishable", sk: "secret", at: "access_token" };

const RANDOM_LENGTH = 30;
const CHECKSUM_LENGTH = 6;
const BODY_LENGTH = RANDOM_LENGTH + CHECKSUM_LENGTH;
/** A custom prefix ("acme" in acme_sk_…): 2–16 lowercase letters, digits or underscores. */
export const CUSTOM_PREFIX_PATTERN = /^[a-z0-9_]{2,16}$/;
const KEY_PATTERN = /^(?:([a-z0-9_]{2,16})_)?(pk|sk|at)_([0-9A-Za-z]{36})$/;
/** Longest possible key; anything longer is rejected before the regular expression runs. */
export const MAX_KEY_LENGTH = 16 + 1 + 2 + 1 + BODY_LENGTH;

export function checksumOf(text: string): string {
  return encodeBase62(crc32(text), CHECKSUM_LENGTH);
}

export function generateKey(kind: CredentialKind, options: { prefix?: string } = {}): string {
  if (options.prefix !== undefined && !CUSTOM_PREFIX_PATTERN.test(options.prefix)) {
    throw new Error("A key prefix must be 2–16 lowercase letters, digits or underscores.");
  }
  const head = `${options.prefix ? `${options.prefix}_` : ""}${TYPE_MARKER[kind]}_${randomBase62(RANDOM_LENGTH)}`;
  return head + checksumOf(head);
}

export type ParsedKey =
  | { ok: true; kind: CredentialKind; prefix: string | null }
  | { ok: false; reason: "malformed" | "bad_checksum" };

/** Checks shape and checksum only; says nothing about whether the key exists. */
export function parseKey(value: string): ParsedKey {
  if (value.length > MAX_KEY_LENGTH) return { ok: false, reason: "malformed" };
  const match = KEY_PATTERN.exec(value);
  if (!match) return { ok: false, reason: "malformed" };
  const head = value.slice(0, -CHECKSUM_LENGTH);
  if (checksumOf(head) !== value.slice(-CHECKSUM_LENGTH)) return { ok: false, reason: "bad_checksum" };
  const kind = KIND_BY_MARKER[match[2] ?? ""];
  if (!kind) return { ok: false, reason: "malformed" };
  return { ok: true, kind, prefix: match[1] ?? null };
}

/**
 * SHA-256, hex. Keys carry 178 random bits, so a fast unsalted hash is safe against brute force
 * (unlike passwords) and lets the verifier find a key by an indexed equality lookup.
 */
export function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** What may be stored and shown of a key besides its hash: the type prefix and the last four. */
export function displayParts(key: string): { start: string; last4: string } {
  const bodyStart = key.length - BODY_LENGTH;
  return { start: key.slice(0, bodyStart), last4: key.slice(-4) };
}

/** A new credential with everything that may be stored of it; `plaintext` is for the caller only. */
export function issueCredential(kind: CredentialKind, prefix?: string | null): { plaintext: string; hash: string; start: string; last4: string } {
  const plaintext = generateKey(kind, prefix ? { prefix } : {});
  return { plaintext, hash: hashKey(plaintext), ...displayParts(plaintext) };
}

/** `sk_…x7Qa`: enough to recognise a key, never enough to use it. */
export function maskKey(parts: { start: string; last4: string }): string {
  return `${parts.start}…${parts.last4}`;
}
