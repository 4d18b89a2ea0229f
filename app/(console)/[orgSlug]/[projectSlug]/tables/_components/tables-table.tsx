"use client";

import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from "@tanstack/react-table";
import { useMemo } from "react";
import { DateCell } from "@/components/console/date-cell";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
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
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({ data: rows, columns, getCoreRowModel: getCoreRowModel(), getRowId: (row) => row.name });

  return (
    <Table className="min-w-[32rem] table-fixed">
      <TableHeader>
        {table.getHeaderGroups().map((group) => (
          <TableRow key={group.id} className="hover:bg-transparent">
            {group.headers.map((header) => (
              <TableHead key={header.id} className={COLUMN_CLASS[header.column.id]}>
                {flexRender(header.column.columnDef.header, header.getContext())}
              </TableHead>
            ))}
          </TableRow>
        ))}
      </TableHeader>
      <TableBody>
        {table.getRowModel().rows.map((row) => (
          <TableRow key={row.id}>
            {row.getVisibleCells().map((cell) => (
              <TableCell key={cell.id} className={cell.column.id === TABLE_COLUMN_IDS.name ? "truncate" : COLUMN_CLASS[cell.column.id]}>
                {flexRender(cell.column.columnDef.cell, cell.getContext())}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
