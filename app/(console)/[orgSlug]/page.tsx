import { FolderKanban } from "lucide-react";
import type { Route } from "next";
import { redirect } from "next/navigation";
import { EmptyState } from "@/components/ui/empty-state";
import { listProjects } from "@/lib/dal/projects";
import { requireMember } from "@/lib/dal/session";

export default async function OrganizationPage({ params }: PageProps<"/[orgSlug]">) {
  const { orgSlug } = await params;
  const ctx = await requireMember(orgSlug);
  const [first] = await listProjects(ctx);
  if (first) redirect(`/${ctx.organizationSlug}/${first.slug}/api-keys` as Route);
  return (
    <div className="p-10">
      <EmptyState icon={<FolderKanban />} title="No projects yet" description="This organization has no projects." />
    </div>
  );
}
