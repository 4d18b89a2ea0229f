import { Building2 } from "lucide-react";
import { redirect } from "next/navigation";
import { EmptyState } from "@/components/ui/empty-state";
import { findHomeProject } from "@/lib/dal/organizations";
import { requireUser } from "@/lib/dal/session";

export default async function HomePage() {
  const user = await requireUser();
  const home = await findHomeProject(user.id);
  // Signed in but in no organization (e.g. removed from the last one): say so, rather than
  // sending them to sign in again, which would bring them straight back here.
  if (!home) {
    return (
      <main className="mx-auto flex min-h-dvh max-w-md items-center px-6">
        <EmptyState icon={<Building2 />} title="No organization" description="You are not a member of any organization. Ask an owner or admin to add you." />
      </main>
    );
  }
  if (!home.projectSlug) redirect(`/${home.orgSlug}`);
  redirect(`/${home.orgSlug}/${home.projectSlug}/api-keys`);
}
