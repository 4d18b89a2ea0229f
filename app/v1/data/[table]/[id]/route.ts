// GET /v1/data/{table}/{id} – one row (table:data:read)
// PATCH /v1/data/{table}/{id} – shallow-merge fields; null removes a field (table:data:update)
// DELETE /v1/data/{table}/{id} – delete the row (table:data:delete)
import { dataRoute } from "@/lib/api/data-route";
import { rowParams, toRowDto, updateRowBody } from "@/lib/api/data-schemas";
import { deleteRow, getRow, updateRow } from "@/lib/dal/data";

export const GET = dataRoute({
  scope: "table:data:read",
  params: rowParams,
  async handle({ ctx, params }) {
    return { body: toRowDto(await getRow(ctx, params.table, params.id)) };
  },
});

export const PATCH = dataRoute({
  scope: "table:data:update",
  params: rowParams,
  body: updateRowBody,
  async handle({ ctx, params, body }) {
    return { body: toRowDto(await updateRow(ctx, params.table, params.id, body)) };
  },
});

export const DELETE = dataRoute({
  scope: "table:data:delete",
  params: rowParams,
  async handle({ ctx, params }) {
    await deleteRow(ctx, params.table, params.id);
    return { status: 204 };
  },
});
