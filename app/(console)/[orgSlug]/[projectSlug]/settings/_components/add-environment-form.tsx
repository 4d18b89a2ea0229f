"use client";

import { Plus } from "lucide-react";
import { useActionState, useEffect, useRef } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/ui/spinner";
import { createEnvironmentAction, type CreateEnvironmentState } from "../actions";

export function AddEnvironmentForm({ orgSlug, projectSlug }: { orgSlug: string; projectSlug: string }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [state, formAction, pending] = useActionState<CreateEnvironmentState, FormData>(
    createEnvironmentAction.bind(null, { orgSlug, projectSlug }),
    { status: "idle" },
  );
  useEffect(() => {
    if (state.status === "success") {
      toast.success("Environment added", { description: `${state.data.slug} now has its own keys.` });
      formRef.current?.reset();
    }
  }, [state]);
  const error = state.status === "error" ? (state.fieldErrors?.slug?.[0] ?? state.message) : null;

  return (
    <form ref={formRef} action={formAction} className="grid gap-2">
      <Label htmlFor="environment-slug">New environment</Label>
      <div className="flex gap-2">
        <Input
          id="environment-slug"
          name="slug"
          placeholder="staging"
          autoComplete="off"
          maxLength={24}
          className="max-w-64 font-mono"
          aria-invalid={error ? true : undefined}
          aria-describedby="environment-slug-error"
        />
        <Button type="submit" variant="outline" disabled={pending}>
          {pending ? <Spinner /> : <Plus aria-hidden />}
          Add environment
        </Button>
      </div>
      <p id="environment-slug-error" aria-live="polite" className="text-sm text-destructive empty:hidden">
        {error}
      </p>
    </form>
  );
}
