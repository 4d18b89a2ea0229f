import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { can } from "@/lib/auth/permissions";
import { requireProject } from "@/lib/dal/projects";
import { getLogRetention } from "@/lib/dal/request-logs";
import { AddEnvironmentForm } from "./_components/add-environment-form";
import { RetentionForm } from "./_components/retention-form";

export const metadata: Metadata = { title: "Settings" };

const createdFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });

export default async function ProjectSettingsPage({ params }: PageProps<"/[orgSlug]/[projectSlug]/settings">) {
  const { orgSlug, projectSlug } = await params;
  const { ctx, project } = await requireProject(orgSlug, projectSlug);
  const retentionDays = await getLogRetention(ctx, project.slug);
  return (
    <>
      <PageHeader title="Settings" description={`General settings of ${project.name}.`} />
      <div className="grid max-w-4xl gap-8 px-6 py-8 lg:px-10">
        <Card>
          <CardHeader>
            <CardTitle className="text-base">Project</CardTitle>
            <CardDescription>Send the Project ID as the X-Project-Id header where a credential does not imply its project.</CardDescription>
          </CardHeader>
          <CardContent>
            <dl className="grid gap-5 text-sm sm:grid-cols-[10rem_1fr]">
              <dt className="text-muted-foreground">Name</dt>
              <dd className="font-medium">{project.name}</dd>
              <dt className="self-center text-muted-foreground">Project ID</dt>
              <dd className="flex items-center gap-1">
                <code className="rounded-md bg-muted px-2 py-1 font-mono text-sm" data-testid="project-id">
                  {project.publicId}
                </code>
                <CopyButton value={project.publicId} aria-label="Copy Project ID" />
              </dd>
              <dt className="text-muted-foreground">Created</dt>
              <dd>{createdFormat.format(project.createdAt)}</dd>
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle className="text-base">Environments</CardTitle>
            <CardDescription>Each environment has its own keys; a key from one environment is not valid in another.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-6">
            <ul className="flex flex-wrap gap-2" aria-label="Environments">
              {project.environments.map((env) => (
                <li key={env.id}>
                  <Badge variant="secondary" className="font-mono text-sm">
                    {env.slug}
                  </Badge>
                </li>
              ))}
            </ul>
            {can(ctx.role, "environment:create") ? <AddEnvironmentForm orgSlug={ctx.organizationSlug} projectSlug={project.slug} /> : null}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle className="text-base">Request log retention</CardTitle>
            <CardDescription>How long the Logs page keeps each authenticated request of this project, in every environment.</CardDescription>
          </CardHeader>
          <CardContent>
            <RetentionForm orgSlug={ctx.organizationSlug} projectSlug={project.slug} days={retentionDays} canEdit={can(ctx.role, "project:update")} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
