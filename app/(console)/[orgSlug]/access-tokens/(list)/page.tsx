import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { can } from "@/lib/auth/permissions";
import { listAccessTokens } from "@/lib/dal/access-tokens";
import { getExpiryWarningDays } from "@/lib/dal/expiring";
import { listOrganizationRoles } from "@/lib/dal/key-roles";
import { requireMember } from "@/lib/dal/session";
import { CreateTokenDialog } from "../_components/create-token-dialog";
import { parseTokenListState } from "../_components/token-list-url";
import { TokenSection } from "../_components/token-section";

export const metadata: Metadata = { title: "Access Tokens" };

export default async function AccessTokensPage({ params, searchParams }: PageProps<"/[orgSlug]/access-tokens">) {
  const [{ orgSlug }, query] = await Promise.all([params, searchParams]);
  const ctx = await requireMember(orgSlug);
  const state = parseTokenListState(query);
  const [active, inactive, organizationRoles, warningDays] = await Promise.all([
    listAccessTokens(ctx, "active", state.active),
    listAccessTokens(ctx, "inactive", state.inactive),
    can(ctx.role, "role:read") ? listOrganizationRoles(ctx) : Promise.resolve([]),
    getExpiryWarningDays(ctx),
  ]);
  const roleGroups = organizationRoles.map(({ project, roles }) => ({ label: project.name, roles }));

  const shared = {
    state,
    base: `/${ctx.organizationSlug}/access-tokens`,
    orgSlug: ctx.organizationSlug,
    viewer: { userId: ctx.userId, role: ctx.role },
    now: new Date(),
    roleGroups,
    warningDays,
  };

  return (
    <>
      <PageHeader
        title="Access Tokens"
        description="Tokens for the REST API, MCP tools and CI/CD pipelines. They belong to the organization and work across all of its projects, limited to the scopes you grant."
        actions={<CreateTokenDialog orgSlug={ctx.organizationSlug} role={ctx.role} roleGroups={roleGroups} />}
      />
      <div className="grid gap-8 px-6 py-8 lg:px-10">
        <TokenSection table="active" tokens={active} {...shared} />
        <TokenSection table="inactive" tokens={inactive} {...shared} />
      </div>
    </>
  );
}
