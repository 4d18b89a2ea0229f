import { ExpiringBanner } from "@/components/console/expiring-banner";
import { ConsoleSidebar } from "@/components/console/sidebar";
import { countExpiring } from "@/lib/dal/expiring";
import { listMyOrganizations } from "@/lib/dal/organizations";
import { listProjects } from "@/lib/dal/projects";
import { requireMember, requireUser } from "@/lib/dal/session";

export default async function OrganizationLayout({ children, params }: LayoutProps<"/[orgSlug]">) {
  const { orgSlug } = await params;
  const ctx = await requireMember(orgSlug);
  const user = await requireUser();
  const [organizations, projects, expiring] = await Promise.all([listMyOrganizations(user.id), listProjects(ctx), countExpiring(ctx)]);
  return (
    <div className="flex min-h-dvh flex-col md:flex-row">
      <ConsoleSidebar
        orgSlug={ctx.organizationSlug}
        role={ctx.role}
        organizations={organizations}
        projects={projects.map(({ slug, name }) => ({ slug, name }))}
        user={{ name: user.name, email: user.email }}
      />
      <main id="main" className="min-w-0 flex-1 bg-background">
        <ExpiringBanner orgSlug={ctx.organizationSlug} summary={expiring} />
        {children}
      </main>
    </div>
  );
}
