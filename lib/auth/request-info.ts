import type { RequestInfo } from "@/lib/dal/context";

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function read(source: HeaderSource, name: string): string | null {
  if (source instanceof Headers) return source.get(name);
  const value = source[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/**
 * Client IP and user agent for audit events and sign-in throttling. Next's server sets
 * X-Forwarded-For to the socket's peer only when the request has none, and a reverse proxy
 * (nginx's $proxy_add_x_forwarded_for, most load balancers) appends the peer it saw. So the
 * rightmost entry is the one written by the hop closest to us; entries to its left are whatever
 * the client claimed. A client talking to Next directly can still send its own header, which is
 * why per-IP throttling is a second line behind the per-account one (see README, Deploying).
 */
export function requestInfoFrom(source: HeaderSource): RequestInfo {
  const forwarded = read(source, "x-forwarded-for")?.split(",").at(-1)?.trim();
  const ip = forwarded || read(source, "x-real-ip")?.trim() || null;
  return { ip: ip ? ip.slice(0, 64) : null, userAgent: read(source, "user-agent")?.slice(0, 512) ?? null };
}
