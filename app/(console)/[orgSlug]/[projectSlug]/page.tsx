import type { Route } from "next";
import { redirect } from "next/navigation";

export default async function ProjectPage({ params }: PageProps<"/[orgSlug]/[projectSlug]">) {
  const { orgSlug, projectSlug } = await params;
  redirect(`/${orgSlug}/${projectSlug}/api-keys` as Route);
}
