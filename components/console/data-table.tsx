"use client";

import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from "@tanstack/react-table";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";

interface DataTableProps<Row> {
  rows: Row[];
  columns: ColumnDef<Row>[];
  getRowId: (row: Row) => string;
  /** On the <table>: usually a min-width, below which the card scrolls sideways. */
  className?: string;
  /** Per column id: classes of its header cell (widths, alignment). */
  headClass?: Partial<Record<string, string>>;
  /** Per column id: classes of its body cells. */
  cellClass?: Partial<Record<string, string>>;
}

/**
 * One server-paged page of rows in a fixed-layout table. The console's lists page, sort and
 * filter on the server, so TanStack Table here only renders columns; the pages own the rest.
 */
export function DataTable<Row>({ rows, columns, getRowId, className, headClass = {}, cellClass = {} }: DataTableProps<Row>) {
  // (No React Compiler here, so its warning about memoizing TanStack Table does not apply.)
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({ data: rows, columns, getCoreRowModel: getCoreRowModel(), getRowId });
  return (
    <Table className={cn("table-fixed", className)}>
      <TableHeader>
        {table.getHeaderGroups().map((group) => (
          <TableRow key={group.id} className="hover:bg-transparent">
            {group.headers.map((header) => (
              <TableHead key={header.id} className={headClass[header.column.id]}>
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
              <TableCell key={cell.id} className={cellClass[cell.column.id]}>
                {flexRender(cell.column.columnDef.cell, cell.getContext())}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
