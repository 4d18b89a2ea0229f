"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useMemo } from "react";
import { DateCell } from "@/components/console/date-cell";
import { DataTable } from "@/components/console/data-table";
import type { TableRow as DataTableRow } from "@/lib/dal/data";

export const TABLE_COLUMN_IDS = {
  name: "name",
  rowCount: "rowCount",
  createdAt: "createdAt",
} as const;

const COLUMN_CLASS: Record<string, string> = {
  [TABLE_COLUMN_IDS.rowCount]: "w-32 text-right",
  [TABLE_COLUMN_IDS.createdAt]: "w-40",
};

export function TablesTable({ rows, now }: { rows: DataTableRow[]; now: Date }) {
  const columns = useMemo<ColumnDef<DataTableRow>[]>(
    () => [
      {
        id: TABLE_COLUMN_IDS.name,
        header: "Name",
        cell: ({ row }) => <span className="font-mono font-medium">{row.original.name}</span>,
      },
      {
        id: TABLE_COLUMN_IDS.rowCount,
        header: "Rows",
        cell: ({ row }) => <span className="tabular-nums">{row.original.rowCount.toLocaleString("en-US")}</span>,
      },
      {
        id: TABLE_COLUMN_IDS.createdAt,
        header: "Created",
        cell: ({ row }) => <DateCell value={row.original.createdAt} now={now} />,
      },
    ],
    [now],
  );

  // One environment holds at most 100 tables: all are rendered, sorted by name on the server.
  return (
    <DataTable
      rows={rows}
      columns={columns}
      getRowId={(row) => row.name}
      className="min-w-[32rem]"
      headClass={COLUMN_CLASS}
      cellClass={{ ...COLUMN_CLASS, [TABLE_COLUMN_IDS.name]: "truncate" }}
    />
  );
}
