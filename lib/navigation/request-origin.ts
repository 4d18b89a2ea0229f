const HOST = /^[a-z0-9.-]+(?::\d{1,5})?$|^\[[0-9a-f:.]+\](?::\d{1,5})?$/i;

/**
 * The origin this request reached us at, for copyable examples. Forwarded headers are used as
 * given: they only change what this viewer sees, and a host that is not a plain host name falls
 * back to localhost rather than being echoed.
 */
export function requestOrigin(headers: { get(name: string): string | null }): string {
  const first = (name: string) => headers.get(name)?.split(",")[0]?.trim() || undefined;
  const candidate = first("x-forwarded-host") ?? first("host");
  const host = candidate && HOST.test(candidate) ? candidate : "localhost:3000";
  // Next serves plain http itself; a TLS-terminating proxy says so in X-Forwarded-Proto.
  const forwarded = first("x-forwarded-proto")?.toLowerCase();
  return `${forwarded === "https" ? "https" : "http"}://${host}`;
}
