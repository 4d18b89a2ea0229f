import type { RequestInfo } from "@/lib/dal/context";

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function read(source: HeaderSource, name: string): string | null {
  if (source instanceof Headers) return source.get(name);
  const value = source[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/**
 * Client IP and user agent for audit events and sign-in throttling. The first X-Forwarded-For
 * hop is what Next's server (or the reverse proxy in front of it) saw as the peer.
 */
export function requestInfoFrom(source: HeaderSource): RequestInfo {
  const forwarded = read(source, "x-forwarded-for")?.split(",")[0]?.trim();
  const ip = forwarded || read(source, "x-real-ip")?.trim() || null;
  return { ip: ip ? ip.slice(0, 64) : null, userAgent: read(source, "user-agent")?.slice(0, 512) ?? null };
}
