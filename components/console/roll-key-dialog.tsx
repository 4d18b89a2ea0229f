"use client";

import { RefreshCw } from "lucide-react";
import { useActionState, useEffect, useState } from "react";
import { CloseWithoutCopyingDialog, OneTimeSecret, type useOneTimeSecretDialog } from "@/components/console/one-time-secret";
import { FormError } from "@/components/forms/form-error";
import { TransitionForm } from "@/components/forms/transition-form";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import type { ActionState } from "@/lib/actions/state";
import { ROLL_OVERLAP_LABELS, ROLL_OVERLAPS, type RollOverlap } from "@/lib/keys/rotation";

export type RollState = ActionState<{ id: string; name: string; plaintext: string }>;

interface RollKeyDialogProps {
  /** "key" or "token". */
  noun: "key" | "token";
  name: string;
  /** The row's roll action, bound to its id. */
  action: (previous: RollState, formData: FormData) => Promise<RollState>;
  /** Renders the trigger-less dialog open; the hook below keeps it open until the secret is copied. */
  controller: ReturnType<typeof useOneTimeSecretDialog>;
  onCloseAutoFocus?: (event: Event) => void;
}

const WHAT_HAPPENS: Record<RollOverlap, string> = {
  now: "The current one stops working immediately. Use this when it has leaked.",
  "1h": "Both work for the next hour; then only the new one does.",
  "24h": "Both work for the next 24 hours; then only the new one does.",
  "7d": "Both work for the next 7 days; then only the new one does.",
  first_use_1h: "Both work until an hour after the new one is first used, however long your deploy takes.",
};

/**
 * "Roll key": issues a replacement with the same name, prefix, roles, context and expiry, shows
 * it once, and keeps the old one working for the chosen overlap. Keys and tokens share it.
 */
export function RollKeyDialog({ noun, name, action, controller, onCloseAutoFocus }: RollKeyDialogProps) {
  return (
    <>
      <Dialog open={controller.open} onOpenChange={controller.onOpenChange}>
        <DialogContent className="sm:max-w-lg" onCloseAutoFocus={onCloseAutoFocus}>
          {controller.open ? <RollForm noun={noun} name={name} action={action} onSecretShown={controller.markShown} onSecretCopied={controller.markCopied} /> : null}
        </DialogContent>
      </Dialog>
      <CloseWithoutCopyingDialog
        {...controller.confirm}
        title={`Close without copying the new ${noun}?`}
        description={`You have not copied the new ${noun}. Once you close this dialog it cannot be shown again; you would have to roll it once more.`}
      />
    </>
  );
}

interface RollFormProps extends Pick<RollKeyDialogProps, "noun" | "name" | "action"> {
  onSecretShown: () => void;
  onSecretCopied: () => void;
}

function RollForm({ noun, name, action, onSecretShown, onSecretCopied }: RollFormProps) {
  const [state, formAction, pending] = useActionState<RollState, FormData>(action, { status: "idle" });
  const [overlap, setOverlap] = useState<RollOverlap>("1h");

  useEffect(() => {
    if (state.status === "success") onSecretShown();
  }, [state, onSecretShown]);

  if (state.status === "success") {
    return (
      <OneTimeSecret
        title={`New ${noun} created`}
        description={
          <>
            The replacement for <span className="font-medium text-foreground">{state.data.name}</span>. Put it where the old one is used, then let
            the old one run out.
          </>
        }
        value={state.data.plaintext}
        valueLabel={noun === "key" ? "Secret key" : "Access token"}
        testId={noun === "key" ? "secret-key-value" : "token-value"}
        warning={`This ${noun} will not be shown again. If you lose it, roll it again.`}
        onCopied={onSecretCopied}
      />
    );
  }

  const overlapError = state.status === "error" ? state.fieldErrors?.overlap?.[0] : undefined;
  return (
    <TransitionForm action={formAction} className="grid gap-5">
      <DialogHeader>
        <DialogTitle>Roll {noun}</DialogTitle>
        <DialogDescription>
          Creates a new {noun} for <span className="font-medium text-foreground">{name}</span> with the same name, prefix, roles, context and expiry,
          and retires the current one after the overlap you choose.
        </DialogDescription>
      </DialogHeader>
      <div className="grid gap-2">
        <Label htmlFor="roll-overlap">Old {noun} keeps working</Label>
        <input type="hidden" name="overlap" value={overlap} />
        <Select value={overlap} onValueChange={(next) => setOverlap(next as RollOverlap)}>
          <SelectTrigger id="roll-overlap" className="w-full" aria-describedby="roll-overlap-hint" aria-invalid={overlapError ? true : undefined}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {ROLL_OVERLAPS.map((value) => (
              <SelectItem key={value} value={value}>
                {ROLL_OVERLAP_LABELS[value]}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        <p id="roll-overlap-hint" className="text-xs text-muted-foreground">
          {WHAT_HAPPENS[overlap]}
        </p>
      </div>
      <ol className="grid gap-1.5 rounded-md border bg-muted/40 px-4 py-3 text-xs text-muted-foreground">
        <li>1. Copy the new {noun} — it is shown once.</li>
        <li>2. Deploy it wherever the old one is used.</li>
        <li>3. Watch the old one&apos;s requests drop to zero in the list; it stops working when the overlap ends.</li>
      </ol>
      <FormError message={state.status === "error" ? (overlapError ?? state.message) : null} />
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline">
            Cancel
          </Button>
        </DialogClose>
        <Button type="submit" variant={overlap === "now" ? "destructive" : "default"} disabled={pending}>
          {pending ? <Spinner /> : <RefreshCw aria-hidden />}
          Roll {noun}
        </Button>
      </DialogFooter>
    </TransitionForm>
  );
}
