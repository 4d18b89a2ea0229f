"use client";

import { Plus, Trash2, X } from "lucide-react";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { ALL_TABLES, MAX_CONDITIONS_PER_GRANT, MAX_CONTEXT_VALUE_LENGTH, MAX_GRANTS_PER_ROLE, ROLE_ACTION_LABELS, ROLE_ACTIONS, type RoleAction } from "@/lib/access/permissions";
import { cn } from "@/lib/utils";
import { newConditionDraft, newGrantDraft, type CompareWith, type ConditionDraft, type GrantDraft } from "./grants.utils";

const COMPARE_WITH_LABELS: Record<CompareWith, string> = {
  context: "Key context",
  string: "Text",
  number: "Number",
  boolean: "Boolean",
};

const ACTION_HINTS: Record<RoleAction, string> = {
  read: "List and get rows",
  write: "Create rows",
  update: "Change rows",
  delete: "Delete rows",
};

interface GrantsEditorProps {
  drafts: GrantDraft[];
  onChange: (drafts: GrantDraft[]) => void;
  /** Table names of the project (any environment), offered as suggestions. */
  tableNames: string[];
  /** Messages keyed by path, e.g. "grants.0.table" or "grants.1.conditions.0.equals". */
  errors: Record<string, string[]>;
}

