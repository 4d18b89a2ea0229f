import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EnvironmentSwitcher } from "@/components/console/environment-switcher";
import { PageHeader } from "@/components/console/page-header";
import { can } from "@/lib/auth/permissions";
import { listApiKeys } from "@/lib/dal/api-keys";
import { requireProject } from "@/lib/dal/projects";
import { keyListParamsSchema } from "@/lib/validations/keys";
import { ApiKeySection } from "../_components/api-key-section";

export const metadata: Metadata = { title: "API Keys" };

export default async function ApiKeysPage({ params, searchParams }: PageProps<"/[orgSlug]/[projectSlug]/api-keys">) {
  const [{ orgSlug, projectSlug }, query] = await Promise.all([params, searchParams]);
  const { ctx, project } = await requireProject(orgSlug, projectSlug);
  // Without ?env: the first environment (dev unless it was renamed or deleted).
  const environment = typeof query.env === "string" ? query.env : (project.environments[0]?.slug ?? "dev");
  if (!project.environments.some((env) => env.slug === environment)) notFound();

  const publishablePage = keyListParamsSchema.parse({ page: query.pkPage }).page;
  const secretPage = keyListParamsSchema.parse({ page: query.skPage }).page;
  const [publishable, secret] = await Promise.all([
    listApiKeys(ctx, { projectSlug, environment, kind: "publishable", page: publishablePage }),
    listApiKeys(ctx, { projectSlug, environment, kind: "secret", page: secretPage }),
  ]);

  const base = `/${orgSlug}/${projectSlug}/api-keys`;
  const hrefFor = (pages: { pkPage: number; skPage: number }) => {
    const search = new URLSearchParams({ env: environment });
    if (pages.pkPage > 1) search.set("pkPage", String(pages.pkPage));
    if (pages.skPage > 1) search.set("skPage", String(pages.skPage));
    return `${base}?${search}`;
  };
  const canWrite = can(ctx.role, "apikey:create");
  const now = new Date();
  const shared = { now, canWrite, orgSlug: ctx.organizationSlug, projectSlug, environment };

  return (
    <>
      <PageHeader
        title="API Keys"
        description={
          <>
            Keys for <span className="font-medium text-foreground">{project.name}</span> in the{" "}
            <span className="font-mono font-medium text-foreground">{environment}</span> environment. A key works only in the environment it was created in.
          </>
        }
        actions={<EnvironmentSwitcher environments={project.environments.map((env) => env.slug)} current={environment} />}
      />
      <div className="grid gap-8 px-6 py-8 lg:px-10">
        <ApiKeySection kind="publishable" keys={publishable} hrefForPage={(page) => hrefFor({ pkPage: page, skPage: secret.page })} {...shared} />
        <ApiKeySection kind="secret" keys={secret} hrefForPage={(page) => hrefFor({ pkPage: publishable.page, skPage: page })} {...shared} />
      </div>
    </>
  );
}
