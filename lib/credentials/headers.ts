import { MAX_KEY_LENGTH } from "@/lib/keys/format";

/**
 * The credentials a request presents, read from headers only: `Authorization: Bearer …` and
 * `X-API-Key: …`. Keys are never read from the URL (URLs end up in logs and browser history).
 */
export type PresentedCredentials =
  | { ok: true; bearer: string | null; apiKey: string | null }
  | { ok: false; message: string };

export function readCredentialHeaders(headers: Headers): PresentedCredentials {
  const authorization = headers.get("authorization");
  const apiKeyHeader = headers.get("x-api-key");
  let bearer: string | null = null;
  if (authorization !== null) {
    const match = /^Bearer +(\S+)\s*$/i.exec(authorization);
    if (!match?.[1]) return { ok: false, message: "The Authorization header must be `Bearer <key or token>`." };
    bearer = match[1];
  }
  const apiKey = apiKeyHeader === null ? null : apiKeyHeader.trim();
  for (const value of [bearer, apiKey]) {
    if (value !== null && (value.length === 0 || value.length > MAX_KEY_LENGTH)) {
      return { ok: false, message: "The credential is malformed (its checksum does not match). Check that it was copied whole." };
    }
  }
  return { ok: true, bearer, apiKey };
}
