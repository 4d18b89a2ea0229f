import "server-only";
import { z } from "zod";
import type { DataContext } from "@/lib/api/data-auth";
import { FIELD_NAME, TABLE_NAME, type RowFields, type RowsQuery } from "@/lib/api/data-schemas";
import { connectionScoped, db, runPrepared, type PreparedStatement, type TextRow } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { allowedFilters, grantsTable, rowMatches, type ResolvedFilter, type RoleAction } from "@/lib/access/permissions";
import { PageCache, type DataCacheStats } from "./data-cache";
import { DalError, isUniqueViolation } from "./errors";

// The data API's storage: tables belong to one project environment (DataContext.environmentId),
// rows to one table. Every query below is scoped by environmentId, and rows through their table.

export const MAX_TABLES_PER_ENVIRONMENT = 100;

export interface TableRow {
  name: string;
  rowCount: number;
  createdAt: Date;
}

export interface DataRowOut {
  id: string;
  data: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

interface RowsPage {
  rows: DataRowOut[];
  nextCursor: string | null;
}

/** The console reads with the environment alone; the data API adds the credential's roles. */
type Scope = Pick<DataContext, "environmentId"> & Partial<Pick<DataContext, "roles" | "context">>;

/**
 * The rows a credential with roles may touch in `table` for `action`: null when unrestricted (no
 * roles, or a grant without a filter), else filters of which a row must meet one. Throws 403
 * when no role grants the action on the table at all.
 */
function rowFilters(ctx: Scope, table: string, action: RoleAction): ResolvedFilter[] | null {
  if (!ctx.roles) return null;
  const filters = allowedFilters(ctx.roles, table, action, ctx.context ?? {});
  if (filters === null) throw new DalError("FORBIDDEN", `This credential's roles do not allow ${action} on ${TABLE_NAME.test(table) ? table : "this table"}.`);
  return filters.some((filter) => filter.length === 0) ? null : filters;
}

/** Table management is schema work: credentials limited by roles work with rows only. */
function assertManagesTables(ctx: Scope): void {
  if (ctx.roles) throw new DalError("FORBIDDEN", "Credentials with roles work with rows; creating and deleting tables needs a key or token without roles.");
}

/** Bind parameters of one statement, each added where its placeholder goes in the text. */
class Placeholders {
  readonly values: string[] = [];

