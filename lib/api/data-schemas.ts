import { z } from "zod";

/** Table names: lowercase, start with a letter, at most 63 characters (like a Postgres identifier). */
export const TABLE_NAME = /^[a-z][a-z0-9_]{0,62}$/;
/** Field names of a row (top-level keys of its JSON object). */
export const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** Added to every row on the way out; never stored in, or accepted as, its fields. */
export const RESERVED_FIELDS = ["id", "createdAt", "updatedAt"] as const;
/** Query parameters of the row list that are not equality filters. */
export const RESERVED_QUERY_PARAMS = ["limit", "cursor", "sort", "order"] as const;
export const MAX_FILTERS = 10;
export const MAX_FILTER_VALUE_LENGTH = 256;
export const MAX_ROWS_PAGE = 100;
export const DEFAULT_ROWS_PAGE = 20;

export const noParams = z.object({});
export const tableParams = z.object({ table: z.string().min(1).max(200) });
export const rowParams = z.object({ table: z.string().min(1).max(200), id: z.string().regex(/^[a-z0-9]{1,64}$/) });

export const createTableBody = z.strictObject({
  name: z
    .string()
    .regex(TABLE_NAME, "Use 1–63 characters: a lowercase letter, then lowercase letters, digits or underscores."),
});

const isReserved = (key: string) => (RESERVED_FIELDS as readonly string[]).includes(key);

/** How deeply a row's JSON may nest (objects and arrays); far beyond any real document. */
export const MAX_ROW_DEPTH = 64;

// Text PostgreSQL's jsonb cannot store: NUL ("unsupported Unicode escape sequence") and lone
// UTF-16 surrogates (invalid JSON text for the database driver).
const UNSTORABLE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Checks a parsed row before zod's recursive z.json() sees it, with an explicit stack: a body of
 * a few thousand nested arrays fits the 64 KiB limit and used to overflow the call stack (a 500),
 * and text the database rejects used to fail in the insert (a 500). Both are the client's
 * mistake: 400 VALIDATION_FAILED. Found by app/api/v1/api.fuzz.int.test.ts.
 */
function checkStorableJson(value: unknown, ctx: z.RefinementCtx): void {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { value: current, depth } = item;
    if (typeof current === "string") {
      if (UNSTORABLE_TEXT.test(current)) {
        ctx.addIssue({ code: "custom", path: [], message: "Text cannot contain NUL characters or unpaired UTF-16 surrogates." });
        return;
      }
    } else if (current !== null && typeof current === "object") {
      if (depth >= MAX_ROW_DEPTH) {
        ctx.addIssue({ code: "custom", path: [], message: `Rows nest at most ${MAX_ROW_DEPTH} levels deep.` });
        return;
      }
      for (const [key, child] of Object.entries(current)) {
        stack.push({ value: key, depth }, { value: child, depth: depth + 1 });
      }
    }
  }
}

function fieldsOf(allowNullMeaning: string) {
  return z
    .unknown()
    .superRefine(checkStorableJson)
    .pipe(z.record(z.string(), z.json()))
    .superRefine((fields, ctx) => {
      for (const key of Object.keys(fields)) {
        if (isReserved(key)) {
          ctx.addIssue({ code: "custom", path: [key], message: `"${key}" is set by the API and cannot be written.` });
        } else if (!FIELD_NAME.test(key)) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: "Field names are 1–64 letters, digits or underscores, not starting with a digit.",
          });
        }
      }
    })
    .describe(allowNullMeaning);
}

/** POST body: the row's fields as a JSON object. */
export const createRowBody = fieldsOf("The row's fields.");
/** PATCH body: fields to set; a null value removes the field. */
export const updateRowBody = fieldsOf("Fields to set; null removes a field.");

export type RowFields = z.infer<typeof createRowBody>;

export interface RowsQuery {
  limit: number;
  cursor?: string;
  /** "createdAt" / "updatedAt" (the row's own timestamps) or a field name. */
  sort: string;
  order: "asc" | "desc";
  filters: Array<{ field: string; value: string }>;
}

export const rowsQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(MAX_ROWS_PAGE).default(DEFAULT_ROWS_PAGE),
    cursor: z.string().min(1).max(2048).optional(),
    sort: z
      .string()
      .regex(FIELD_NAME, "Sort by createdAt, updatedAt or a field name.")
      .refine((s) => s !== "id", "Sort by createdAt, updatedAt or a field name.")
      .default("createdAt"),
    order: z.enum(["asc", "desc"]).optional(),
  })
  .catchall(
    z
      .string()
      .max(MAX_FILTER_VALUE_LENGTH, `Filter values are at most ${MAX_FILTER_VALUE_LENGTH} characters.`)
      // Compared as text in the database, which refuses NUL (a 500 before this check).
      .refine((value) => !UNSTORABLE_TEXT.test(value), "Filter values cannot contain NUL characters or unpaired UTF-16 surrogates."),
  )
  .superRefine((query, ctx) => {
    const filters = Object.keys(query).filter((key) => !(RESERVED_QUERY_PARAMS as readonly string[]).includes(key));
    if (filters.length > MAX_FILTERS) {
      ctx.addIssue({ code: "custom", path: [], message: `At most ${MAX_FILTERS} filters.` });
    }
    for (const key of filters) {
      if (!FIELD_NAME.test(key) || isReserved(key)) {
        ctx.addIssue({ code: "custom", path: [key], message: `"${key}" cannot be filtered on: filter on the row's own fields.` });
      }
    }
  })
  .transform((query): RowsQuery => {
    const { limit, cursor, sort, order, ...rest } = query;
    return {
      limit,
      ...(cursor ? { cursor } : {}),
      sort,
      // Newest first by default; a field sorts ascending unless told otherwise.
      order: order ?? (sort === "createdAt" || sort === "updatedAt" ? "desc" : "asc"),
      filters: Object.entries(rest).map(([field, value]) => ({ field, value: String(value) })),
    };
  });

/** A row as the API returns it. */
export function toRowDto(row: { id: string; data: unknown; createdAt: Date; updatedAt: Date }): Record<string, unknown> {
  const data = row.data && typeof row.data === "object" && !Array.isArray(row.data) ? (row.data as Record<string, unknown>) : {};
  return { id: row.id, ...data, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

export function toTableDto(table: { name: string; rowCount: number; createdAt: Date }) {
  return { name: table.name, rowCount: table.rowCount, createdAt: table.createdAt.toISOString() };
}
