/**
 * next-auth's session cookie names: the __Secure- variant when served over https. Shared by the
 * optimistic gate in proxy.ts and the server-side session check in lib/dal/session.ts.
 */
export const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;