/** One row per table: which operations, and optionally on which rows only (AND-ed equalities). */
export function GrantsEditor({ drafts, onChange, tableNames, errors }: GrantsEditorProps) {
  const listId = useId();
  const update = (index: number, grant: GrantDraft) => onChange(drafts.map((draft, i) => (i === index ? grant : draft)));
  return (
    <div className="grid gap-3">
      <datalist id={listId}>
        <option value={ALL_TABLES}>All tables</option>
        {tableNames.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      {drafts.map((draft, index) => (
        <GrantRow
          key={draft.id}
          index={index}
          draft={draft}
          listId={listId}
          errors={errors}
          onChange={(grant) => update(index, grant)}
          onRemove={drafts.length > 1 ? () => onChange(drafts.filter((_, i) => i !== index)) : undefined}
        />
      ))}
      <FieldError id={`${listId}-grants-error`} message={errors.grants?.[0]} />
      <div>
        <Button type="button" variant="outline" size="sm" onClick={() => onChange([...drafts, newGrantDraft()])} disabled={drafts.length >= MAX_GRANTS_PER_ROLE}>
          <Plus aria-hidden />
          Add table
        </Button>
      </div>
    </div>
  );
}

interface GrantRowProps {
  index: number;
  draft: GrantDraft;
  listId: string;
  errors: Record<string, string[]>;
  onChange: (draft: GrantDraft) => void;
  onRemove?: () => void;
}

function GrantRow({ index, draft, listId, errors, onChange, onRemove }: GrantRowProps) {
  const id = `grant-${draft.id}`;
  const path = `grants.${index}`;
  const tableError = errors[`${path}.table`]?.[0];
  const actionsError = errors[`${path}.actions`]?.[0];
  const conditionsError = errors[`${path}.conditions`]?.[0];
  const toggle = (action: RoleAction, checked: boolean) =>
    onChange({ ...draft, actions: checked ? [...draft.actions, action] : draft.actions.filter((held) => held !== action) });
  const updateCondition = (conditionIndex: number, condition: ConditionDraft) =>
    onChange({ ...draft, conditions: draft.conditions.map((held, i) => (i === conditionIndex ? condition : held)) });

  return (
    <fieldset aria-label={`Table ${index + 1}`} className="grid gap-3 rounded-lg border bg-muted/30 p-4">
      <div className="flex flex-wrap items-start gap-x-6 gap-y-3">
        <div className="grid min-w-48 flex-1 gap-1.5">
          <Label htmlFor={`${id}-table`}>Table</Label>
          <Input
            id={`${id}-table`}
            list={listId}
            value={draft.table}
            onChange={(event) => onChange({ ...draft, table: event.target.value })}
            placeholder="orders, or * for all tables"
            autoComplete="off"
            spellCheck={false}
            maxLength={63}
            className="font-mono"
            aria-invalid={tableError ? true : undefined}
            aria-describedby={tableError ? `${id}-table-error` : undefined}
          />
          {draft.table.trim() === ALL_TABLES && !tableError ? <p className="text-xs text-muted-foreground">All tables of the project, including future ones.</p> : null}
          <FieldError id={`${id}-table-error`} message={tableError} />
        </div>
        <div className="grid gap-1.5">
          <span id={`${id}-actions-label`} className="text-sm leading-none font-medium">
            Allow
          </span>
          <div role="group" aria-labelledby={`${id}-actions-label`} aria-describedby={actionsError ? `${id}-actions-error` : undefined} className="flex h-9 items-center gap-4">
            {ROLE_ACTIONS.map((action) => (
              <label key={action} className="flex cursor-pointer items-center gap-2 text-sm" title={ACTION_HINTS[action]}>
                <Checkbox
                  checked={draft.actions.includes(action)}
                  onCheckedChange={(checked) => toggle(action, checked === true)}
                  aria-invalid={actionsError ? true : undefined}
                />
                {ROLE_ACTION_LABELS[action]}
              </label>
            ))}
          </div>
          <FieldError id={`${id}-actions-error`} message={actionsError} />
        </div>
        {onRemove ? (
          <Button type="button" variant="ghost" size="icon" className="mt-6 ml-auto text-muted-foreground hover:text-destructive" onClick={onRemove} aria-label={`Remove table ${index + 1}`}>
            <Trash2 aria-hidden />
          </Button>
        ) : null}
      </div>

      <div className="grid gap-2">
        {draft.conditions.length > 0 ? (
          <p className="text-sm font-medium">
            Row filter <span className="font-normal text-muted-foreground">— only rows where all of these hold</span>
          </p>
        ) : null}
        {draft.conditions.map((condition, conditionIndex) => (
          <ConditionRow
            key={condition.id}
            index={conditionIndex}
            condition={condition}
            errors={errors}
            path={`${path}.conditions.${conditionIndex}`}
            onChange={(next) => updateCondition(conditionIndex, next)}
            onRemove={() => onChange({ ...draft, conditions: draft.conditions.filter((_, i) => i !== conditionIndex) })}
          />
        ))}
        <FieldError id={`${id}-conditions-error`} message={conditionsError} />
        <div>
          <Button
            type="button"
            variant="ghost"
            size="sm"
            className="-ml-2 text-muted-foreground"
            onClick={() => onChange({ ...draft, conditions: [...draft.conditions, newConditionDraft()] })}
            disabled={draft.conditions.length >= MAX_CONDITIONS_PER_GRANT}
          >
            <Plus aria-hidden />
            {draft.conditions.length === 0 ? "Add row filter (optional)" : "Add condition"}
          </Button>
        </div>
      </div>
    </fieldset>
  );
}

interface ConditionRowProps {
  index: number;
  condition: ConditionDraft;
  path: string;
  errors: Record<string, string[]>;
  onChange: (condition: ConditionDraft) => void;
  onRemove: () => void;
}

function ConditionRow({ index, condition, path, errors, onChange, onRemove }: ConditionRowProps) {
  const id = `condition-${condition.id}`;
  const fieldError = errors[`${path}.field`]?.[0];
  // The union's own message, or the failing member's ("equals.context", "equals.value").
  const operandError = Object.entries(errors).find(([key]) => key === `${path}.equals` || key.startsWith(`${path}.equals.`))?.[1][0];
  const setCompareWith = (compareWith: CompareWith) =>
    onChange({ ...condition, compareWith, operand: compareWith === "boolean" ? "true" : condition.compareWith === "boolean" ? "" : condition.operand });

  return (
    <div role="group" aria-label={`Condition ${index + 1}`} className="grid gap-1">
      <div className="flex flex-wrap items-center gap-2">
        {index > 0 ? <span className="w-9 text-center text-xs font-medium text-muted-foreground">AND</span> : <span className="w-9 text-center text-xs font-medium text-muted-foreground">IF</span>}
        <Input
          id={`${id}-field`}
          aria-label="Field"
          value={condition.field}
          onChange={(event) => onChange({ ...condition, field: event.target.value })}
          placeholder="customerId"
          autoComplete="off"
          spellCheck={false}
          maxLength={64}
          className="h-8 w-40 font-mono text-sm"
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? `${id}-error` : undefined}
        />
        <span className="text-sm text-muted-foreground" aria-hidden>
          =
        </span>
        <Select value={condition.compareWith} onValueChange={(value) => setCompareWith(value as CompareWith)}>
          <SelectTrigger size="sm" aria-label="Compare with" className="w-36">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {(Object.keys(COMPARE_WITH_LABELS) as CompareWith[]).map((value) => (
              <SelectItem key={value} value={value}>
                {COMPARE_WITH_LABELS[value]}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        <Operand condition={condition} id={id} invalid={Boolean(operandError)} onChange={(operand) => onChange({ ...condition, operand })} />
        <Button type="button" variant="ghost" size="icon-sm" className="text-muted-foreground hover:text-destructive" onClick={onRemove} aria-label={`Remove condition ${index + 1}`}>
          <X aria-hidden />
        </Button>
      </div>
      <FieldError id={`${id}-error`} message={fieldError ?? operandError} className="pl-11" />
    </div>
  );
}

function Operand({ condition, id, invalid, onChange }: { condition: ConditionDraft; id: string; invalid: boolean; onChange: (operand: string) => void }) {
  const shared = { "aria-invalid": invalid ? true : undefined, "aria-describedby": invalid ? `${id}-error` : undefined };
  if (condition.compareWith === "boolean") {
    return (
      <Select value={condition.operand} onValueChange={onChange}>
        <SelectTrigger size="sm" aria-label="Value" className="w-28" {...shared}>
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value="true">true</SelectItem>
          <SelectItem value="false">false</SelectItem>
        </SelectContent>
      </Select>
    );
  }
  const isContext = condition.compareWith === "context";
  return (
    <div
      className={cn(
        "flex h-8 min-w-40 flex-1 items-center rounded-md border border-input bg-background shadow-xs transition-[border-color,box-shadow] dark:bg-input/30",
        "focus-within:border-ring focus-within:ring-3 focus-within:ring-ring/35",
        invalid && "border-destructive",
      )}
    >
      {isContext ? <span className="pl-2.5 font-mono text-sm text-muted-foreground select-none">context.</span> : null}
      <input
        id={`${id}-operand`}
        aria-label={isContext ? "Context key" : "Value"}
        value={condition.operand}
        onChange={(event) => onChange(event.target.value)}
        placeholder={isContext ? "customerId" : condition.compareWith === "number" ? "42" : "open"}
        inputMode={condition.compareWith === "number" ? "decimal" : undefined}
        autoComplete="off"
        spellCheck={false}
        maxLength={isContext ? 64 : MAX_CONTEXT_VALUE_LENGTH}
        className={cn("h-full min-w-0 flex-1 bg-transparent pr-2.5 text-sm outline-none placeholder:text-muted-foreground", isContext ? "pl-0.5 font-mono" : "pl-2.5")}
        {...shared}
      />
    </div>
  );
}

function FieldError({ id, message, className }: { id: string; message?: string; className?: string }) {
  return (
    <p id={id} aria-live="polite" className={cn("text-sm text-destructive empty:hidden", className)}>
      {message}
    </p>
  );
}
