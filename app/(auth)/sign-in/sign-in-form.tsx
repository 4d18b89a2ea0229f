"use client";

import type { Route } from "next";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useActionState } from "react";
import { FormError } from "@/components/forms/form-error";
import { TextField } from "@/components/forms/text-field";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { sameOriginPath } from "@/lib/navigation/safe-redirect";

type SignInState = { error: string | null; email: string };

// The same answer for an unknown email and a wrong password: neither reveals which accounts exist.
const ERROR_MESSAGES: Record<string, string> = {
  CredentialsSignin: "Incorrect email or password.",
  THROTTLED: "Too many failed attempts. Wait 15 minutes and try again.",
  UNAVAILABLE: "Sign-in is temporarily unavailable. Please try again in a moment.",
};

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState(
    async (_previous: SignInState, formData: FormData): Promise<SignInState> => {
      const email = String(formData.get("email") ?? "");
      const password = String(formData.get("password") ?? "");
      if (!email.trim() || !password) return { error: "Enter your email and password.", email };
      const result = await signIn("credentials", { email, password, redirect: false });
      if (!result?.ok || result.error) {
        return { error: ERROR_MESSAGES[result?.error ?? ""] ?? "Sign-in failed. Please try again.", email };
      }
      router.replace(sameOriginPath(callbackUrl, window.location.origin) as Route);
      router.refresh();
      return { error: null, email };
    },
    { error: null, email: "" },
  );

  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <TextField id="email" name="email" type="email" label="Email" autoComplete="email" required defaultValue={state.email} />
      <TextField id="password" name="password" type="password" label="Password" autoComplete="current-password" required />
      <FormError message={state.error} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? <Spinner /> : null}
        Sign in
      </Button>
      <p className="text-center text-sm text-muted-foreground">
        New to Keyward?{" "}
        <Link href="/sign-up" className="font-medium text-primary underline underline-offset-4 hover:text-primary/80">
          Create an account
        </Link>
      </p>
    </form>
  );
}
