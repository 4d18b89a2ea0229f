import { ShieldHalf } from "lucide-react";
import { Card, CardAction, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { KeyRoleRow } from "@/lib/dal/key-roles";
import { RoleDialog } from "./role-dialog";
import { RolesTable, type RolePermissions } from "./roles-table";

interface RolesSectionProps {
  roles: KeyRoleRow[];
  now: Date;
  can: RolePermissions & { create: boolean };
  orgSlug: string;
  projectSlug: string;
  tableNames: string[];
}

export function RolesSection({ roles, now, can, orgSlug, projectSlug, tableNames }: RolesSectionProps) {
  const newRole = <RoleDialog orgSlug={orgSlug} projectSlug={projectSlug} tableNames={tableNames} disabled={!can.create} />;
  return (
    <section aria-labelledby="roles-heading">
      <Card className="gap-0 overflow-hidden py-0">
        <CardHeader className="border-b py-5">
          <CardTitle id="roles-heading" className="flex items-center gap-2 text-base">
            <ShieldHalf className="size-4 text-muted-foreground" aria-hidden />
            Roles
            {roles.length > 0 ? <span className="text-sm font-normal text-muted-foreground tabular-nums">{roles.length.toLocaleString("en-US")}</span> : null}
          </CardTitle>
          <CardDescription>Data permissions per table, optionally limited to matching rows. They apply in every environment of the project.</CardDescription>
          {roles.length > 0 ? <CardAction>{newRole}</CardAction> : null}
        </CardHeader>
        {roles.length === 0 ? (
          <div className="p-6">
            <EmptyState
              icon={<ShieldHalf />}
              title="No roles yet"
              description={
                <>
                  A role grants Read / Write / Update / Delete per table, optionally only on rows matching a filter. Assign roles to secret keys and tokens to
                  restrict them.
                  {can.create ? null : " Ask an owner or admin to create one."}
                </>
              }
              action={newRole}
              className="min-h-40"
            />
          </div>
        ) : (
          <RolesTable rows={roles} now={now} can={can} orgSlug={orgSlug} projectSlug={projectSlug} tableNames={tableNames} />
        )}
      </Card>
    </section>
  );
}
