import {
  ALL_TABLES,
  describeCondition,
  ROLE_ACTION_LABELS,
  ROLE_ACTIONS,
  type Condition,
  type Grant,
  type RoleAction,
} from "@/lib/access/permissions";

/*
 * The grants editor edits drafts (every input as typed) and turns them into Grant[] for the
 * schema; the list and the preview turn grants back into words.
 */

/** What a condition's right-hand side is: a value of the key's context, or a typed constant. */
export type CompareWith = "context" | "string" | "number" | "boolean";

export interface ConditionDraft {
  id: number;
  field: string;
  compareWith: CompareWith;
  /** The context key, the text, the number as typed, or "true" / "false". */
  operand: string;
}

export interface GrantDraft {
  id: number;
  table: string;
  actions: RoleAction[];
  conditions: ConditionDraft[];
}

// Stable React keys for rows added in this page's lifetime; never sent anywhere.
let nextDraftId = 0;
const draftId = () => ++nextDraftId;

export function newConditionDraft(): ConditionDraft {
  return { id: draftId(), field: "", compareWith: "context", operand: "" };
}

export function newGrantDraft(table = ""): GrantDraft {
  return { id: draftId(), table, actions: ["read"], conditions: [] };
}

export function toDrafts(grants: readonly Grant[]): GrantDraft[] {
  return grants.map((grant) => ({
    id: draftId(),
    table: grant.table,
    actions: [...grant.actions],
    conditions: grant.conditions.map(({ field, equals }) => ({
      id: draftId(),
      field,
      ...("context" in equals
        ? { compareWith: "context" as const, operand: equals.context }
        : { compareWith: (typeof equals.value === "number" ? "number" : typeof equals.value === "boolean" ? "boolean" : "string") as CompareWith, operand: String(equals.value) }),
    })),
  }));
}

/** In the canonical order (Read, Write, Update, Delete), whatever order they were ticked in. */
function orderedActions(actions: readonly RoleAction[]): RoleAction[] {
  return ROLE_ACTIONS.filter((action) => actions.includes(action));
}

function toCondition(draft: ConditionDraft): Condition["equals"] | null {
  switch (draft.compareWith) {
    case "context":
      return { context: draft.operand.trim() };
    case "string":
      return { value: draft.operand };
    case "boolean":
      return { value: draft.operand === "true" };
    case "number": {
      const text = draft.operand.trim();
      const value = Number(text);
      return text !== "" && Number.isFinite(value) ? { value } : null;
    }
  }
}

/**
 * Drafts as the grants the schema checks, plus the errors the schema cannot see (a number that
 * does not parse), keyed by the same paths as the schema's issues ("grants.0.conditions.1.equals").
 */
export function fromDrafts(drafts: readonly GrantDraft[]): { grants: Grant[]; errors: Record<string, string[]> } {
  const errors: Record<string, string[]> = {};
  const grants = drafts.map((draft, grantIndex) => ({
    table: draft.table.trim(),
    actions: orderedActions(draft.actions),
    conditions: draft.conditions.map((condition, conditionIndex) => {
      const equals = toCondition(condition);
      if (equals === null) errors[`grants.${grantIndex}.conditions.${conditionIndex}.equals`] = ["Enter a number, e.g. 42 or 3.5."];
      return { field: condition.field.trim(), equals: equals ?? { value: 0 } };
    }),
  }));
  return { grants, errors };
}

/** "orders: Read, Update where customerId = context.customerId", in parts the list styles separately. */
export function grantSummaryParts(grant: Grant): { table: string; actions: string; conditions: string[] } {
  return {
    table: grant.table,
    actions: grant.actions.map((action) => ROLE_ACTION_LABELS[action]).join(", "),
    conditions: grant.conditions.map(describeCondition),
  };
}

function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function conditionInWords({ field, equals }: Condition): string {
  return "context" in equals ? `${field} equals the key's context ${equals.context}` : `${field} equals ${JSON.stringify(equals.value)}`;
}

/** "read and update rows of orders whose customerId equals the key's context customerId" */
export function explainGrant(grant: Grant): string {
  // "Write" creates rows; "write rows" alone would read as if it also covered updates.
  const verbs = listInWords(orderedActions(grant.actions).map((action) => (action === "write" ? "create" : action)));
  const where = grant.table === ALL_TABLES ? "every table" : grant.table;
  const filter = grant.conditions.length > 0 ? ` whose ${listInWords(grant.conditions.map(conditionInWords))}` : "";
  return `${verbs} rows of ${where}${filter}`;
}

/**
 * The part of a half-filled form that already says something, for the live preview: grants with
 * a table and an action, and their complete conditions.
 */
export function explainableGrants(drafts: readonly GrantDraft[]): Grant[] {
  return drafts
    .filter((draft) => draft.table.trim() !== "" && draft.actions.length > 0)
    .map((draft) => ({
      table: draft.table.trim(),
      actions: orderedActions(draft.actions),
      conditions: draft.conditions.flatMap((condition) => {
        const equals = toCondition(condition);
        const complete = equals !== null && condition.field.trim() !== "" && !("context" in equals && equals.context === "");
        return complete ? [{ field: condition.field.trim(), equals }] : [];
      }),
    }));
}
