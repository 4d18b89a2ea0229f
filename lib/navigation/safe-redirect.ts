/**
 * Where to go after sign-in: `callbackUrl` only if it stays on this origin, else "/". Resolving
 * it as a URL (instead of checking its first characters) also catches `/\evil.com` and
 * `/%09/evil.com`, which browsers treat as other hosts.
 */
export function sameOriginPath(callbackUrl: string | undefined | null, origin: string): string {
  if (!callbackUrl) return "/";
  try {
    const url = new URL(callbackUrl, origin);
    return url.origin === origin ? `${url.pathname}${url.search}${url.hash}` : "/";
  } catch {
    return "/";
  }
}