  add(value: string): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** `(f1 = v1 AND f2 = v2) OR (…)` over the row's JSON; field names and values are bind parameters. */
function filterText(filters: readonly ResolvedFilter[], params: Placeholders): string {
  if (filters.length === 0) return "FALSE";
  const each = filters.map((filter) => filter.map(({ field, value }) => `r.data -> ${params.add(field)}::text = ${params.add(JSON.stringify(value))}::jsonb`).join(" AND "));
  return `(${each.map((conditions) => `(${conditions})`).join(" OR ")})`;
}

function mustMatch(fields: Record<string, unknown>, filters: readonly ResolvedFilter[] | null, what: string): void {
  if (filters && !rowMatches(fields, filters)) {
    throw new DalError("FORBIDDEN", `The ${what} row must match this credential's row filter (${filters.map((f) => f.map(({ field, value }) => `${field} = ${JSON.stringify(value)}`).join(" and ")).join(", or ")}).`);
  }
}

function tableNotFound(name: string): DalError {
  return new DalError("NOT_FOUND", TABLE_NAME.test(name) ? `Table ${name} not found.` : "Table not found.");
}

async function findTable(ctx: Scope, name: string): Promise<{ id: string }> {
  if (!TABLE_NAME.test(name)) throw tableNotFound(name);
  const table = await db.dataTable.findUnique({
    where: { environmentId_name: { environmentId: ctx.environmentId, name } },
    select: { id: true },
  });
  if (!table) throw tableNotFound(name);
  return table;
}

export async function listTables(ctx: Scope): Promise<TableRow[]> {
  const tables = await db.dataTable.findMany({
    where: { environmentId: ctx.environmentId },
    orderBy: [{ name: "asc" }],
    select: { name: true, createdAt: true, _count: { select: { rows: true } } },
  });
  const roles = ctx.roles;
  return tables
    .filter((t) => !roles || grantsTable(roles, t.name))
    .map((t) => ({ name: t.name, createdAt: t.createdAt, rowCount: t._count.rows }));
}

export async function createTable(ctx: DataContext, name: string): Promise<TableRow> {
  assertManagesTables(ctx);
  if (!TABLE_NAME.test(name)) {
    throw new DalError("INVALID", "The table name is invalid.", { name: ["Use a lowercase letter, then lowercase letters, digits or underscores."] });
  }
  const count = await db.dataTable.count({ where: { environmentId: ctx.environmentId } });
  if (count >= MAX_TABLES_PER_ENVIRONMENT) {
    throw new DalError("CONFLICT", `An environment has at most ${MAX_TABLES_PER_ENVIRONMENT} tables. Delete one first.`);
  }
  try {
    const table = await db.dataTable.create({
      data: { organizationId: ctx.organizationId, projectId: ctx.projectId, environmentId: ctx.environmentId, name },
      select: { name: true, createdAt: true },
    });
    return { ...table, rowCount: 0 };
  } catch (error) {
    if (isUniqueViolation(error)) throw new DalError("CONFLICT", `Table ${name} already exists.`, { name: ["Already taken in this environment."] });
    throw error;
  }
}

/** Deletes a table and (by cascade) its rows. */
export async function deleteTable(ctx: Scope, name: string): Promise<void> {
  assertManagesTables(ctx);
  if (!TABLE_NAME.test(name)) throw tableNotFound(name);
  const { count } = await db.dataTable.deleteMany({ where: { environmentId: ctx.environmentId, name } });
  if (count === 0) throw tableNotFound(name);
}

// ---- rows ----

function asObject(data: unknown): Record<string, unknown> {
  return data && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
}

const rowSelect = { id: true, data: true, createdAt: true, updatedAt: true } as const;

/** A row as selected (by Prisma or by the list queries' raw SQL). */
type RawRow = { id: string; data: unknown; createdAt: Date; updatedAt: Date };

function toOut(row: RawRow): DataRowOut {
  return { id: row.id, data: asObject(row.data), createdAt: row.createdAt, updatedAt: row.updatedAt };
}

const cursorSchema = z.object({
  s: z.string(),
  o: z.enum(["asc", "desc"]),
  v: z.json(),
  i: z.string().regex(/^[a-z0-9]{1,64}$/),
});

function invalidCursor(message = "The cursor is not valid. Use the nextCursor value of a previous response."): DalError {
  return new DalError("INVALID", message, { cursor: ["Not a cursor issued by this API for this sort."] });
}

function encodeRowCursor(sort: string, order: "asc" | "desc", value: unknown, id: string): string {
  return Buffer.from(JSON.stringify({ s: sort, o: order, v: value, i: id })).toString("base64url");
}

function decodeRowCursor(cursor: string, sort: string, order: "asc" | "desc") {
  let parsed: z.infer<typeof cursorSchema>;
  try {
    parsed = cursorSchema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw invalidCursor();
  }
  if (parsed.s !== sort || parsed.o !== order) throw invalidCursor("The cursor was issued for another sort or order: repeat the same sort and order.");
  return parsed;
}

function sortValue(row: DataRowOut, sort: string): unknown {
  if (sort === "createdAt") return row.createdAt.toISOString();
  if (sort === "updatedAt") return row.updatedAt.toISOString();
  return row.data[sort] ?? null;
}

/**
 * Any list (filters, a field's sort, a credential's row filters) in one statement whose text is
 * built from the query, with every value a bind parameter; read as text like listStatement(),
 * not through Prisma, which cost several times as much per query on PGlite. Never cached.
 */
export async function listRows(ctx: Scope, tableName: string, query: RowsQuery): Promise<RowsPage> {
  const { sort, order, limit } = query;
  const isColumn = sort === "createdAt" || sort === "updatedAt";
  const allowed = rowFilters(ctx, tableName, "read");
  if (isColumn && query.filters.length === 0 && allowed === null) return listRowsByColumn(ctx, tableName, { sort, order, limit, cursor: query.cursor });
  if (!TABLE_NAME.test(tableName)) throw tableNotFound(tableName);
  if (!isColumn && !FIELD_NAME.test(sort)) throw new DalError("INVALID", "Cannot sort on that.", { sort: ["Not a field name."] });

  const params = new Placeholders();
  const conditions = [`t."environmentId" = ${params.add(ctx.environmentId)}::text`, `t.name = ${params.add(tableName)}::text`];
  if (allowed) conditions.push(filterText(allowed, params));
  for (const { field, value } of query.filters) {
    if (!FIELD_NAME.test(field)) throw new DalError("INVALID", "Cannot filter on that.", { [field]: ["Not a field name."] });
    conditions.push(`r.data ->> ${params.add(field)}::text = ${params.add(value)}::text`);
  }
  // Field names travel as bind parameters, never as SQL text.
  const expr = isColumn ? `r."${sort}"` : `COALESCE(r.data -> ${params.add(sort)}::text, 'null'::jsonb)`;
  const [direction, before] = order === "desc" ? ["DESC", "<"] : ["ASC", ">"];
  if (query.cursor) {
    const position = decodeRowCursor(query.cursor, sort, order);
    let value: string;
    if (isColumn) {
      if (typeof position.v !== "string" || Number.isNaN(Date.parse(position.v))) throw invalidCursor();
      value = `(${params.add(position.v)}::timestamptz AT TIME ZONE 'UTC')`;
    } else {
      value = `${params.add(JSON.stringify(position.v))}::jsonb`;
    }
    conditions.push(`(${expr} ${before} ${value} OR (${expr} = ${value} AND r.id ${before} ${params.add(position.i)}::text))`);
  }
  const text = `SELECT ${ROW_COLUMNS} FROM "DataRow" r JOIN "DataTable" t ON t.id = r."tableId"
    WHERE ${conditions.join(" AND ")}
    ORDER BY ${expr} ${direction}, r.id ${direction}
    LIMIT ${params.add(String(limit + 1))}::int`;
  return pageOf(ctx, tableName, query, (await runPrepared({ text }, params.values)).map(fromTextRow));
}

/**
 * A page from up to `limit + 1` rows (the extra one only says that more follow). No rows at all
 * may mean no such table: that is looked up only then, to answer 404 rather than an empty page.
 */
async function pageOf(ctx: Scope, tableName: string, query: Pick<RowsQuery, "sort" | "order" | "limit">, found: RawRow[]): Promise<RowsPage> {
  if (found.length === 0) await findTable(ctx, tableName);
  const page = found.slice(0, query.limit).map(toOut);
  const last = page.at(-1);
  return { rows: page, nextCursor: found.length > query.limit && last ? encodeRowCursor(query.sort, query.order, sortValue(last, query.sort), last.id) : null };
}

/** A row as the list statements select it: see fromTextRow(). */
const ROW_COLUMNS = `r.id, r.data::text, floor(extract(epoch FROM r."createdAt") * 1000)::text, floor(extract(epoch FROM r."updatedAt") * 1000)::text`;

/**
 * The common case (`GET /v1/data/posts`: newest first, no filters) in one prepared statement:
 * the table is matched by name and environment in a join instead of a lookup of its own, and
 * only an empty result pays a second query to tell "no rows" from "no such table". Prepared and
 * read as text rather than through Prisma: this is the data API's hottest read, and on PGlite
 * (which runs in the server's thread) Prisma's $queryRaw cost 1.4 ms where this costs 0.3 ms
 * (see lib/db/connection.ts). One statement per sort, order and cursor-or-not, eight in all.
 */
function listStatement(sort: "createdAt" | "updatedAt", order: "asc" | "desc", afterCursor: boolean): PreparedStatement {
  const column = `r."${sort}"`;
  const [direction, before] = order === "desc" ? ["DESC", "<"] : ["ASC", ">"];
  // The cursor's ISO time, converted like the stored UTC `timestamp(3)` values (as in listRows).
  const after = afterCursor
    ? `AND (${column} ${before} ($4::timestamptz AT TIME ZONE 'UTC') OR (${column} = ($4::timestamptz AT TIME ZONE 'UTC') AND r.id ${before} $5::text))`
    : "";
  return {
    name: `data_rows_by_${sort}_${order}${afterCursor ? "_after" : ""}`,
    text: `SELECT ${ROW_COLUMNS}
      FROM "DataRow" r JOIN "DataTable" t ON t.id = r."tableId"
      WHERE t."environmentId" = $1::text AND t.name = $2::text ${after}
      ORDER BY ${column} ${direction}, r.id ${direction}
      LIMIT $3::int`,
  };
}

/** A row of ROW_COLUMNS: id, data as JSON text, and the two times in epoch milliseconds. */
function fromTextRow([id, data, createdAt, updatedAt]: TextRow): RawRow {
  if (id == null || data == null || createdAt == null || updatedAt == null) throw new Error("A list statement returned a NULL column");
  return { id, data: JSON.parse(data) as unknown, createdAt: new Date(Number(createdAt)), updatedAt: new Date(Number(updatedAt)) };
}

// Symbol.for: Next may evaluate this module once per route bundle; they all share one cache.
const ROW_PAGES = Symbol.for("keyward.rowPages");
function rowPages(): PageCache<RowsPage> {
  return connectionScoped(ROW_PAGES, () => new PageCache<RowsPage>());
}

/** Whether and how the embedded database's page cache serves listRowsByColumn. */
export function rowPageCacheStats(): DataCacheStats {
  return rowPages().stats();
}

/** Memory a cached page holds, roughly: its JSON plus the ids, dates and objects around it. */
const ROW_OVERHEAD_BYTES = 200;

async function listRowsByColumn(
  ctx: Scope,
  tableName: string,
  query: { sort: "createdAt" | "updatedAt"; order: "asc" | "desc"; limit: number; cursor?: string },
): Promise<RowsPage> {
  if (!TABLE_NAME.test(tableName)) throw tableNotFound(tableName);
  // Whoever asks, the page depends only on these: credentials with roles never come here.
  const key = [ctx.environmentId, tableName, query.sort, query.order, query.limit, query.cursor ?? ""].join("\n");
  return rowPages().read(key, async () => {
    const { sort, order, limit } = query;
    const params: string[] = [ctx.environmentId, tableName, String(limit + 1)];
    if (query.cursor) {
      const position = decodeRowCursor(query.cursor, sort, order);
      if (typeof position.v !== "string" || Number.isNaN(Date.parse(position.v))) throw invalidCursor();
      params.push(position.v, position.i);
    }
    const textRows = await runPrepared(listStatement(sort, order, query.cursor !== undefined), params);
    const bytes = textRows.reduce((total, [, data]) => total + (data?.length ?? 0) + ROW_OVERHEAD_BYTES, 0);
    return { value: await pageOf(ctx, tableName, query, textRows.map(fromTextRow)), bytes };
  });
}

/** The stored fields: nulls dropped on update only (a PATCH null means "remove"). */
export async function createRow(ctx: Scope, tableName: string, fields: RowFields): Promise<DataRowOut> {
  mustMatch(fields, rowFilters(ctx, tableName, "write"), "created");
  const table = await findTable(ctx, tableName);
  const row = await db.dataRow.create({ data: { tableId: table.id, data: fields as Prisma.InputJsonObject }, select: rowSelect });
  return toOut(row);
}

export async function getRow(ctx: Scope, tableName: string, id: string): Promise<DataRowOut> {
  const allowed = rowFilters(ctx, tableName, "read");
  const table = await findTable(ctx, tableName);
  const row = await db.dataRow.findFirst({ where: { id, tableId: table.id }, select: rowSelect });
  // A row outside the credential's filter answers as if it did not exist.
  if (!row || (allowed && !rowMatches(asObject(row.data), allowed))) throw new DalError("NOT_FOUND", "Row not found.");
  return toOut(row);
}

/** Shallow merge: each given field replaces the stored one; a null value removes the field. */
export async function updateRow(ctx: Scope, tableName: string, id: string, patch: RowFields): Promise<DataRowOut> {
  const allowed = rowFilters(ctx, tableName, "update");
  const table = await findTable(ctx, tableName);
  return db.$transaction(async (tx) => {
    // Locked until commit: a concurrent PATCH waits instead of merging into a stale copy, and the
    // filter checked here is the one the written row is checked against.
    const [row] = await tx.$queryRaw<Array<{ data: unknown }>>`SELECT data FROM "DataRow" WHERE id = ${id} AND "tableId" = ${table.id} FOR UPDATE`;
    if (!row || (allowed && !rowMatches(asObject(row.data), allowed))) throw new DalError("NOT_FOUND", "Row not found.");
    const merged: Record<string, unknown> = { ...asObject(row.data) };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete merged[key];
      else merged[key] = value;
    }
    mustMatch(merged, allowed, "updated");
    const updated = await tx.dataRow.update({ where: { id }, data: { data: merged as Prisma.InputJsonObject }, select: rowSelect });
    return toOut(updated);
  });
}

export async function deleteRow(ctx: Scope, tableName: string, id: string): Promise<void> {
  const allowed = rowFilters(ctx, tableName, "delete");
  const table = await findTable(ctx, tableName);
  let count: number;
  if (allowed) {
    const params = new Placeholders();
    const text = `DELETE FROM "DataRow" r WHERE r.id = ${params.add(id)}::text AND r."tableId" = ${params.add(table.id)}::text AND ${filterText(allowed, params)} RETURNING 1`;
    count = (await runPrepared({ text, writes: true }, params.values)).length;
  } else {
    ({ count } = await db.dataRow.deleteMany({ where: { id, tableId: table.id } }));
  }
  if (count === 0) throw new DalError("NOT_FOUND", "Row not found.");
}
