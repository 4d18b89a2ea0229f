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
import { signUpAction, type SignUpState } from "./actions";

export function SignUpForm() {
  const router = useRouter();
  const [state, formAction, pending] = useActionState(async (previous: SignUpState, formData: FormData): Promise<SignUpState> => {
    const result = await signUpAction(previous, formData);
    if (result.status !== "success") return result;
    const signedIn = await signIn("credentials", {
      email: formData.get("email"),
      password: formData.get("password"),
      redirect: false,
    });
    if (!signedIn?.ok) {
      return { status: "error", code: "INTERNAL", message: "Your account was created, but signing in failed. Sign in to continue." };
    }
    router.replace(result.data.redirectTo as Route);
    router.refresh();
    return result;
  }, { status: "idle" });

  const fieldErrors = state.status === "error" ? state.fieldErrors : undefined;
  const formMessage = state.status === "error" && !fieldErrors ? state.message : null;

  return (
    <form action={formAction} className="grid gap-4" noValidate>
      <TextField id="name" name="name" label="Name" autoComplete="name" required defaultValue={state.status === "error" ? state.name : undefined} errors={fieldErrors?.name} />
      <TextField id="email" name="email" type="email" label="Email" autoComplete="email" required defaultValue={state.status === "error" ? state.email : undefined} errors={fieldErrors?.email} />
      <TextField
        id="password"
        name="password"
        type="password"
        label="Password"
        autoComplete="new-password"
        required
        hint="At least 10 characters."
        errors={fieldErrors?.password}
      />
      <FormError message={formMessage} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? <Spinner /> : null}
        Create account
      </Button>
      <p className="text-center text-sm text-muted-foreground">
        Already have an account?{" "}
        <Link href="/sign-in" className="font-medium text-primary underline underline-offset-4 hover:text-primary/80">
          Sign in
        </Link>
      </p>
    </form>
  );
}
