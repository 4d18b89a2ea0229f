"use client";

import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { keyPrefixSchema } from "@/lib/validations/credentials";

interface PrefixFieldProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
  /** The type marker after the prefix: "sk" or "at". */
  marker: string;
  /** The server's error, shown when the live check has nothing to say. */
  error?: string;
}

/** The error the prefix shows while typing: none for an empty field (the prefix is optional). */
export function prefixError(value: string): string | undefined {
  if (value.trim() === "") return undefined;
  const parsed = keyPrefixSchema.safeParse(value);
  return parsed.success ? undefined : parsed.error.issues[0]?.message;
}

/** "Key Prefix", validated as you type, with a preview of the keys it gives: `acme_sk_••••`. */
export function PrefixField({ id, value, onChange, marker, error }: PrefixFieldProps) {
  const live = prefixError(value);
  const shown = live ?? error;
  const parsed = keyPrefixSchema.safeParse(value);
  const preview = `${parsed.success ? `${parsed.data}_` : ""}${marker}_••••`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>
        Key Prefix <span className="font-normal text-muted-foreground">(optional)</span>
      </Label>
      <Input
        id={id}
        name="prefix"
        placeholder="acme"
        autoComplete="off"
        spellCheck={false}
        maxLength={16}
        className="font-mono"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={shown ? true : undefined}
        aria-describedby={[hintId, shown ? errorId : null].filter(Boolean).join(" ")}
      />
      <p id={hintId} className="text-xs text-muted-foreground">
        Tells you and secret scanners where a key belongs. Keys will look like{" "}
        <code data-testid={`${id}-preview`} className="rounded bg-muted px-1 py-0.5 font-mono text-foreground">
          {preview}
        </code>
      </p>
      <div id={errorId} aria-live="polite" className="text-sm text-destructive empty:hidden">
        {shown}
      </div>
    </div>
  );
}
