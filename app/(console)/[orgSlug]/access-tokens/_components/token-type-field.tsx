"use client";

import type { ReactNode } from "react";
import type { AccessTokenType } from "@/lib/generated/prisma/enums";
import { cn } from "@/lib/utils";
import { ACCESS_TOKEN_TYPES } from "@/lib/validations/access-tokens";

/** The one header each type is accepted in (the API refuses it in the other). */
export const TOKEN_TYPE_HEADER: Record<AccessTokenType, { header: string; explain: ReactNode }> = {
  BEARER_TOKEN: {
    header: "Authorization: Bearer",
    explain: (
      <>
        Sent as <code className="font-mono">Authorization: Bearer …</code>
      </>
    ),
  },
  API_KEY: {
    header: "X-API-Key:",
    explain: (
      <>
        Sent as <code className="font-mono">X-API-Key: …</code>
      </>
    ),
  },
};

interface TokenTypeFieldProps {
  value: AccessTokenType;
  onChange: (type: AccessTokenType) => void;
  error?: string;
}

/** "Token Type": two radio cards. Native radios, so arrow keys and form submission just work. */
export function TokenTypeField({ value, onChange, error }: TokenTypeFieldProps) {
  const errorId = "token-type-error";
  return (
    <fieldset className="grid gap-2" aria-describedby={error ? errorId : undefined} aria-invalid={error ? true : undefined}>
      <legend className="mb-2 text-sm leading-none font-medium">Token Type</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {ACCESS_TOKEN_TYPES.map((type) => {
          const id = `token-type-${type.toLowerCase()}`;
          return (
            <div
              key={type}
              className={cn(
                "relative flex gap-3 rounded-md border p-3 transition-colors",
                "has-[:checked]:border-primary has-[:checked]:bg-primary/5 has-[:focus-visible]:ring-3 has-[:focus-visible]:ring-ring/35",
                "hover:bg-accent/50 has-[:checked]:hover:bg-primary/5",
              )}
            >
              <input
                id={id}
                type="radio"
                name="type"
                value={type}
                checked={value === type}
                onChange={() => onChange(type)}
                aria-describedby={`${id}-hint`}
                className={cn(
                  "relative z-10 mt-0.5 size-4 shrink-0 cursor-pointer appearance-none rounded-full border border-input bg-background shadow-xs outline-none",
                  "transition-[border-width,border-color] checked:border-[5px] checked:border-primary dark:bg-input/30",
                )}
              />
              <div className="grid gap-1">
                {/* Stretched over the card, so a click anywhere selects it. */}
                <label htmlFor={id} className="cursor-pointer font-mono text-sm leading-none font-medium after:absolute after:inset-0">
                  {type}
                </label>
                <p id={`${id}-hint`} className="text-xs text-muted-foreground">
                  {TOKEN_TYPE_HEADER[type].explain}
                </p>
              </div>
            </div>
          );
        })}
      </div>
      <div id={errorId} aria-live="polite" className="text-sm text-destructive empty:hidden">
        {error}
      </div>
    </fieldset>
  );
}
