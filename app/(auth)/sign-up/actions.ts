"use server";

import { errorState, validationError, type ActionState } from "@/lib/actions/state";
import { reserveSignUp } from "@/lib/auth/sign-in";
import { createAccount } from "@/lib/dal/accounts";
import { currentRequestInfo } from "@/lib/dal/session";
import { signUpSchema } from "@/lib/validations/auth";

export type SignUpState = ActionState<{ redirectTo: string }> & { email?: string; name?: string };

/**
 * Creates the account, its organization and first project. The form then signs in through
 * next-auth with the same credentials, so there is one sign-in path to secure.
 */
export async function signUpAction(_previous: SignUpState, formData: FormData): Promise<SignUpState> {
  const raw = { name: formData.get("name"), email: formData.get("email"), password: formData.get("password") };
  const echo = { name: typeof raw.name === "string" ? raw.name : "", email: typeof raw.email === "string" ? raw.email : "" };
  const parsed = signUpSchema.safeParse(raw);
  if (!parsed.success) return { ...validationError(parsed.error), ...echo };
  const request = await currentRequestInfo();
  if (!(await reserveSignUp(request))) {
    return { status: "error", code: "RATE_LIMITED", message: "Too many sign-ups from your network. Try again in 15 minutes.", ...echo };
  }
  try {
    const account = await createAccount(parsed.data, request);
    return { status: "success", data: { redirectTo: `/${account.organizationSlug}/${account.projectSlug}/api-keys` } };
  } catch (error) {
    return { ...errorState(error, "signUp"), ...echo };
  }
}
