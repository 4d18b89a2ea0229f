"use client";

import { useActionState, useEffect, useId, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/ui/spinner";
import type { ActionState } from "@/lib/actions/state";

interface DaysFieldFormProps {
  label: string;
  /** The server action, bound to its target; it reads the `days` field. */
  action: (previous: ActionState<{ days: number }>, formData: FormData) => Promise<ActionState<{ days: number }>>;
  days: number;
  min: number;
  max: number;
  /** Shown under the field; replaced by `readOnlyHint` when the member may not edit. */
  hint: string;
  readOnlyHint: string;
  canEdit: boolean;
  /** The toast after a save, e.g. (days) => ["Retention saved", "Requests are now kept for 7 days."]. */
  savedMessage: (days: number) => [title: string, description: string];
  errorTitle: string;
}

/** One whole number of days with Save: the settings pages' retention and warning windows. */
export function DaysFieldForm({ label, action, days, min, max, hint, readOnlyHint, canEdit, savedMessage, errorTitle }: DaysFieldFormProps) {
  const id = useId();
  // Controlled, so a refused value stays in the field next to its error (React resets
  // uncontrolled fields after every form action).
  const [value, setValue] = useState(String(days));
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  useEffect(() => {
    if (state.status === "success") {
      const [title, description] = savedMessage(state.data.days);
      toast.success(title, { description });
    } else if (state.status === "error" && !state.fieldErrors?.days) {
      toast.error(errorTitle, { description: state.message });
    }
  }, [state, savedMessage, errorTitle]);
  const error = state.status === "error" ? (state.fieldErrors?.days?.[0] ?? state.message) : null;

  return (
    <form action={formAction} className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      <div className="flex items-center gap-2">
        <div className="relative">
          <Input
            id={id}
            name="days"
            type="number"
            inputMode="numeric"
            min={min}
            max={max}
            step={1}
            required
            value={value}
            onChange={(event) => setValue(event.target.value)}
            disabled={!canEdit}
            className="w-32 pr-12 tabular-nums"
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-hint ${id}-error`}
          />
          <span className="pointer-events-none absolute inset-y-0 right-3 flex items-center text-sm text-muted-foreground">days</span>
        </div>
        <Button type="submit" variant="outline" disabled={pending || !canEdit}>
          {pending ? <Spinner /> : null}
          Save
        </Button>
      </div>
      <p id={`${id}-hint`} className="text-sm text-muted-foreground">
        {canEdit ? hint : readOnlyHint}
      </p>
      <p id={`${id}-error`} aria-live="polite" className="text-sm text-destructive empty:hidden">
        {error}
      </p>
    </form>
  );
}
