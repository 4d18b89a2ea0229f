"use client";

import type { Route } from "next";
import Link from "next/link";
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from "@tanstack/react-table";
import { useCallback, useMemo, useRef, useState } from "react";
import { DateCell } from "@/components/console/date-cell";
import { EditCredentialDialog } from "@/components/console/edit-credential-dialog";
import { ExpiryCell } from "@/components/console/expiry-badge";
import { useOneTimeSecretDialog } from "@/components/console/one-time-secret";
import { RoleBadges } from "@/components/console/role-badges";
import type { RoleGroup } from "@/components/console/role-picker";
import { RollKeyDialog } from "@/components/console/roll-key-dialog";
import { RotationStatus } from "@/components/console/rotation-status";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { canCreateNonExpiringToken, canCreateTokens, canRevokeToken } from "@/lib/auth/permissions";
import type { AccessTokenRow } from "@/lib/dal/access-tokens";
import type { Role } from "@/lib/generated/prisma/enums";
import { cn } from "@/lib/utils";
import { editAccessTokenAction, rollAccessTokenAction } from "../actions";
import { TOKEN_WITHOUT_ROLES } from "./create-token-dialog";
import { PermissionsDialog } from "./permissions-dialog";
import { RevokeTokenDialog } from "./revoke-token-dialog";
import { CreatedBy, InactiveStatus, ScopeChips, SortHeader, TypeBadge } from "./token-cells";
import type { TokenSortField, TokenTable } from "./token-list-url";
import { TokenRowActions, type TokenDialogKind } from "./token-row-actions";

export const ACCESS_TOKEN_COLUMN_IDS = {
  name: "name",
  type: "type",
  scopes: "scopes",
  roles: "roles",
  createdBy: "createdBy",
  lastUsedAt: "lastUsedAt",
  createdAt: "createdAt",
  expiresAt: "expiresAt",
  actions: "actions",
} as const;

const SORTABLE: Partial<Record<string, TokenSortField>> = {
  [ACCESS_TOKEN_COLUMN_IDS.name]: "name",
  [ACCESS_TOKEN_COLUMN_IDS.lastUsedAt]: "lastUsedAt",
  [ACCESS_TOKEN_COLUMN_IDS.createdAt]: "createdAt",
  [ACCESS_TOKEN_COLUMN_IDS.expiresAt]: "expiresAt",
};

// Fixed widths, so the Active and Inactive tables line up column for column; scopes take the rest.
const COLUMN_CLASS: Record<string, string> = {
  [ACCESS_TOKEN_COLUMN_IDS.name]: "w-[18%]",
  [ACCESS_TOKEN_COLUMN_IDS.type]: "w-32",
  [ACCESS_TOKEN_COLUMN_IDS.roles]: "w-28",
  [ACCESS_TOKEN_COLUMN_IDS.createdBy]: "w-36",
  [ACCESS_TOKEN_COLUMN_IDS.lastUsedAt]: "w-24",
  [ACCESS_TOKEN_COLUMN_IDS.createdAt]: "w-24",
  [ACCESS_TOKEN_COLUMN_IDS.expiresAt]: "w-36",
  [ACCESS_TOKEN_COLUMN_IDS.actions]: "w-14 text-right",
};

interface TokensTableProps {
  table: TokenTable;
  rows: AccessTokenRow[];
  /** Requests in the last hour of the rolled tokens among `rows`. */
  traffic: Record<string, number>;
  now: Date;
  sort: { field: TokenSortField; dir: "asc" | "desc" };
  sortHrefs: Record<TokenSortField, string>;
  orgSlug: string;
  viewer: { userId: string; role: Role };
  roleGroups: RoleGroup[];
  warningDays: number;
}

type OpenDialog = { kind: Exclude<TokenDialogKind, "roll">; row: AccessTokenRow };

/** Only to hide the items; the DAL applies the same rule (revoke, edit and roll alike) on the server. */
function canManage(viewer: TokensTableProps["viewer"], row: AccessTokenRow): boolean {
  return row.status === "active" && canRevokeToken(viewer.role, row.createdBy?.id === viewer.userId);
}

