import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { EnvironmentSwitcher } from "@/components/console/environment-switcher";
import { PageHeader } from "@/components/console/page-header";
import { listEnvironmentTables } from "@/lib/dal/request-logs";
import { requireProject } from "@/lib/dal/projects";
import { requestOrigin } from "@/lib/navigation/request-origin";
import { TablesSection } from "./_components/tables-section";

export const metadata: Metadata = { title: "Tables" };

export default async function TablesPage({ params, searchParams }: PageProps<"/[orgSlug]/[projectSlug]/tables">) {
  const [{ orgSlug, projectSlug }, query] = await Promise.all([params, searchParams]);
  const { ctx, project } = await requireProject(orgSlug, projectSlug);
  const environment = typeof query.env === "string" ? query.env : (project.environments[0]?.slug ?? "dev");
  if (!project.environments.some((env) => env.slug === environment)) notFound();

  const [tables, origin] = await Promise.all([
    listEnvironmentTables(ctx, { project: project.slug, environment }),
    headers().then(requestOrigin),
  ]);

  return (
    <>
      <PageHeader
        title="Tables"
        description={
          <>
            Data API tables of <span className="font-medium text-foreground">{project.name}</span> in the{" "}
            <span className="font-mono font-medium text-foreground">{environment}</span> environment. Each environment has its own tables.
          </>
        }
        actions={<EnvironmentSwitcher environments={project.environments.map((env) => env.slug)} current={environment} />}
      />
      <div className="grid gap-8 px-6 py-8 lg:px-10">
        <TablesSection tables={tables} now={new Date()} environment={environment} projectPublicId={project.publicId} origin={origin} />
      </div>
    </>
  );
}
