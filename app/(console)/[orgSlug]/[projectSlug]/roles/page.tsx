import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { can } from "@/lib/auth/permissions";
import { listKeyRoles, listProjectTableNames } from "@/lib/dal/key-roles";
import { requireProject } from "@/lib/dal/projects";
import { RolesSection } from "./_components/roles-section";

export const metadata: Metadata = { title: "Roles" };

export default async function RolesPage({ params }: PageProps<"/[orgSlug]/[projectSlug]/roles">) {
  const { orgSlug, projectSlug } = await params;
  const { ctx, project } = await requireProject(orgSlug, projectSlug);
  const [roles, tableNames] = await Promise.all([listKeyRoles(ctx, { projectSlug }), listProjectTableNames(ctx, { projectSlug })]);
  // Mirrors the DAL's checks only to hide controls; the actions are refused anyway.
  const permissions = { create: can(ctx.role, "role:create"), update: can(ctx.role, "role:update"), delete: can(ctx.role, "role:delete") };

  return (
    <>
      <PageHeader
        title="Roles"
        description={
          <>
            What secret keys and tokens of <span className="font-medium text-foreground">{project.name}</span> may do with your data. A key or token
            without roles keeps its defaults; with roles, it may do only what they grant.
          </>
        }
      />
      <div className="grid gap-8 px-6 py-8 lg:px-10">
        <RolesSection roles={roles} now={new Date()} can={permissions} orgSlug={ctx.organizationSlug} projectSlug={project.slug} tableNames={tableNames} />
      </div>
    </>
  );
}
