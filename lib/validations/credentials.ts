import { z } from "zod";
import { keyContextSchema, MAX_CONTEXT_VALUE_LENGTH, type KeyContext, type ScalarValue } from "@/lib/access/permissions";
import { FIELD_NAME } from "@/lib/api/data-schemas";
import { CUSTOM_PREFIX_PATTERN } from "@/lib/keys/format";

/*
 * Form fields that secret keys and access tokens share: Key Prefix, Roles, Context and Expires.
 * The dialogs validate with these while you type; the server actions parse the same schemas.
 */

/**
 * "Key Prefix": 2–16 lowercase letters, digits or underscores. A trailing underscore is the
 * separator and is added for you, so "acme" and "acme_" both give acme_sk_….
 */
export const keyPrefixSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9_]{2,16}$/, { error: "Use 2–16 lowercase letters, digits or underscores." })
  .transform((prefix) => prefix.replace(/_+$/, ""))
  .refine((prefix) => CUSTOM_PREFIX_PATTERN.test(prefix), { error: "Use at least 2 letters or digits before the underscore." });

/** The optional prefix of a form: an empty field means the default (`sk_…`). */
export const optionalPrefixSchema = z
  .string()
  .optional()
  .transform((value) => value?.trim() || undefined)
  .pipe(keyPrefixSchema.optional());

export const roleIdListSchema = z
  .array(z.string().regex(/^[a-z0-9]{1,64}$/, { error: "Not a role id." }))
  .max(20, { error: "At most 20 roles." })
  .refine((ids) => new Set(ids).size === ids.length, { error: "List each role once." });

export const CONTEXT_VALUE_TYPES = ["string", "number", "boolean"] as const;
export type ContextValueType = (typeof CONTEXT_VALUE_TYPES)[number];

/** One row of the Context editor, as typed: the value is text until its type says otherwise. */
export interface ContextRow {
  key: string;
  type: ContextValueType;
  value: string;
}

const contextRowSchema = z.strictObject({
  key: z.string().max(64),
  type: z.enum(CONTEXT_VALUE_TYPES),
  value: z.string().max(MAX_CONTEXT_VALUE_LENGTH + 1),
});

const isBlank = (row: ContextRow) => row.key.trim() === "" && row.value.trim() === "";

function rowValue(row: ContextRow): { value: ScalarValue } | { error: string } {
  if (row.type === "boolean") {
    return row.value === "true" || row.value === "false" ? { value: row.value === "true" } : { error: "Choose true or false." };
  }
  if (row.type === "number") {
    const number = Number(row.value);
    return row.value.trim() !== "" && Number.isFinite(number) ? { value: number } : { error: "Enter a number, like 42 or 3.5." };
  }
  return row.value.length <= MAX_CONTEXT_VALUE_LENGTH ? { value: row.value } : { error: `Keep values under ${MAX_CONTEXT_VALUE_LENGTH} characters.` };
}

/**
 * The context a list of editor rows describes, or an error per row (null for a good row).
 * Rows left entirely blank are skipped, so an untouched "Add" row is not an error.
 */
export function contextFromRows(rows: readonly ContextRow[]): { context: KeyContext; rowErrors: Array<string | null> } {
  const context: KeyContext = {};
  const rowErrors = rows.map((row): string | null => {
    if (isBlank(row)) return null;
    const key = row.key.trim();
    if (!FIELD_NAME.test(key)) return "Keys are 1–64 letters, digits or underscores, not starting with a digit.";
    if (Object.hasOwn(context, key)) return `${key} is already set above.`;
    const parsed = rowValue(row);
    if ("error" in parsed) return parsed.error;
    context[key] = parsed.value;
    return null;
  });
  return { context, rowErrors };
}

/** The editor rows for a stored context (the Edit dialog starts from them). */
export function rowsFromContext(context: KeyContext): ContextRow[] {
  return Object.entries(context).map(([key, value]) => ({
    key,
    type: typeof value === "number" ? "number" : typeof value === "boolean" ? "boolean" : "string",
    value: String(value),
  }));
}

/**
 * The Context field as a form posts it: the editor's rows as JSON. Errors name the row
 * ("Row 2: …") because a flattened field error has no room for a path.
 */
