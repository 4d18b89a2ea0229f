"use client";

import { useState } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectSeparator, SelectTrigger, SelectValue } from "@/components/ui/select";
import { MAX_TOKEN_LIFETIME_DAYS, type EditExpiryOption } from "@/lib/validations/credentials";

const DAY = 86_400_000;
const PRESET_LABEL: Record<"7" | "30" | "90" | "365", string> = {
  "7": "7 days",
  "30": "30 days",
  "90": "90 days",
  "365": "1 year",
};
const long = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });
const short = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

interface ExpiryFieldProps<Option extends EditExpiryOption> {
  /** The select's id; the date input and messages derive theirs from it. */
  id: string;
  /** "key" or "token", for the hints. */
  noun: string;
  /** Create forms offer presets only; the Edit form (with `current`) also "keep". */
  expiry: Option;
  onExpiryChange: (expiry: Option) => void;
  expiresOn: string;
  onExpiresOnChange: (value: string) => void;
  errors: { expiry?: string; expiresOn?: string };
  /** Offers "Never" enabled; otherwise it is shown disabled with `neverNote`. */
  canNever?: boolean;
  neverNote?: string;
  /** The Edit dialog's extra first choice: keep the current expiry (null: it never expires). */
  current?: { expiresAt: Date | null };
}

/**
 * "Expires": a preset, a custom date (end of that day, UTC), never, or — when editing — the
 * current expiry. Shared by the key and token dialogs; posts `expiry` and `expiresOn`.
 */
export function ExpiryField<Option extends EditExpiryOption>({
  id,
  noun,
  expiry,
  onExpiryChange,
  expiresOn,
  onExpiresOnChange,
  errors,
  canNever = true,
  neverNote,
  current,
}: ExpiryFieldProps<Option>) {
  // The moment the form opened: enough to preview a preset's date without reading the clock in render.
  const [openedAt] = useState(() => Date.now());
  const error = errors.expiry ?? errors.expiresOn;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;

  let hint: string;
  if (expiry === "keep") hint = current?.expiresAt ? `Keeps its expiry: ${long.format(current.expiresAt)}.` : `The ${noun} keeps working until someone deletes it.`;
  else if (expiry === "never") hint = `The ${noun} works until someone ${noun === "token" ? "revokes" : "deletes"} it.`;
  else if (expiry === "custom") hint = expiresOn ? `Expires at the end of ${long.format(new Date(`${expiresOn}T00:00:00Z`))} (UTC).` : `Pick the last day the ${noun} works.`;
  else hint = `Expires on ${long.format(new Date(openedAt + Number(expiry) * DAY))}.`;

  const describedBy = [hintId, error ? errorId : null].filter(Boolean).join(" ");
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>Expires</Label>
      <div className="flex flex-wrap items-center gap-2">
        <input type="hidden" name="expiry" value={expiry} />
        <Select value={expiry} onValueChange={(next) => onExpiryChange(next as Option)}>
          <SelectTrigger id={id} className="w-56" aria-describedby={describedBy} aria-invalid={errors.expiry ? true : undefined}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {current ? (
              <>
                <SelectItem value="keep">{current.expiresAt ? `Keep: ${short.format(current.expiresAt)}` : "Keep: never"}</SelectItem>
                <SelectSeparator />
              </>
            ) : null}
            {Object.entries(PRESET_LABEL).map(([value, label]) => (
              <SelectItem key={value} value={value}>
                {current ? `${label} from now` : label}
              </SelectItem>
            ))}
            <SelectItem value="custom">Custom date…</SelectItem>
            <SelectSeparator />
            <SelectItem value="never" disabled={!canNever}>
              Never{canNever || !neverNote ? null : <span className="text-xs text-muted-foreground">({neverNote})</span>}
            </SelectItem>
          </SelectContent>
        </Select>
        {expiry === "custom" ? (
          <Input
            type="date"
            name="expiresOn"
            aria-label="Expiry date"
            className="w-44"
            required
            min={isoDay(openedAt)}
            max={isoDay(openedAt + MAX_TOKEN_LIFETIME_DAYS * DAY)}
            value={expiresOn}
            onChange={(event) => onExpiresOnChange(event.target.value)}
            aria-describedby={describedBy}
            aria-invalid={errors.expiresOn ? true : undefined}
          />
        ) : null}
      </div>
      <p id={hintId} className="text-xs text-muted-foreground">
        {hint}
      </p>
      <div id={errorId} aria-live="polite" className="text-sm text-destructive empty:hidden">
        {error}
      </div>
    </div>
  );
}
