import { ChevronLeft } from "lucide-react";
import type { Metadata, Route } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { lifecycleItems } from "@/components/console/credential-lifecycle";
import { CredentialStatusBadge } from "@/components/console/credential-status";
import { CredentialTimeline } from "@/components/console/credential-timeline";
import { DateCell } from "@/components/console/date-cell";
import { DetailsCard, WhenBy } from "@/components/console/detail-list";
import { InvalidQueryAlert } from "@/components/console/invalid-query-alert";
import { PageHeader } from "@/components/console/page-header";
import { Badge } from "@/components/ui/badge";
import { getApiKeyDetail, getCredentialTimeline } from "@/lib/dal/credential-activity";
import { DalError } from "@/lib/dal/errors";
import { requireProject } from "@/lib/dal/projects";
import { timelineParamsSchema } from "@/lib/validations/audit-log";

export const metadata: Metadata = { title: "API key" };

export default async function ApiKeyPage({ params, searchParams }: PageProps<"/[orgSlug]/[projectSlug]/api-keys/[keyId]">) {
  const [{ orgSlug, projectSlug, keyId }, query] = await Promise.all([params, searchParams]);
  const { ctx } = await requireProject(orgSlug, projectSlug);
  const now = new Date();
  // Keys of other organizations or projects, and ids that never existed, are the same 404.
  const key = await getApiKeyDetail(ctx, { projectSlug, keyId }, now).catch((error: unknown) => {
    if (error instanceof DalError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const base = `/${ctx.organizationSlug}/${projectSlug}/api-keys/${key.id}`;
  const parsed = timelineParamsSchema.safeParse({ before: typeof query.before === "string" ? query.before : undefined });
  const timeline = parsed.success ? await getCredentialTimeline(ctx, { type: "api_key", id: key.id }, parsed.data.before ? new Date(parsed.data.before) : now) : null;
  const listHref = `/${ctx.organizationSlug}/${projectSlug}/api-keys?env=${encodeURIComponent(key.environment)}`;

  return (
    <>
      <PageHeader
        title={key.name}
        breadcrumb={
          <Link href={listHref as Route} className="inline-flex items-center gap-1 hover:text-foreground">
            <ChevronLeft className="size-4" aria-hidden />
            API Keys
          </Link>
        }
        description={
          <>
            {key.kind === "secret" ? "Secret key" : "Publishable key"} of <span className="font-medium text-foreground">{key.project.name}</span> in the{" "}
            <span className="font-mono font-medium text-foreground">{key.environment}</span> environment.
          </>
        }
      />
      <div className="grid gap-8 px-6 py-8 lg:px-10">
        <DetailsCard
          label="Key details"
          items={[
            { label: "Name", value: <span className="font-medium">{key.name}</span> },
            {
              label: "Type",
              value: (
                <Badge variant="outline" className="font-mono">
                  {key.kind === "secret" ? "sk · secret" : "pk · publishable"}
                </Badge>
              ),
            },
            { label: "Key", value: <code className="font-mono text-xs">{key.maskedKey}</code> },
            { label: "Environment", value: <span className="font-mono">{key.environment}</span> },
            ...(key.kind === "secret"
              ? lifecycleItems(key, {
                  orgSlug: ctx.organizationSlug,
                  hrefOf: (id) => `/${ctx.organizationSlug}/${projectSlug}/api-keys/${id}`,
                  noRoles: "None: every table and row of its environment",
                })
              : []),
            { label: "Created", value: <WhenBy at={key.createdAt} by={key.createdBy} now={now} /> },
            { label: "Expires", value: <DateCell value={key.expiresAt} now={now} empty="Never" /> },
            { label: "Last used", value: <DateCell value={key.lastUsedAt} now={now} empty="Never" /> },
            { label: "Status", value: <CredentialStatusBadge status={key.status} /> },
            ...(key.deletedAt ? [{ label: "Deleted", value: <WhenBy at={key.deletedAt} by={key.deletedBy} now={now} /> }] : []),
            { label: "Key ID", value: <code className="font-mono text-xs text-muted-foreground">{key.id}</code> },
          ]}
        />
        {timeline ? <CredentialTimeline timeline={timeline} now={now} base={base} /> : null}
        {!parsed.success ? <InvalidQueryAlert error={parsed.error} resetHref={base} resetLabel="Show the latest activity" /> : null}
      </div>
    </>
  );
}
