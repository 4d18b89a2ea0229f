"use client";

import { useActionState, useEffect, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/ui/spinner";
import { LOG_RETENTION_MAX_DAYS, LOG_RETENTION_MIN_DAYS } from "@/lib/validations/logs";
import { updateLogRetentionAction, type UpdateLogRetentionState } from "../actions";

interface RetentionFormProps {
  orgSlug: string;
  projectSlug: string;
  days: number;
  /** Mirrors project:update; the server checks it again. */
  canEdit: boolean;
}

export function RetentionForm({ orgSlug, projectSlug, days, canEdit }: RetentionFormProps) {
  // Controlled, so a refused value stays in the field next to its error (React resets
  // uncontrolled fields after every form action).
  const [value, setValue] = useState(String(days));
  const [state, formAction, pending] = useActionState<UpdateLogRetentionState, FormData>(
    updateLogRetentionAction.bind(null, { orgSlug, projectSlug }),
    { status: "idle" },
  );
  useEffect(() => {
    if (state.status === "success") {
      const kept = state.data.logRetentionDays;
      toast.success("Retention saved", { description: `Requests are now kept for ${kept} ${kept === 1 ? "day" : "days"}.` });
    } else if (state.status === "error" && !state.fieldErrors?.days) {
      toast.error("Could not save the retention", { description: state.message });
    }
  }, [state]);
  const error = state.status === "error" ? (state.fieldErrors?.days?.[0] ?? state.message) : null;

  return (
    <form action={formAction} className="grid gap-2">
      <Label htmlFor="log-retention-days">Keep requests for</Label>
      <div className="flex items-center gap-2">
        <div className="relative">
          <Input
            id="log-retention-days"
            name="days"
            type="number"
            inputMode="numeric"
            min={LOG_RETENTION_MIN_DAYS}
            max={LOG_RETENTION_MAX_DAYS}
            step={1}
            required
            value={value}
            onChange={(event) => setValue(event.target.value)}
            disabled={!canEdit}
            className="w-32 pr-12 tabular-nums"
            aria-invalid={error ? true : undefined}
            aria-describedby="log-retention-days-hint log-retention-days-error"
          />
          <span className="pointer-events-none absolute inset-y-0 right-3 flex items-center text-sm text-muted-foreground">days</span>
        </div>
        <Button type="submit" variant="outline" disabled={pending || !canEdit}>
          {pending ? <Spinner /> : null}
          Save
        </Button>
      </div>
      <p id="log-retention-days-hint" className="text-sm text-muted-foreground">
        {canEdit
          ? `Between ${LOG_RETENTION_MIN_DAYS} and ${LOG_RETENTION_MAX_DAYS} days. Older requests are deleted automatically, about once an hour.`
          : "Only owners and admins can change the retention."}
      </p>
      <p id="log-retention-days-error" aria-live="polite" className="text-sm text-destructive empty:hidden">
        {error}
      </p>
    </form>
  );
}
