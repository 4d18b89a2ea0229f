// GET /v1/data/{table} – rows, cursor-paged, with equality filters and sort (table:data:read)
// POST /v1/data/{table} – create a row from the body's JSON object (table:data:create)
import { dataRoute } from "@/lib/api/data-route";
import { createRowBody, rowsQuery, tableParams, toRowDto } from "@/lib/api/data-schemas";
import { createRow, listRows } from "@/lib/dal/data";

export const GET = dataRoute({
  scope: "table:data:read",
  params: tableParams,
  query: rowsQuery,
  async handle({ ctx, params, query }) {
    const page = await listRows(ctx, params.table, query);
    return { body: { data: page.rows.map(toRowDto), nextCursor: page.nextCursor } };
  },
});

export const POST = dataRoute({
  scope: "table:data:create",
  params: tableParams,
  body: createRowBody,
  async handle({ ctx, params, body }) {
    return { status: 201, body: toRowDto(await createRow(ctx, params.table, body)) };
  },
});
