// DELETE /v1/tables/{table} – delete a table of the environment and its rows (table:delete)
import { dataRoute } from "@/lib/api/data-route";
import { tableParams } from "@/lib/api/data-schemas";
import { deleteTable } from "@/lib/dal/data";

export const DELETE = dataRoute({
  scope: "table:delete",
  params: tableParams,
  async handle({ ctx, params }) {
    await deleteTable(ctx, params.table);
    return { status: 204 };
  },
});
