"use client";

import type { Route } from "next";
import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import { Lock } from "lucide-react";
import { useCallback, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import { DateCell } from "@/components/console/date-cell";
import { DataTable } from "@/components/console/data-table";
import { EditCredentialDialog } from "@/components/console/edit-credential-dialog";
import { ExpiryCell } from "@/components/console/expiry-badge";
import { useOneTimeSecretDialog } from "@/components/console/one-time-secret";
import type { RoleOption } from "@/components/console/role-picker";
import { RoleBadges } from "@/components/console/role-badges";
import { RollKeyDialog } from "@/components/console/roll-key-dialog";
import { RotationStatus } from "@/components/console/rotation-status";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import type { ApiKeyRow } from "@/lib/dal/api-keys";
import { useCopyToClipboard } from "@/lib/hooks/use-copy-to-clipboard";
import { editApiKeyAction, rollApiKeyAction } from "../actions";
import { SECRET_WITHOUT_ROLES } from "./create-key-dialog";
import { DeleteKeyDialog } from "./delete-key-dialog";
import { KeyRowActions, type KeyDialogKind } from "./key-row-actions";

export const API_KEY_COLUMN_IDS = {
  name: "name",
  key: "key",
  roles: "roles",
  expiresAt: "expiresAt",
  createdAt: "createdAt",
  lastUsedAt: "lastUsedAt",
  actions: "actions",
} as const;

// Fixed widths, so the Publishable and Secret tables line up column for column.
const COLUMN_CLASS: Record<string, string> = {
  [API_KEY_COLUMN_IDS.name]: "w-[24%]",
  [API_KEY_COLUMN_IDS.roles]: "w-[16%]",
  [API_KEY_COLUMN_IDS.expiresAt]: "w-36",
  [API_KEY_COLUMN_IDS.createdAt]: "w-28",
  [API_KEY_COLUMN_IDS.lastUsedAt]: "w-28",
  [API_KEY_COLUMN_IDS.actions]: "w-14 text-right",
};

interface KeysTableProps {
  rows: ApiKeyRow[];
  now: Date;
  canWrite: boolean;
  orgSlug: string;
  projectSlug: string;
  environment: string;
  /** The project's roles, for the Edit dialog. */
  roles: RoleOption[];
  /** Requests in the last hour of each rolled key on this page. */
  traffic: Record<string, number>;
  warningDays: number;
}

export function KeysTable({ rows, now, canWrite, orgSlug, projectSlug, environment, roles, traffic, warningDays }: KeysTableProps) {
  const [dialog, setDialog] = useState<{ kind: Exclude<KeyDialogKind, "roll">; row: ApiKeyRow } | null>(null);
  const [open, setOpen] = useState(false);
  const [rolling, setRolling] = useState<ApiKeyRow | null>(null);
  const roll = useOneTimeSecretDialog();
  const openRoll = roll.onOpenChange;
  const returnFocus = useRef<HTMLElement | null>(null);
  const secret = rows.some((row) => row.kind === "secret");

  const openDialog = useCallback(
    (kind: KeyDialogKind, row: ApiKeyRow, trigger: HTMLElement | null) => {
      returnFocus.current = trigger;
      if (kind === "roll") {
        setRolling(row);
        openRoll(true);
        return;
      }
      setDialog({ kind, row });
      setOpen(true);
    },
    [openRoll],
  );
  const restoreFocus = useCallback((event: Event) => {
    // Opened from a menu that is gone by now: give focus back to the row's "⋯" button if it is still there.
    if (returnFocus.current?.isConnected) {
      event.preventDefault();
      returnFocus.current.focus();
    }
  }, []);

  const columns = useMemo<ColumnDef<ApiKeyRow>[]>(() => {
    const masked = new Map(rows.map((row) => [row.id, row.maskedKey]));
    return [
      {
        id: API_KEY_COLUMN_IDS.name,
        header: "Name",
        cell: ({ row }) => (
          <span className="grid min-w-0 gap-1">
            <Link
              href={`/${orgSlug}/${projectSlug}/api-keys/${row.original.id}` as Route}
              className="truncate font-medium underline-offset-4 outline-none hover:underline focus-visible:underline"
              title={`${row.original.name}: details and activity`}
            >
              {row.original.name}
            </Link>
            <RotationStatus
              noun="key"
              now={now}
              info={{
                rolled: row.original.rolledToId !== null && row.original.status === "active",
                expiresAt: row.original.expiresAt,
                overlapAfterFirstUseSeconds: row.original.overlapAfterFirstUseSeconds,
                replacedBy: row.original.rolledToId ? (masked.get(row.original.rolledToId) ?? null) : null,
                replaces: row.original.rolledFromId ? (masked.get(row.original.rolledFromId) ?? null) : null,
                requestsLastHour: traffic[row.original.id] ?? 0,
              }}
            />
          </span>
        ),
      },
      {
        id: API_KEY_COLUMN_IDS.key,
        header: "Key",
        cell: ({ row }) => <KeyValue row={row.original} />,
      },
      ...(secret
        ? [
            {
              id: API_KEY_COLUMN_IDS.roles,
              header: "Roles",
              cell: ({ row }) => <RoleBadges roles={row.original.roles} empty="All access" />,
            } satisfies ColumnDef<ApiKeyRow>,
          ]
        : []),
      {
        id: API_KEY_COLUMN_IDS.expiresAt,
        header: "Expires",
        cell: ({ row }) => <ExpiryCell expiresAt={row.original.expiresAt} now={now} warningDays={warningDays} quiet={row.original.rolledToId !== null} />,
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
        cell: ({ row }) => {
          if (!canWrite) return null;
          const active = row.original.status === "active";
          const isSecret = row.original.kind === "secret";
          return (
            <KeyRowActions
              keyName={row.original.name}
              editable={isSecret && active}
              rollable={isSecret && active && row.original.rolledToId === null}
              onOpen={(kind, trigger) => openDialog(kind, row.original, trigger)}
            />
          );
        },
      },
    ];
  }, [rows, secret, now, canWrite, traffic, warningDays, openDialog, orgSlug, projectSlug]);

  const target = (row: ApiKeyRow) => ({ orgSlug, projectSlug, environment, keyId: row.id });
  return (
    <>
      {/* Paging happens on the server; the table renders one page and never sorts client-side. */}
      <DataTable
        rows={rows}
        columns={columns}
        getRowId={(row) => row.id}
        className="min-w-[56rem]"
        headClass={COLUMN_CLASS}
        cellClass={{ [API_KEY_COLUMN_IDS.name]: "truncate whitespace-normal", [API_KEY_COLUMN_IDS.roles]: "whitespace-normal", [API_KEY_COLUMN_IDS.actions]: "text-right" }}
      />
      {dialog?.kind === "edit" ? (
        <EditCredentialDialog
          key={dialog.row.id}
          noun="key"
          credential={dialog.row}
          roleGroups={[{ roles }]}
          rolesHref={`/${orgSlug}/${projectSlug}/roles`}
          withoutRoles={SECRET_WITHOUT_ROLES}
          canNever
          action={editApiKeyAction.bind(null, target(dialog.row))}
          open={open}
          onOpenChange={setOpen}
          onCloseAutoFocus={restoreFocus}
        />
      ) : null}
      {dialog?.kind === "delete" ? (
        <DeleteKeyDialog
          key={dialog.row.id}
          keyId={dialog.row.id}
          keyName={dialog.row.name}
          orgSlug={orgSlug}
          projectSlug={projectSlug}
          open={open}
          onOpenChange={setOpen}
          onCloseAutoFocus={restoreFocus}
        />
      ) : null}
      {rolling ? (
        <RollKeyDialog noun="key" name={rolling.name} action={rollApiKeyAction.bind(null, target(rolling))} controller={roll} onCloseAutoFocus={restoreFocus} />
      ) : null}
    </>
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
        <span tabIndex={0} className="inline-flex max-w-full items-center gap-1.5 rounded-md px-2 py-1 font-mono text-xs text-muted-foreground outline-none focus-visible:ring-2 focus-visible:ring-ring">
          <Lock className="size-3 shrink-0" aria-hidden />
          <span className="truncate">{row.maskedKey}</span>
        </span>
      </TooltipTrigger>
      <TooltipContent>Secret keys are shown only once, when created.</TooltipContent>
    </Tooltip>
  );
}
