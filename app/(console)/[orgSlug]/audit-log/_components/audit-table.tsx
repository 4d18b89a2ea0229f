"use client";

import type { ColumnDef } from "@tanstack/react-table";
import type { Route } from "next";
import Link from "next/link";
import { useMemo } from "react";
import { DataTable } from "@/components/console/data-table";
import { DateCell } from "@/components/console/date-cell";
import { IpCell } from "@/components/console/ip-cell";
import { Badge } from "@/components/ui/badge";
import type { AuditEventRow } from "@/lib/dal/audit-log";
import { auditActionLabel } from "@/lib/validations/audit-log";

export const AUDIT_COLUMN_IDS = {
  time: "time",
  actor: "actor",
  action: "action",
  target: "target",
  ip: "ip",
} as const;

const COLUMN_CLASS: Record<string, string> = {
  [AUDIT_COLUMN_IDS.time]: "w-36",
  [AUDIT_COLUMN_IDS.actor]: "w-[22%]",
  [AUDIT_COLUMN_IDS.action]: "w-48",
  [AUDIT_COLUMN_IDS.ip]: "w-36",
};

const TARGET_TYPE_LABEL: Record<string, string> = {
  api_key: "API key",
  access_token: "Access token",
  project: "Project",
  environment: "Environment",
  organization: "Organization",
  user: "User",
  role: "Role",
};

/** Deletions and revocations stand out; everything else reads as neutral. */
function actionVariant(action: string): "destructive" | "secondary" {
  return action.endsWith(".deleted") || action.endsWith(".revoked") ? "destructive" : "secondary";
}

export function AuditTable({ rows, now }: { rows: AuditEventRow[]; now: Date }) {
  const columns = useMemo<ColumnDef<AuditEventRow>[]>(
    () => [
      {
        id: AUDIT_COLUMN_IDS.time,
        header: "Time",
        cell: ({ row }) => <DateCell value={row.original.createdAt} now={now} />,
      },
      {
        id: AUDIT_COLUMN_IDS.actor,
        header: "Actor",
        cell: ({ row }) => {
          const { actor } = row.original;
          const detail = actor.type === "user" ? actor.email : actor.type === "access_token" ? "Access token" : null;
          return (
            <span className="grid min-w-0">
              <span className="truncate font-medium" title={actor.name}>
                {actor.name}
              </span>
              {detail ? (
                <span className="truncate text-xs text-muted-foreground" title={detail}>
                  {detail}
                </span>
              ) : null}
            </span>
          );
        },
      },
      {
        id: AUDIT_COLUMN_IDS.action,
        header: "Action",
        cell: ({ row }) => (
          <Badge variant={actionVariant(row.original.action)} title={row.original.action}>
            {auditActionLabel(row.original.action)}
          </Badge>
        ),
      },
      {
        id: AUDIT_COLUMN_IDS.target,
        header: "Target",
        cell: ({ row }) => {
          const { target } = row.original;
          const where = [TARGET_TYPE_LABEL[target.type] ?? target.type, target.project, target.environment].filter(Boolean).join(" · ");
          return (
            <span className="grid min-w-0">
              {target.href ? (
                <Link href={target.href as Route} className="truncate font-medium underline-offset-4 hover:underline" title={target.name}>
                  {target.name}
                </Link>
              ) : (
                <span className="truncate font-medium" title={target.name}>
                  {target.name}
                </span>
              )}
              <span className="truncate text-xs text-muted-foreground">{where}</span>
            </span>
          );
        },
      },
      {
        id: AUDIT_COLUMN_IDS.ip,
        header: "IP",
        cell: ({ row }) => <IpCell ip={row.original.ip} />,
      },
    ],
    [now],
  );

  // Paging and filtering happen on the server; the table renders one page as it came.
  return <DataTable rows={rows} columns={columns} getRowId={(row) => row.id} className="min-w-[56rem]" headClass={COLUMN_CLASS} />;
}
