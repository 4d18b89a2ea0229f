import type { Metadata } from "next";
import type { Route } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ScrollText } from "lucide-react";
import { EnvironmentSwitcher } from "@/components/console/environment-switcher";
import { PageHeader } from "@/components/console/page-header";
import { Pagination } from "@/components/console/pagination";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { getLogRetention, listLogCredentials, listRequestLogs } from "@/lib/dal/request-logs";
import { requireProject } from "@/lib/dal/projects";
import { fromDate, logListParamsSchema, type LogListParams } from "@/lib/validations/logs";
import { LogsFilters } from "./_components/logs-filters";
import { LogsTable } from "./_components/logs-table";

export const metadata: Metadata = { title: "Logs" };

export default async function LogsPage({ params, searchParams }: PageProps<"/[orgSlug]/[projectSlug]/logs">) {
  const [{ orgSlug, projectSlug }, query] = await Promise.all([params, searchParams]);
  const { ctx, project } = await requireProject(orgSlug, projectSlug);
  const environment = typeof query.env === "string" ? query.env : (project.environments[0]?.slug ?? "dev");
  if (!project.environments.some((env) => env.slug === environment)) notFound();

  const filters = logListParamsSchema.parse({
    key: typeof query.key === "string" && query.key !== "" ? query.key : undefined,
    status: typeof query.status === "string" && query.status !== "" ? query.status : undefined,
    from: typeof query.from === "string" && query.from !== "" ? query.from : undefined,
    to: typeof query.to === "string" && query.to !== "" ? query.to : undefined,
    page: query.page,
  });
  const now = new Date();
  const scope = { project: project.slug, environment };
  const [logs, credentials, retentionDays] = await Promise.all([
    listRequestLogs(ctx, {
      ...scope,
      credentialId: filters.key,
      status: filters.status,
      from: fromDate(filters.from, now),
      to: filters.to ? new Date(filters.to) : undefined,
      page: filters.page,
    }),
    listLogCredentials(ctx, scope),
    getLogRetention(ctx, project.slug),
  ]);

  const base = `/${orgSlug}/${projectSlug}/logs`;
  const hrefFor = (next: Partial<LogListParams>) => {
    const merged = { ...filters, ...next };
    const search = new URLSearchParams({ env: environment });
    if (merged.key) search.set("key", merged.key);
    if (merged.status !== undefined) search.set("status", String(merged.status));
    if (merged.from) search.set("from", merged.from);
    if (merged.to) search.set("to", merged.to);
    if (merged.page > 1) search.set("page", String(merged.page));
    return `${base}?${search}`;
  };
  const filtered = filters.key !== undefined || filters.status !== undefined || filters.from !== undefined || filters.to !== undefined;

  return (
    <>
      <PageHeader
        title="Logs"
        description={
          <>
            Authenticated requests to <span className="font-medium text-foreground">{project.name}</span> in the{" "}
            <span className="font-mono font-medium text-foreground">{environment}</span> environment. Requests are recorded within a second; kept for{" "}
            <span className="font-medium text-foreground tabular-nums">
              {retentionDays} {retentionDays === 1 ? "day" : "days"}
            </span>{" "}
            (change in{" "}
            <Link href={`/${orgSlug}/${projectSlug}/settings` as Route} className="underline underline-offset-4 hover:text-foreground">
              Settings
            </Link>
            ).
          </>
        }
        actions={<EnvironmentSwitcher environments={project.environments.map((env) => env.slug)} current={environment} />}
      />
      <div className="grid gap-8 px-6 py-8 lg:px-10">
        <section aria-labelledby="logs-heading">
          <Card className="gap-0 overflow-hidden py-0">
            <CardHeader className="border-b py-5">
              <CardTitle id="logs-heading" className="flex items-center gap-2 text-base">
                <ScrollText className="size-4 text-muted-foreground" aria-hidden />
                Requests
                {logs.total > 0 ? <span className="text-sm font-normal text-muted-foreground tabular-nums">{logs.total.toLocaleString("en-US")}</span> : null}
              </CardTitle>
              <CardDescription>Time, credential, method, path, status, latency and client IP of each request. Secrets are never logged.</CardDescription>
            </CardHeader>
            <LogsFilters
              base={base}
              environment={environment}
              credentials={credentials}
              current={{ key: filters.key ?? "", status: filters.status === undefined ? "" : String(filters.status), from: filters.from ?? "", to: filters.to ?? "" }}
            />
            {logs.total === 0 ? (
              <div className="p-6">
                <EmptyState
                  icon={<ScrollText />}
                  title={filtered ? "No requests match these filters" : `No requests in ${environment} yet`}
                  description={
                    filtered ? (
                      <Link href={hrefFor({ key: undefined, status: undefined, from: undefined, to: undefined, page: 1 }) as Route}>Clear the filters</Link>
                    ) : (
                      "Requests made with this environment's keys to the data API (/v1/…) and key verification appear here within a second."
                    )
                  }
                  className="min-h-40"
                />
              </div>
            ) : (
              <>
                <LogsTable rows={logs.rows} now={now} />
                <Pagination page={logs.page} pageCount={logs.pageCount} pageSize={logs.pageSize} total={logs.total} hrefFor={(page) => hrefFor({ page })} label="Requests" />
              </>
            )}
          </Card>
        </section>
      </div>
    </>
  );
}
