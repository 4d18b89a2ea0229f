import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EnvironmentSwitcher } from "@/components/console/environment-switcher";
import { PageHeader } from "@/components/console/page-header";
import { can } from "@/lib/auth/permissions";
import { listApiKeys, rolledKeyTraffic, type ApiKeyPage } from "@/lib/dal/api-keys";
import type { Context } from "@/lib/dal/context";
import { getExpiryWarningDays } from "@/lib/dal/expiring";
import { listKeyRoles } from "@/lib/dal/key-roles";
import { requireProject } from "@/lib/dal/projects";
import type { KeyKind } from "@/lib/keys/format";
import { keyListParamsSchema } from "@/lib/validations/keys";
import { ApiKeySection, type KeyListStatus } from "../_components/api-key-section";

export const metadata: Metadata = { title: "API Keys" };

/** Per kind: which tab (?pkStatus / ?skStatus) and which page (?pkPage / ?skPage). */
type ListState = Record<KeyKind, { status: KeyListStatus; page: number }>;
const PARAM: Record<KeyKind, { status: string; page: string }> = {
  publishable: { status: "pkStatus", page: "pkPage" },
  secret: { status: "skStatus", page: "skPage" },
};

function parseListState(query: Record<string, string | string[] | undefined>): ListState {
  const one = (kind: KeyKind) => ({
    status: query[PARAM[kind].status] === "expired" ? ("expired" as const) : ("active" as const),
    page: keyListParamsSchema.parse({ page: query[PARAM[kind].page] }).page,
  });
  return { publishable: one("publishable"), secret: one("secret") };
}

/** Both tabs of one kind: the shown one at its page, the other only for its count. */
async function listKind(ctx: Context, projectSlug: string, environment: string, kind: KeyKind, state: ListState[KeyKind]) {
  const pageOf = (status: KeyListStatus) => (status === state.status ? state.page : 1);
  const [active, expired] = await Promise.all([
    listApiKeys(ctx, { projectSlug, environment, kind, page: pageOf("active"), status: "active" }),
    listApiKeys(ctx, { projectSlug, environment, kind, page: pageOf("expired"), status: "inactive" }),
  ]);
  const shown: ApiKeyPage = state.status === "active" ? active : expired;
  return { shown, counts: { active: active.total, expired: expired.total } };
}

export default async function ApiKeysPage({ params, searchParams }: PageProps<"/[orgSlug]/[projectSlug]/api-keys">) {
  const [{ orgSlug, projectSlug }, query] = await Promise.all([params, searchParams]);
  const { ctx, project } = await requireProject(orgSlug, projectSlug);
  // Without ?env: the first environment (dev unless it was renamed or deleted).
  const environment = typeof query.env === "string" ? query.env : (project.environments[0]?.slug ?? "dev");
  if (!project.environments.some((env) => env.slug === environment)) notFound();

  const state = parseListState(query);
  const canWrite = can(ctx.role, "apikey:create");
  const [publishable, secret, roles, warningDays] = await Promise.all([
    listKind(ctx, projectSlug, environment, "publishable", state.publishable),
    listKind(ctx, projectSlug, environment, "secret", state.secret),
    // Only writers see the role pickers; readers get the names from the rows themselves.
    canWrite ? listKeyRoles(ctx, projectSlug) : Promise.resolve([]),
    getExpiryWarningDays(ctx),
  ]);
  const traffic = Object.fromEntries(await rolledKeyTraffic(ctx, secret.shown.rows));

  const base = `/${orgSlug}/${projectSlug}/api-keys`;
  const hrefFor = (next: ListState) => {
    const search = new URLSearchParams({ env: environment });
    for (const kind of ["publishable", "secret"] as const) {
      if (next[kind].status === "expired") search.set(PARAM[kind].status, "expired");
      if (next[kind].page > 1) search.set(PARAM[kind].page, String(next[kind].page));
    }
    return `${base}?${search}`;
  };
  const shared = {
    now: new Date(),
    canWrite,
    orgSlug: ctx.organizationSlug,
    projectSlug,
    environment,
    roles: roles.map(({ id, name, description }) => ({ id, name, description })),
    warningDays,
  };
  const sectionProps = (kind: KeyKind, list: typeof publishable) => ({
    kind,
    status: state[kind].status,
    keys: list.shown,
    counts: list.counts,
    hrefForPage: (page: number) => hrefFor({ ...state, [kind]: { ...state[kind], page } }),
    hrefForStatus: (status: KeyListStatus) => hrefFor({ ...state, [kind]: { status, page: 1 } }),
  });

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
        <ApiKeySection {...sectionProps("publishable", publishable)} traffic={{}} {...shared} />
        <ApiKeySection {...sectionProps("secret", secret)} traffic={traffic} {...shared} />
      </div>
    </>
  );
}
