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
import { ALL_SCOPES_WILDCARD } from "@/lib/auth/scopes";
import { getAccessTokenDetail, getCredentialTimeline } from "@/lib/dal/credential-activity";
import { DalError } from "@/lib/dal/errors";
import { requireMember } from "@/lib/dal/session";
import { timelineParamsSchema } from "@/lib/validations/audit-log";
import { TypeBadge } from "../_components/token-cells";

export const metadata: Metadata = { title: "Access token" };

export default async function AccessTokenPage({ params, searchParams }: PageProps<"/[orgSlug]/access-tokens/[tokenId]">) {
  const [{ orgSlug, tokenId }, query] = await Promise.all([params, searchParams]);
  const ctx = await requireMember(orgSlug);
  const now = new Date();
  // Tokens of other organizations, and ids that never existed, are the same 404.
  const token = await getAccessTokenDetail(ctx, tokenId, now).catch((error: unknown) => {
    if (error instanceof DalError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const base = `/${ctx.organizationSlug}/access-tokens/${token.id}`;
  const parsed = timelineParamsSchema.safeParse({ before: typeof query.before === "string" ? query.before : undefined });
  const timeline = parsed.success
    ? await getCredentialTimeline(ctx, { type: "access_token", id: token.id }, parsed.data.before ? new Date(parsed.data.before) : now)
    : null;

  return (
    <>
      <PageHeader
        title={token.name}
        breadcrumb={
          <Link href={`/${ctx.organizationSlug}/access-tokens` as Route} className="inline-flex items-center gap-1 hover:text-foreground">
            <ChevronLeft className="size-4" aria-hidden />
            Access Tokens
          </Link>
        }
        description="An organization access token for the REST API and the data API, limited to its scopes."
      />
      <div className="grid gap-8 px-6 py-8 lg:px-10">
        <DetailsCard
          label="Token details"
          items={[
            { label: "Name", value: <span className="font-medium">{token.name}</span> },
            { label: "Token Type", value: <TypeBadge type={token.type} /> },
            { label: "Token", value: <code className="font-mono text-xs">{token.maskedToken}</code> },
            {
              label: "Permission Scope",
              value: (
                <ul className="flex flex-wrap gap-1">
                  {token.scopes.map((scope) => (
                    <li key={scope} className="rounded-md border bg-muted/60 px-1.5 py-0.5 font-mono text-xs">
                      {scope === ALL_SCOPES_WILDCARD ? "*:* (all scopes)" : scope}
                    </li>
                  ))}
                </ul>
              ),
            },
            ...lifecycleItems(token, {
              orgSlug: ctx.organizationSlug,
              hrefOf: (id) => `/${ctx.organizationSlug}/access-tokens/${id}`,
              noRoles: "None: its scopes decide alone",
            }),
            { label: "Created", value: <WhenBy at={token.createdAt} by={token.createdBy} now={now} /> },
            { label: "Expires", value: <DateCell value={token.expiresAt} now={now} empty="Never" /> },
            { label: "Last used", value: <DateCell value={token.lastUsedAt} now={now} empty="Never" /> },
            { label: "Status", value: <CredentialStatusBadge status={token.status} /> },
            ...(token.revokedAt ? [{ label: "Revoked", value: <WhenBy at={token.revokedAt} by={token.revokedBy} now={now} /> }] : []),
            { label: "Token ID", value: <code className="font-mono text-xs text-muted-foreground">{token.id}</code> },
          ]}
        />
        {timeline ? <CredentialTimeline timeline={timeline} now={now} base={base} /> : null}
        {!parsed.success ? <InvalidQueryAlert error={parsed.error} resetHref={base} resetLabel="Show the latest activity" /> : null}
      </div>
    </>
  );
}
