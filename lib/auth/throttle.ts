/**
 * Failed sign-ins are counted per account (the submitted email, whether or not it exists, so
 * the answers stay identical) and per client IP. Over the limit within the window, the subject
 * is locked out for lockoutMs; a successful sign-in clears the account's counter.
 * (Its own module, not server-only: the prune started from instrumentation.ts needs it too.)
 */
export const THROTTLE = { windowMs: 15 * 60_000, lockoutMs: 15 * 60_000, accountLimit: 5, ipLimit: 20 } as const;

/** Sign-ups per client address within THROTTLE.windowMs: KEYWARD_SIGN_UP_LIMIT, default 5. */
export function signUpLimit(): number {
  const configured = Number(process.env.KEYWARD_SIGN_UP_LIMIT);
  return Number.isInteger(configured) && configured > 0 ? configured : 5;
}