export function TokensTable({ table: kind, rows, traffic, now, sort, sortHrefs, orgSlug, viewer, roleGroups, warningDays }: TokensTableProps) {
  // One dialog of each kind per table; `dialog` outlives `open` so the closing animation keeps its text.
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [open, setOpen] = useState(false);
  const returnFocus = useRef<HTMLElement | null>(null);

  const [rolling, setRolling] = useState<AccessTokenRow | null>(null);
  const roll = useOneTimeSecretDialog();
  const openRoll = roll.onOpenChange;

  const openDialog = useCallback(
    (dialogKind: TokenDialogKind, row: AccessTokenRow, trigger: HTMLElement | null) => {
      returnFocus.current = trigger;
      if (dialogKind === "roll") {
        setRolling(row);
        openRoll(true);
        return;
      }
      setDialog({ kind: dialogKind, row });
      setOpen(true);
    },
    [openRoll],
  );
  const restoreFocus = useCallback(
    (event: Event) => {
      // Opened from a menu item that is gone by now: hand focus back to the row's "⋯" button,
      // or, when the row itself has gone (revoked), to this table's heading.
      const target = returnFocus.current?.isConnected ? returnFocus.current : document.getElementById(`${kind}-tokens-heading`);
      if (target) {
        event.preventDefault();
        target.focus();
      }
    },
    [kind],
  );

  const columns = useMemo<ColumnDef<AccessTokenRow>[]>(() => {
    const masked = new Map(rows.map((row) => [row.id, row.maskedToken]));
    return [
      {
        id: ACCESS_TOKEN_COLUMN_IDS.name,
        header: "Name",
        cell: ({ row }) => (
          <span className="grid min-w-0 gap-0.5">
            <Link
              href={`/${orgSlug}/access-tokens/${row.original.id}` as Route}
              className="truncate font-medium underline-offset-4 outline-none hover:underline focus-visible:underline"
              title={`${row.original.name}: details and activity`}
            >
              {row.original.name}
            </Link>
            {kind === "inactive" ? (
              <InactiveStatus row={row.original} />
            ) : (
              <>
                <span data-testid="masked-token" className="truncate font-mono text-[0.6875rem] text-muted-foreground">
                  {row.original.maskedToken}
                </span>
                <RotationStatus
                  noun="token"
                  now={now}
                  info={{
                    rolled: row.original.rolledToId !== null,
                    expiresAt: row.original.expiresAt,
                    overlapAfterFirstUseSeconds: row.original.overlapAfterFirstUseSeconds,
                    replacedBy: row.original.rolledToId ? (masked.get(row.original.rolledToId) ?? null) : null,
                    replaces: row.original.rolledFromId ? (masked.get(row.original.rolledFromId) ?? null) : null,
                    requestsLastHour: row.original.rolledToId !== null ? (traffic[row.original.id] ?? 0) : undefined,
                  }}
                />
              </>
            )}
          </span>
        ),
      },
      {
        id: ACCESS_TOKEN_COLUMN_IDS.type,
        header: "Type",
        cell: ({ row }) => <TypeBadge type={row.original.type} />,
      },
      {
        id: ACCESS_TOKEN_COLUMN_IDS.scopes,
        header: "Permission scopes",
        cell: ({ row }) => <ScopeChips scopes={row.original.scopes} onShowAll={(trigger) => openDialog("permissions", row.original, trigger)} />,
      },
      {
        id: ACCESS_TOKEN_COLUMN_IDS.roles,
        header: "Roles",
        cell: ({ row }) => <RoleBadges roles={row.original.roles} empty="Scopes only" />,
      },
      {
        id: ACCESS_TOKEN_COLUMN_IDS.createdBy,
        header: "Created by",
        cell: ({ row }) => <CreatedBy createdBy={row.original.createdBy} />,
      },
      {
        id: ACCESS_TOKEN_COLUMN_IDS.lastUsedAt,
        header: "Last used",
        cell: ({ row }) => <DateCell value={row.original.lastUsedAt} now={now} empty="Never" />,
      },
      {
        id: ACCESS_TOKEN_COLUMN_IDS.createdAt,
        header: "Created",
        cell: ({ row }) => <DateCell value={row.original.createdAt} now={now} />,
      },
      {
        id: ACCESS_TOKEN_COLUMN_IDS.expiresAt,
        header: "Expires",
        // On inactive rows the expiry no longer matters: shown, but muted.
        cell: ({ row }) =>
          kind === "active" ? (
            <ExpiryCell expiresAt={row.original.expiresAt} now={now} warningDays={warningDays} quiet={row.original.rolledToId !== null} />
          ) : (
            <span className="text-muted-foreground">
              <ExpiryCell expiresAt={row.original.expiresAt} now={now} warningDays={warningDays} quiet />
            </span>
          ),
      },
      {
        id: ACCESS_TOKEN_COLUMN_IDS.actions,
        header: () => <span className="sr-only">Actions</span>,
        cell: ({ row }) => (
          <TokenRowActions
            tokenName={row.original.name}
            canManage={canManage(viewer, row.original)}
            canRoll={canManage(viewer, row.original) && canCreateTokens(viewer.role) && row.original.rolledToId === null}
            onOpen={(dialogKind, trigger) => openDialog(dialogKind, row.original, trigger)}
          />
        ),
      },
    ];
  }, [rows, traffic, kind, now, viewer, warningDays, openDialog, orgSlug]);

  // Sorting, search and paging happen on the server; the table renders one page as given.
  // (No React Compiler here, so its warning about memoizing TanStack Table does not apply.)
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({ data: rows, columns, getCoreRowModel: getCoreRowModel(), getRowId: (row) => row.id });

  return (
    <>
      <Table className="min-w-[68rem] table-fixed">
        <TableHeader>
          {table.getHeaderGroups().map((group) => (
            <TableRow key={group.id} className="hover:bg-transparent">
              {group.headers.map((header) => {
                const field = SORTABLE[header.column.id];
                const direction = field && sort.field === field ? sort.dir : null;
                return (
                  <TableHead
                    key={header.id}
                    className={COLUMN_CLASS[header.column.id]}
                    aria-sort={field ? (direction === "asc" ? "ascending" : direction === "desc" ? "descending" : "none") : undefined}
                  >
                    {field ? (
                      <SortHeader label={String(header.column.columnDef.header)} href={sortHrefs[field]} direction={direction} />
                    ) : (
                      flexRender(header.column.columnDef.header, header.getContext())
                    )}
                  </TableHead>
                );
              })}
            </TableRow>
          ))}
        </TableHeader>
        <TableBody>
          {table.getRowModel().rows.map((row) => (
            <TableRow key={row.id} data-token-id={row.id}>
              {row.getVisibleCells().map((cell) => (
                <TableCell
                  key={cell.id}
                  className={cn(
                    // Scopes wrap; so does a rolled token's status under its name.
                    (cell.column.id === ACCESS_TOKEN_COLUMN_IDS.scopes || cell.column.id === ACCESS_TOKEN_COLUMN_IDS.name) && "whitespace-normal",
                    cell.column.id === ACCESS_TOKEN_COLUMN_IDS.actions && "text-right",
                  )}
                >
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {dialog?.kind === "permissions" ? (
        <PermissionsDialog token={dialog.row} open={open} onOpenChange={setOpen} onCloseAutoFocus={restoreFocus} />
      ) : null}
      {dialog?.kind === "edit" ? (
        <EditCredentialDialog
          key={dialog.row.id}
          noun="token"
          credential={dialog.row}
          roleGroups={roleGroups}
          withoutRoles={TOKEN_WITHOUT_ROLES}
          canNever={canCreateNonExpiringToken(viewer.role)}
          action={editAccessTokenAction.bind(null, { orgSlug, tokenId: dialog.row.id })}
          open={open}
          onOpenChange={setOpen}
          onCloseAutoFocus={restoreFocus}
        />
      ) : null}
      {rolling ? (
        <RollKeyDialog
          noun="token"
          name={rolling.name}
          action={rollAccessTokenAction.bind(null, { orgSlug, tokenId: rolling.id })}
          controller={roll}
          onCloseAutoFocus={restoreFocus}
        />
      ) : null}
      {dialog?.kind === "revoke" ? (
        <RevokeTokenDialog
          key={dialog.row.id}
          token={dialog.row}
          orgSlug={orgSlug}
          open={open}
          onOpenChange={setOpen}
          onCloseAutoFocus={restoreFocus}
        />
      ) : null}
    </>
  );
}
