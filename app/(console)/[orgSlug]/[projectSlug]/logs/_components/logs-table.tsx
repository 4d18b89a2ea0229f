"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useMemo } from "react";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/console/data-table";
import { IpCell } from "@/components/console/ip-cell";
import type { RequestLogRow } from "@/lib/dal/request-logs";

export const LOG_COLUMN_IDS = {
  time: "time",
  key: "key",
  method: "method",
  path: "path",
  status: "status",
  latency: "latency",
  ip: "ip",
} as const;

const COLUMN_CLASS: Record<string, string> = {
  [LOG_COLUMN_IDS.time]: "w-48",
  [LOG_COLUMN_IDS.key]: "w-[18%]",
  [LOG_COLUMN_IDS.method]: "w-24",
  [LOG_COLUMN_IDS.status]: "w-20",
  [LOG_COLUMN_IDS.latency]: "w-24 text-right",
  [LOG_COLUMN_IDS.ip]: "w-36",
};

const KIND_LABEL: Record<RequestLogRow["credentialKind"], string> = { publishable: "pk", secret: "sk", access_token: "token" };

function statusVariant(status: number): "success" | "warning" | "destructive" | "secondary" {
  if (status >= 500) return "destructive";
  if (status >= 400) return "warning";
  if (status >= 200 && status < 300) return "success";
  return "secondary";
}

export function LogsTable({ rows, now }: { rows: RequestLogRow[]; now: Date }) {
  const columns = useMemo<ColumnDef<RequestLogRow>[]>(
    () => [
      {
        id: LOG_COLUMN_IDS.time,
        header: "Time",
        // A log reads by exact time (bursts all happened "just now"); the relative age is on hover.
        cell: ({ row }) => <LogTime value={row.original.createdAt} now={now} />,
      },
      {
        id: LOG_COLUMN_IDS.key,
        header: "Key",
        cell: ({ row }) => (
          <span className="flex min-w-0 items-center gap-2">
            <span className="truncate font-medium" title={row.original.credentialName}>
              {row.original.credentialName}
            </span>
            <Badge variant="outline" className="font-mono" title={row.original.credentialKind.replace("_", " ")}>
              {KIND_LABEL[row.original.credentialKind]}
            </Badge>
          </span>
        ),
      },
      {
        id: LOG_COLUMN_IDS.method,
        header: "Method",
        cell: ({ row }) => (
          <Badge variant="secondary" className="font-mono">
            {row.original.method}
          </Badge>
        ),
      },
      {
        id: LOG_COLUMN_IDS.path,
        header: "Path",
        cell: ({ row }) => (
          <span className="block truncate font-mono text-xs" title={row.original.path}>
            {row.original.path}
          </span>
        ),
      },
      {
        id: LOG_COLUMN_IDS.status,
        header: "Status",
        cell: ({ row }) => (
          <Badge variant={statusVariant(row.original.status)} className="font-mono tabular-nums">
            {row.original.status}
          </Badge>
        ),
      },
      {
        id: LOG_COLUMN_IDS.latency,
        header: "Latency",
        cell: ({ row }) => <span className="tabular-nums">{row.original.latencyMs.toLocaleString("en-US")} ms</span>,
      },
      {
        id: LOG_COLUMN_IDS.ip,
        header: "IP",
        cell: ({ row }) => <IpCell ip={row.original.ip} />,
      },
    ],
    [now],
  );

  // Paging and filtering happen on the server; the table renders one page as it came.
  return (
    <DataTable
      rows={rows}
      columns={columns}
      getRowId={(row) => row.id}
      className="min-w-[56rem]"
      headClass={COLUMN_CLASS}
      cellClass={{ [LOG_COLUMN_IDS.latency]: "text-right" }}
    />
  );
}

const logTime = new Intl.DateTimeFormat("en-US", {
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

function LogTime({ value, now }: { value: Date; now: Date }) {
  const seconds = Math.max(0, Math.round((now.getTime() - value.getTime()) / 1000));
  const ago = seconds < 60 ? `${seconds} s ago` : seconds < 3600 ? `${Math.floor(seconds / 60)} min ago` : `${Math.floor(seconds / 3600)} h ago`;
  return (
    <time dateTime={value.toISOString()} title={ago} className="font-mono text-xs whitespace-nowrap tabular-nums">
      {logTime.format(value)} UTC
    </time>
  );
}
