// GET /v1/tables – the environment's tables (table:read)
// POST /v1/tables – create a table, `{ "name": "posts" }` (table:create)
import { dataRoute } from "@/lib/api/data-route";
import { createTableBody, noParams, toTableDto } from "@/lib/api/data-schemas";
import { createTable, listTables } from "@/lib/dal/data";

export const GET = dataRoute({
  scope: "table:read",
  params: noParams,
  async handle({ ctx }) {
    return { body: { data: (await listTables(ctx)).map(toTableDto), nextCursor: null } };
  },
});

export const POST = dataRoute({
  scope: "table:create",
  params: noParams,
  body: createTableBody,
  async handle({ ctx, body }) {
    return { status: 201, body: toTableDto(await createTable(ctx, body.name)) };
  },
});
