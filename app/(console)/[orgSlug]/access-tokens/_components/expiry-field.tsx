"use client";

import { useState } from "react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectSeparator, SelectTrigger, SelectValue } from "@/components/ui/select";
import { canCreateNonExpiringToken } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";
import { MAX_TOKEN_LIFETIME_DAYS, type EXPIRY_PRESETS } from "@/lib/validations/access-tokens";

type ExpiryPreset = (typeof EXPIRY_PRESETS)[number];

const DAY = 86_400_000;
const PRESET_LABEL: Record<Exclude<ExpiryPreset, "custom" | "never">, string> = {
  "7": "7 days",
  "30": "30 days",
  "90": "90 days",
  "365": "1 year",
};
const long = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

interface ExpiryFieldProps {
  role: Role;
  expiry: ExpiryPreset;
  onExpiryChange: (expiry: ExpiryPreset) => void;
  expiresOn: string;
  onExpiresOnChange: (value: string) => void;
  errors: { expiry?: string; expiresOn?: string };
}

/** "Expires": a preset, a custom date (end of that day, UTC), or — for owners and admins — never. */
export function ExpiryField({ role, expiry, onExpiryChange, expiresOn, onExpiresOnChange, errors }: ExpiryFieldProps) {
  // The moment the form opened: enough to preview a preset's date without reading the clock in render.
  const [openedAt] = useState(() => Date.now());
  const canNever = canCreateNonExpiringToken(role);
  const error = errors.expiry ?? errors.expiresOn;
  const errorId = "token-expiry-error";
  const hintId = "token-expiry-hint";

  let hint: string;
  if (expiry === "never") hint = "The token works until someone revokes it.";
  else if (expiry === "custom") hint = expiresOn ? `Expires at the end of ${long.format(new Date(`${expiresOn}T00:00:00Z`))} (UTC).` : "Pick the last day the token works.";
  else hint = `Expires on ${long.format(new Date(openedAt + Number(expiry) * DAY))}.`;

  const describedBy = [hintId, error ? errorId : null].filter(Boolean).join(" ");
  return (
    <div className="grid gap-2">
      <Label htmlFor="token-expiry">Expires</Label>
      <div className="flex flex-wrap items-center gap-2">
        <input type="hidden" name="expiry" value={expiry} />
        <Select value={expiry} onValueChange={(next) => onExpiryChange(next as ExpiryPreset)}>
          <SelectTrigger id="token-expiry" className="w-44" aria-describedby={describedBy} aria-invalid={errors.expiry ? true : undefined}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {Object.entries(PRESET_LABEL).map(([value, label]) => (
              <SelectItem key={value} value={value}>
                {label}
              </SelectItem>
            ))}
            <SelectItem value="custom">Custom date…</SelectItem>
            <SelectSeparator />
            <SelectItem value="never" disabled={!canNever}>
              Never{canNever ? null : <span className="text-xs text-muted-foreground">(owners and admins only)</span>}
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