export const contextFieldSchema = z
  .string()
  .optional()
  .transform((json, issue): KeyContext => {
    if (!json) return {};
    let raw: unknown;
    try {
      raw = JSON.parse(json);
    } catch {
      issue.addIssue({ code: "custom", message: "The context could not be read. Reload the page and try again." });
      return z.NEVER;
    }
    const rows = z.array(contextRowSchema).max(64).safeParse(raw);
    if (!rows.success) {
      issue.addIssue({ code: "custom", message: "The context could not be read. Reload the page and try again." });
      return z.NEVER;
    }
    const { context, rowErrors } = contextFromRows(rows.data);
    rowErrors.forEach((error, index) => {
      if (error) issue.addIssue({ code: "custom", message: `Row ${index + 1}: ${error}` });
    });
    const checked = keyContextSchema.safeParse(context);
    if (!checked.success) for (const { message } of checked.error.issues) issue.addIssue({ code: "custom", message });
    return context;
  });

export const EXPIRY_PRESETS = ["7", "30", "90", "365", "custom", "never"] as const;
export type ExpiryPreset = (typeof EXPIRY_PRESETS)[number];
/** The longest lifetime a custom expiry date may have. */
export const MAX_TOKEN_LIFETIME_DAYS = 5 * 365;

export const expiryPresetSchema = z.enum(EXPIRY_PRESETS, { error: "Choose when it expires." });

function parseExpiryDate(value: string | undefined): Date | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T23:59:59.999Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** For a form's superRefine: a custom expiry needs a date in the next five years. */
export function checkCustomExpiry(value: { expiry?: string; expiresOn?: string }, issue: z.core.$RefinementCtx): void {
  if (value.expiry !== "custom") return;
  const date = parseExpiryDate(value.expiresOn);
  if (!date) issue.addIssue({ code: "custom", path: ["expiresOn"], message: "Pick an expiry date." });
  else if (date.getTime() <= Date.now()) issue.addIssue({ code: "custom", path: ["expiresOn"], message: "The expiry date must be in the future." });
  else if (date.getTime() > Date.now() + MAX_TOKEN_LIFETIME_DAYS * 86_400_000)
    issue.addIssue({ code: "custom", path: ["expiresOn"], message: "Expiry dates can be at most 5 years away." });
}

/** The expiry timestamp of a validated form: null for "never". */
export function expiryFromForm(form: { expiry: ExpiryPreset; expiresOn?: string }, now = new Date()): Date | null {
  if (form.expiry === "never") return null;
  if (form.expiry === "custom") return parseExpiryDate(form.expiresOn);
  return new Date(now.getTime() + Number(form.expiry) * 86_400_000);
}

export const EDIT_EXPIRY_OPTIONS = [...EXPIRY_PRESETS, "keep"] as const;
export type EditExpiryOption = (typeof EDIT_EXPIRY_OPTIONS)[number];

/** "⋯" → "Edit": name, roles, context and expiry; "keep" leaves the expiry as it is. */
export function editCredentialSchema(nameSchema: z.ZodType<string, string>) {
  return z
    .object({
      name: nameSchema,
      roleIds: roleIdListSchema.default([]),
      context: contextFieldSchema,
      expiry: z.enum(EDIT_EXPIRY_OPTIONS, { error: "Choose when it expires." }).default("keep"),
      expiresOn: z.string().trim().optional(),
    })
    .superRefine(checkCustomExpiry);
}
export type EditCredentialForm = z.infer<ReturnType<typeof editCredentialSchema>>;

/** The expiry an Edit form asks for: undefined to keep the current one. */
export function editedExpiry(form: Pick<EditCredentialForm, "expiry" | "expiresOn">, now = new Date()): Date | null | undefined {
  return form.expiry === "keep" ? undefined : expiryFromForm({ expiry: form.expiry, expiresOn: form.expiresOn }, now);
}

/** The shared fields of a create or edit form, as the schemas above expect them. */
export function credentialFormFields(formData: FormData) {
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : undefined;
  };
  return { prefix: text("prefix"), roleIds: formData.getAll("roleIds"), context: text("context"), expiry: text("expiry"), expiresOn: text("expiresOn") };
}
