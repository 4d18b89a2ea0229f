import { requireProject } from "@/lib/dal/projects";

/** Every project page answers 404 for projects outside the caller's organization. */
export default async function ProjectLayout({ children, params }: LayoutProps<"/[orgSlug]/[projectSlug]">) {
  const { orgSlug, projectSlug } = await params;
  await requireProject(orgSlug, projectSlug);
  return children;
}
