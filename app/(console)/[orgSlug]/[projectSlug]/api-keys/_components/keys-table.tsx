"use client";

import type { Route } from "next";
import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import { Lock } from "lucide-react";
import { useMemo } from "react";
import { toast } from "sonner";
import { DateCell } from "@/components/console/date-cell";
import { DataTable } from "@/components/console/data-table";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import type { ApiKeyRow } from "@/lib/dal/api-keys";
import { useCopyToClipboard } from "@/lib/hooks/use-copy-to-clipboard";
import { DeleteKeyDialog } from "./delete-key-dialog";

export const API_KEY_COLUMN_IDS = {
  name: "name",
  key: "key",
  createdAt: "createdAt",
  lastUsedAt: "lastUsedAt",
  actions: "actions",
} as const;

// Fixed widths, so the Publishable and Secret tables line up column for column.
const COLUMN_CLASS: Record<string, string> = {
  [API_KEY_COLUMN_IDS.name]: "w-[24%]",
  [API_KEY_COLUMN_IDS.createdAt]: "w-32",
  [API_KEY_COLUMN_IDS.lastUsedAt]: "w-32",
  [API_KEY_COLUMN_IDS.actions]: "w-28 text-right",
};

interface KeysTableProps {
  rows: ApiKeyRow[];
  now: Date;
  canWrite: boolean;
  orgSlug: string;
  projectSlug: string;
}

export function KeysTable({ rows, now, canWrite, orgSlug, projectSlug }: KeysTableProps) {
  const columns = useMemo<ColumnDef<ApiKeyRow>[]>(
    () => [
      {
        id: API_KEY_COLUMN_IDS.name,
        header: "Name",
        cell: ({ row }) => (
          <Link
            href={`/${orgSlug}/${projectSlug}/api-keys/${row.original.id}` as Route}
            className="font-medium underline-offset-4 outline-none hover:underline focus-visible:underline"
            title={`${row.original.name}: details and activity`}
          >
            {row.original.name}
          </Link>
        ),
      },
      {
        id: API_KEY_COLUMN_IDS.key,
        header: "Key",
        cell: ({ row }) => <KeyValue row={row.original} />,
      },
      {
        id: API_KEY_COLUMN_IDS.createdAt,
        header: "Created",
        cell: ({ row }) => <DateCell value={row.original.createdAt} now={now} />,
      },
      {
        id: API_KEY_COLUMN_IDS.lastUsedAt,
        header: "Last used",
        cell: ({ row }) => <DateCell value={row.original.lastUsedAt} now={now} empty="Never" />,
      },
      {
        id: API_KEY_COLUMN_IDS.actions,
        header: () => <span className="sr-only">Actions</span>,
        cell: ({ row }) =>
          canWrite ? <DeleteKeyDialog keyId={row.original.id} keyName={row.original.name} orgSlug={orgSlug} projectSlug={projectSlug} /> : null,
      },
    ],
    [now, canWrite, orgSlug, projectSlug],
  );

  // Paging happens on the server; the table renders one page and never sorts client-side.
  return (
    <DataTable
      rows={rows}
      columns={columns}
      getRowId={(row) => row.id}
      className="min-w-[44rem]"
      headClass={COLUMN_CLASS}
      cellClass={{ [API_KEY_COLUMN_IDS.name]: "truncate", [API_KEY_COLUMN_IDS.actions]: "text-right" }}
    />
  );
}

/** Publishable keys: the whole value, copied on click. Secret keys: masked, never copyable. */
function KeyValue({ row }: { row: ApiKeyRow }) {
  const { copyToClipboard } = useCopyToClipboard();
  if (row.publicValue) {
    const value = row.publicValue;
    return (
      <button
        type="button"
        onClick={async () => {
          if (await copyToClipboard(value)) toast.success("Publishable key copied", { description: row.name });
          else toast.error("Could not copy — your browser blocked clipboard access");
        }}
        aria-label={`Copy publishable key ${row.name}`}
        title="Click to copy"
        className="max-w-full truncate rounded-md bg-muted px-2 py-1 font-mono text-xs transition-colors outline-none hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring"
      >
        {value}
      </button>
    );
  }
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <span tabIndex={0} className="inline-flex items-center gap-1.5 rounded-md px-2 py-1 font-mono text-xs text-muted-foreground outline-none focus-visible:ring-2 focus-visible:ring-ring">
          <Lock className="size-3" aria-hidden />
          {row.maskedKey}
        </span>
      </TooltipTrigger>
      <TooltipContent>Secret keys are shown only once, when created.</TooltipContent>
    </Tooltip>
  );
}
