"use client";

import { Plus, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { MAX_CONTEXT_ENTRIES } from "@/lib/access/permissions";
import { CONTEXT_VALUE_TYPES, contextFromRows, type ContextRow, type ContextValueType } from "@/lib/validations/credentials";
import { cn } from "@/lib/utils";

const TYPE_LABEL: Record<ContextValueType, string> = { string: "String", number: "Number", boolean: "Boolean" };

interface ContextEditorProps {
  id: string;
  rows: ContextRow[];
  onChange: (rows: ContextRow[]) => void;
  /** The server's error for the field as a whole (e.g. "Row 2: …" when the client missed it). */
  error?: string;
}

/**
 * "Context": typed key-value pairs that roles' row filters compare with (`context.customerId`).
 * Each row is checked as you type with the schema the server uses; the rows post as JSON.
 */
export function ContextEditor({ id, rows, onChange, error }: ContextEditorProps) {
  const { rowErrors } = contextFromRows(rows);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const update = (index: number, patch: Partial<ContextRow>) => onChange(rows.map((row, at) => (at === index ? { ...row, ...patch } : row)));
  const changeType = (index: number, type: ContextValueType) => update(index, { type, value: type === "boolean" ? "true" : rows[index]?.type === "boolean" ? "" : rows[index]?.value });

  return (
    <fieldset className="grid gap-2" aria-describedby={[hintId, error ? errorId : null].filter(Boolean).join(" ")}>
      <legend className="mb-2 text-sm leading-none font-medium">Context</legend>
      <input type="hidden" name="context" value={JSON.stringify(rows)} />
      <p id={hintId} className="-mt-1 text-xs text-muted-foreground">
        Values that roles&apos; row filters compare with, such as <code className="font-mono">customerId</code>. Optional.
      </p>
      {rows.length > 0 ? (
        <ul className="grid gap-2">
          {rows.map((row, index) => {
            const rowError = rowErrors[index];
            const rowErrorId = `${id}-row-${index}-error`;
            const invalid = rowError ? true : undefined;
            return (
              // Rows have no identity beyond their position; their inputs are controlled, so
              // removing one simply re-renders the rest with their own values.
              <li key={index} className="grid gap-1">
                <div className="flex items-center gap-2">
                  <Input
                    aria-label={`Context key ${index + 1}`}
                    placeholder="customerId"
                    autoComplete="off"
                    spellCheck={false}
                    maxLength={64}
                    className="min-w-0 flex-1 font-mono text-xs"
                    value={row.key}
                    onChange={(event) => update(index, { key: event.target.value })}
                    aria-invalid={invalid}
                    aria-describedby={rowError ? rowErrorId : undefined}
                  />
                  <Select value={row.type} onValueChange={(type) => changeType(index, type as ContextValueType)}>
                    <SelectTrigger aria-label={`Context type ${index + 1}`} className="w-28 shrink-0">
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      {CONTEXT_VALUE_TYPES.map((type) => (
                        <SelectItem key={type} value={type}>
                          {TYPE_LABEL[type]}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                  {row.type === "boolean" ? (
                    <Select value={row.value} onValueChange={(value) => update(index, { value })}>
                      <SelectTrigger aria-label={`Context value ${index + 1}`} className="min-w-0 flex-1 font-mono text-xs">
                        <SelectValue />
                      </SelectTrigger>
                      <SelectContent>
                        <SelectItem value="true">true</SelectItem>
                        <SelectItem value="false">false</SelectItem>
                      </SelectContent>
                    </Select>
                  ) : (
                    <Input
                      aria-label={`Context value ${index + 1}`}
                      placeholder={row.type === "number" ? "42" : "cus_123"}
                      inputMode={row.type === "number" ? "decimal" : undefined}
                      autoComplete="off"
                      spellCheck={false}
                      className="min-w-0 flex-1 font-mono text-xs"
                      value={row.value}
                      onChange={(event) => update(index, { value: event.target.value })}
                      aria-invalid={invalid}
                      aria-describedby={rowError ? rowErrorId : undefined}
                    />
                  )}
                  <Button
                    type="button"
                    variant="ghost"
                    size="icon-sm"
                    aria-label={`Remove context entry ${index + 1}`}
                    onClick={() => onChange(rows.filter((_, at) => at !== index))}
                    className="shrink-0 text-muted-foreground"
                  >
                    <X aria-hidden />
                  </Button>
                </div>
                <p id={rowErrorId} aria-live="polite" className="text-xs text-destructive empty:hidden">
                  {rowError}
                </p>
              </li>
            );
          })}
        </ul>
      ) : null}
      <div>
        <Button
          type="button"
          variant="outline"
          size="sm"
          disabled={rows.length >= MAX_CONTEXT_ENTRIES}
          onClick={() => onChange([...rows, { key: "", type: "string", value: "" }])}
          className={cn(rows.length === 0 && "border-dashed")}
        >
          <Plus aria-hidden />
          Add context entry
        </Button>
      </div>
      <div id={errorId} aria-live="polite" className="text-sm text-destructive empty:hidden">
        {error}
      </div>
    </fieldset>
  );
}

/** Whether the editor's rows can be submitted (the submit button waits for that). */
export function contextRowsValid(rows: readonly ContextRow[]): boolean {
  return contextFromRows(rows).rowErrors.every((error) => error === null);
}
