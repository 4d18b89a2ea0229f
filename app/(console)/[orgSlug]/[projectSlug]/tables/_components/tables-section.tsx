import { Database } from "lucide-react";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { TableRow } from "@/lib/dal/data";
import { CodeBlock } from "@/components/console/code-block";
import { TablesTable } from "./tables-table";

interface TablesSectionProps {
  tables: TableRow[];
  now: Date;
  environment: string;
  projectPublicId: string;
  origin: string;
}

/** The request that creates a table, with the headers that name this project and environment. */
function createTableCommand(origin: string, projectPublicId: string, environment: string): string {
  return [
    `curl -X POST ${origin}/v1/tables \\`,
    `  -H "Authorization: Bearer $KEYWARD_SECRET_KEY" \\`,
    `  -H "X-Project-Id: ${projectPublicId}" \\`,
    `  -H "X-Environment: ${environment}" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '{"name":"posts"}'`,
  ].join("\n");
}

export function TablesSection({ tables, now, environment, projectPublicId, origin }: TablesSectionProps) {
  const total = tables.reduce((sum, table) => sum + table.rowCount, 0);
  return (
    <section aria-labelledby="tables-heading">
      <Card className="gap-0 overflow-hidden py-0">
        <CardHeader className="border-b py-5">
          <CardTitle id="tables-heading" className="flex items-center gap-2 text-base">
            <Database className="size-4 text-muted-foreground" aria-hidden />
            Tables
            {tables.length > 0 ? <span className="text-sm font-normal text-muted-foreground tabular-nums">{tables.length.toLocaleString("en-US")}</span> : null}
          </CardTitle>
          <CardDescription>
            {tables.length > 0
              ? `${total.toLocaleString("en-US")} ${total === 1 ? "row" : "rows"} in all. Tables are created and filled through the REST API (/v1/tables, /v1/data/{table}).`
              : "Tables are created and filled through the REST API (/v1/tables, /v1/data/{table})."}
          </CardDescription>
        </CardHeader>
        {tables.length === 0 ? (
          <div className="p-6">
            <EmptyState
              icon={<Database />}
              title={`No tables in ${environment}`}
              description="Create one with a secret key of this environment: POST /v1/tables with the table's name. Rows then go to /v1/data/{table}."
              className="min-h-40"
            >
              <CodeBlock code={createTableCommand(origin, projectPublicId, environment)} label="curl command to create a table" className="w-full max-w-2xl text-left" />
            </EmptyState>
          </div>
        ) : (
          <TablesTable rows={tables} now={now} />
        )}
      </Card>
    </section>
  );
}
