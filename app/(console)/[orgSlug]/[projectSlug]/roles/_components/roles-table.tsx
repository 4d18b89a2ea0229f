"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { useMemo } from "react";
import { DateCell } from "@/components/console/date-cell";
import { DataTable } from "@/components/console/data-table";
import { ALL_TABLES, type Grant } from "@/lib/access/permissions";
import type { KeyRoleRow } from "@/lib/dal/key-roles";
import { DeleteRoleDialog } from "./delete-role-dialog";
import { grantSummaryParts } from "./grants.utils";
import { RoleDialog } from "./role-dialog";

export const ROLE_COLUMN_IDS = {
  name: "name",
  grants: "grants",
  assigned: "assigned",
  updatedAt: "updatedAt",
  actions: "actions",
} as const;

const COLUMN_CLASS: Record<string, string> = {
  [ROLE_COLUMN_IDS.name]: "w-[24%]",
  [ROLE_COLUMN_IDS.assigned]: "w-36 text-right",
  [ROLE_COLUMN_IDS.updatedAt]: "w-32",
  [ROLE_COLUMN_IDS.actions]: "w-40 text-right",
};

export interface RolePermissions {
  update: boolean;
  delete: boolean;
}

interface RolesTableProps {
  rows: KeyRoleRow[];
  now: Date;
  can: RolePermissions;
  orgSlug: string;
  projectSlug: string;
  tableNames: string[];
}

export function RolesTable({ rows, now, can, orgSlug, projectSlug, tableNames }: RolesTableProps) {
  const columns = useMemo<ColumnDef<KeyRoleRow>[]>(
    () => [
      {
        id: ROLE_COLUMN_IDS.name,
        header: "Name",
        cell: ({ row }) => (
          <div className="grid gap-0.5">
            <span className="truncate font-medium">{row.original.name}</span>
            {row.original.description ? <span className="line-clamp-2 text-xs whitespace-normal text-muted-foreground">{row.original.description}</span> : null}
          </div>
        ),
      },
      {
        id: ROLE_COLUMN_IDS.grants,
        header: "Permissions",
        cell: ({ row }) => (
          <ul className="grid gap-1 text-sm whitespace-normal" aria-label={`Permissions of ${row.original.name}`}>
            {row.original.grants.map((grant, index) => (
              <GrantSummary key={index} grant={grant} />
            ))}
          </ul>
        ),
      },
      {
        id: ROLE_COLUMN_IDS.assigned,
        header: "Held by",
        cell: ({ row }) => {
          const count = row.original.assignedCount;
          return (
            <span className={count === 0 ? "text-muted-foreground" : "tabular-nums"} title="Live secret keys and access tokens holding this role">
              {count === 0 ? "None" : `${count.toLocaleString("en-US")} ${count === 1 ? "key or token" : "keys or tokens"}`}
            </span>
          );
        },
      },
      {
        id: ROLE_COLUMN_IDS.updatedAt,
        header: "Updated",
        cell: ({ row }) => <DateCell value={row.original.updatedAt} now={now} />,
      },
      {
        id: ROLE_COLUMN_IDS.actions,
        header: () => <span className="sr-only">Actions</span>,
        cell: ({ row }) =>
          can.update || can.delete ? (
            <div className="flex justify-end gap-1">
              {can.update ? <RoleDialog role={row.original} orgSlug={orgSlug} projectSlug={projectSlug} tableNames={tableNames} /> : null}
              {can.delete ? <DeleteRoleDialog role={row.original} orgSlug={orgSlug} projectSlug={projectSlug} /> : null}
            </div>
          ) : null,
      },
    ],
    [now, can, orgSlug, projectSlug, tableNames],
  );

  // A project holds at most 100 roles: all are rendered, sorted by name on the server.
  return (
    <DataTable
      rows={rows}
      columns={columns}
      getRowId={(row) => row.id}
      className="min-w-[56rem]"
      headClass={COLUMN_CLASS}
      cellClass={COLUMN_CLASS}
    />
  );
}

/** "orders: Read, Update where customerId = context.customerId", with the names set in code type. */
function GrantSummary({ grant }: { grant: Grant }) {
  const { table, actions, conditions } = grantSummaryParts(grant);
  return (
    <li className="break-words">
      <code className="font-mono text-[0.8125rem] font-medium" title={table === ALL_TABLES ? "All tables" : undefined}>
        {table}
      </code>
      : {actions}
      {conditions.length > 0 ? (
        <>
          <span className="text-muted-foreground"> where </span>
          {conditions.map((condition, index) => (
            <span key={index}>
              {index > 0 ? <span className="text-muted-foreground"> and </span> : null}
              <code className="rounded bg-muted px-1 py-0.5 font-mono text-xs whitespace-nowrap">{condition}</code>
            </span>
          ))}
        </>
      ) : null}
    </li>
  );
}
