import { z } from "zod";
import { FIELD_NAME, TABLE_NAME } from "@/lib/api/data-schemas";

/*
 * Roles with row-level filters: the permission model shared by the data API (which enforces it),
 * the verification endpoint (which hands it to the customer's backend), and the console (which
 * edits it). Not server-only: the Roles page validates with the same schemas.
 *
 * A role is a list of grants. A grant names a table (or "*"), the operations it allows, and an
 * optional row filter: equality conditions, all of which a row must meet, between a row field
 * and a constant or a value of the key's context. A credential with roles may do what ANY of its
 * grants allows: for one table and operation, the rows it may touch are the union of the
 * matching grants' filters. A credential without roles keeps its kind's defaults.
 */

export const ROLE_ACTIONS = ["read", "write", "update", "delete"] as const;
export type RoleAction = (typeof ROLE_ACTIONS)[number];
export const ROLE_ACTION_LABELS: Record<RoleAction, string> = { read: "Read", write: "Write", update: "Update", delete: "Delete" };

export const ALL_TABLES = "*";
export const MAX_GRANTS_PER_ROLE = 50;
export const MAX_CONDITIONS_PER_GRANT = 10;
export const MAX_CONTEXT_ENTRIES = 32;
export const MAX_CONTEXT_VALUE_LENGTH = 256;

export type ScalarValue = string | number | boolean;

const scalarSchema = z.union([
  z.string().max(MAX_CONTEXT_VALUE_LENGTH, { error: `Keep values under ${MAX_CONTEXT_VALUE_LENGTH} characters.` }),
  z.number().finite({ error: "Numbers must be finite." }),
  z.boolean(),
]);

const fieldNameSchema = z
  .string({ error: "Name a field." })
  .regex(FIELD_NAME, { error: "Field names are 1–64 letters, digits or underscores, not starting with a digit." });

/** `customerId = context.customerId` or `status = "open"`. */
export const conditionSchema = z.strictObject({
  field: fieldNameSchema,
  equals: z.union([z.strictObject({ value: scalarSchema }), z.strictObject({ context: fieldNameSchema })], {
    error: 'A condition compares with { "value": … } or { "context": "<key>" }.',
  }),
});
export type Condition = z.infer<typeof conditionSchema>;

export const grantSchema = z.strictObject({
  table: z.union([z.literal(ALL_TABLES), z.string().regex(TABLE_NAME, { error: "Name a table (lowercase letters, digits, underscores) or *." })]),
  actions: z
    .array(z.enum(ROLE_ACTIONS, { error: "Actions are read, write, update and delete." }))
    .min(1, { error: "Allow at least one action." })
    .max(ROLE_ACTIONS.length)
    .refine((actions) => new Set(actions).size === actions.length, { error: "List each action once." }),
  conditions: z.array(conditionSchema).max(MAX_CONDITIONS_PER_GRANT, { error: `At most ${MAX_CONDITIONS_PER_GRANT} conditions per table.` }).default([]),
});
export type Grant = z.infer<typeof grantSchema>;

export const grantsSchema = z
  .array(grantSchema)
  .min(1, { error: "Grant at least one table." })
  .max(MAX_GRANTS_PER_ROLE, { error: `At most ${MAX_GRANTS_PER_ROLE} tables per role.` });

/** A key's context: what `context.<key>` conditions compare against. */
export const keyContextSchema = z
  .record(
    z.string().regex(FIELD_NAME, { error: "Context keys are 1–64 letters, digits or underscores, not starting with a digit." }),
    scalarSchema,
  )
  .refine((context) => Object.keys(context).length <= MAX_CONTEXT_ENTRIES, { error: `At most ${MAX_CONTEXT_ENTRIES} context entries.` });
export type KeyContext = z.infer<typeof keyContextSchema>;

/** A role as a credential carries it. */
export interface CredentialRole {
  id: string;
  name: string;
  projectId: string;
  grants: Grant[];
}

/** A row filter with context references resolved: each entry is field = value; all must hold. */
export type ResolvedFilter = Array<{ field: string; value: ScalarValue }>;

/**
 * What a credential with roles may do to one table: `null` when no grant allows the operation,
 * otherwise the row filters of which a row must satisfy at least one. An empty filter admits every
 * row. A grant whose condition names a context key the credential lacks admits no row (it is
 * dropped), so a missing context value never widens access.
 */
export function allowedFilters(roles: readonly CredentialRole[], table: string, action: RoleAction, context: KeyContext): ResolvedFilter[] | null {
  let granted = false;
  const filters: ResolvedFilter[] = [];
  for (const role of roles) {
    for (const grant of role.grants) {
      if ((grant.table !== ALL_TABLES && grant.table !== table) || !grant.actions.includes(action)) continue;
      granted = true;
      const resolved = resolveConditions(grant.conditions, context);
      if (resolved === null) continue;
      if (resolved.length === 0) return [[]];
      filters.push(resolved);
    }
  }
  return granted ? filters : null;
}

function resolveConditions(conditions: readonly Condition[], context: KeyContext): ResolvedFilter | null {
  const resolved: ResolvedFilter = [];
  for (const { field, equals } of conditions) {
    if ("value" in equals) {
      resolved.push({ field, value: equals.value });
    } else {
      const value = Object.hasOwn(context, equals.context) ? context[equals.context] : undefined;
      if (value === undefined) return null;
      resolved.push({ field, value });
    }
  }
  return resolved;
}

/** Whether a row's fields satisfy at least one of the filters (strict JSON equality per field). */
export function rowMatches(fields: Record<string, unknown>, filters: readonly ResolvedFilter[]): boolean {
  return filters.some((filter) => filter.every(({ field, value }) => Object.hasOwn(fields, field) && fields[field] === value));
}

/** Whether some grant lets the roles touch `table` at all (the table list shows only those). */
export function grantsTable(roles: readonly CredentialRole[], table: string): boolean {
  return roles.some((role) => role.grants.some((grant) => grant.table === ALL_TABLES || grant.table === table));
}

/** "customerId = context.customerId", for lists and the verify response's readers. */
export function describeCondition(condition: Condition): string {
  return "value" in condition.equals
    ? `${condition.field} = ${JSON.stringify(condition.equals.value)}`
    : `${condition.field} = context.${condition.equals.context}`;
}
