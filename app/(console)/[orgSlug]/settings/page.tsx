import type { Metadata } from "next";
import { PageHeader } from "@/components/console/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { canManageOrganization, ROLE_LABEL } from "@/lib/auth/permissions";
import { getOrganizationSettings } from "@/lib/dal/organizations";
import { requireMember } from "@/lib/dal/session";
import { ExpiryWarningForm } from "./_components/expiry-warning-form";

export const metadata: Metadata = { title: "Organization settings" };

export default async function OrganizationSettingsPage({ params }: PageProps<"/[orgSlug]/settings">) {
  const { orgSlug } = await params;
  const ctx = await requireMember(orgSlug);
  const organization = await getOrganizationSettings(ctx);
  return (
    <>
      <PageHeader title="Organization settings" description={`Settings that apply to every project of ${organization.name}.`} />
      <div className="grid max-w-4xl gap-8 px-6 py-8 lg:px-10">
        <Card>
          <CardHeader>
            <CardTitle className="text-base">Organization</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid gap-5 text-sm sm:grid-cols-[10rem_1fr]">
              <dt className="text-muted-foreground">Name</dt>
              <dd className="font-medium">{organization.name}</dd>
              <dt className="text-muted-foreground">Slug</dt>
              <dd>
                <code className="rounded-md bg-muted px-2 py-1 font-mono text-sm">{organization.slug}</code>
              </dd>
              <dt className="text-muted-foreground">Your role</dt>
              <dd>{ROLE_LABEL[ctx.role]}</dd>
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle className="text-base">Expiry warnings</CardTitle>
            <CardDescription>Flag API keys and access tokens before they expire, so they can be rolled without downtime.</CardDescription>
          </CardHeader>
          <CardContent>
            <ExpiryWarningForm orgSlug={ctx.organizationSlug} days={organization.expiryWarningDays} canEdit={canManageOrganization(ctx.role)} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
