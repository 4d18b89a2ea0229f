import { redirect } from "next/navigation";
import { findHomeProject } from "@/lib/dal/organizations";
import { requireUser } from "@/lib/dal/session";

export default async function HomePage() {
  const user = await requireUser();
  const home = await findHomeProject(user.id);
  if (!home) redirect("/sign-in");
  if (!home.projectSlug) redirect(`/${home.orgSlug}`);
  redirect(`/${home.orgSlug}/${home.projectSlug}/api-keys`);
}
