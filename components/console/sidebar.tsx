"use client";

import { BookOpen, Check, ChevronsUpDown, Database, FolderKanban, KeyRound, KeySquare, Plus, ScrollText, Settings, ShieldCheck, ShieldHalf, SlidersHorizontal, type LucideIcon } from "lucide-react";
import Link from "next/link";
import { useParams, usePathname } from "next/navigation";
import { useState } from "react";
import type { Route } from "next";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { can, ROLE_LABEL } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";
import { cn } from "@/lib/utils";
import { NewProjectDialog } from "./new-project-dialog";
import { UserMenu } from "./user-menu";

interface ConsoleSidebarProps {
  orgSlug: string;
  role: Role;
  organizations: { slug: string; name: string; role: Role }[];
  projects: { slug: string; name: string }[];
  user: { name: string; email: string };
}

export function ConsoleSidebar({ orgSlug, role, organizations, projects, user }: ConsoleSidebarProps) {
  const params = useParams<{ projectSlug?: string }>();
  const pathname = usePathname();
  const [newProjectOpen, setNewProjectOpen] = useState(false);
  const canCreateProject = can(role, "project:create");
  const organization = organizations.find((org) => org.slug === orgSlug);
  // On organization pages (Access Tokens, Audit Log, API Reference) the project section keeps pointing at
  // the first project, so its pages stay one click away.
  const project = projects.find((p) => p.slug === params.projectSlug) ?? projects[0];
  const projectBase = project ? `/${orgSlug}/${project.slug}` : null;

  const projectNav = projectBase
    ? [
        { href: `${projectBase}/api-keys`, label: "API Keys", icon: KeyRound },
        { href: `${projectBase}/roles`, label: "Roles", icon: ShieldHalf },
        { href: `${projectBase}/tables`, label: "Tables", icon: Database },
        { href: `${projectBase}/logs`, label: "Logs", icon: ScrollText },
        { href: `${projectBase}/settings`, label: "Settings", icon: Settings },
      ]
    : [];
  // Organization-wide pages: shown whichever project (if any) is selected.
  const organizationNav = [
    { href: `/${orgSlug}/access-tokens`, label: "Access Tokens", icon: KeySquare },
    { href: `/${orgSlug}/audit-log`, label: "Audit Log", icon: ShieldCheck },
    { href: `/${orgSlug}/api-reference`, label: "API Reference", icon: BookOpen },
    { href: `/${orgSlug}/settings`, label: "Organization settings", icon: SlidersHorizontal },
  ];

  return (
    <aside
      aria-label="Console navigation"
      className="flex shrink-0 flex-col gap-4 border-b bg-sidebar px-3 py-4 text-sidebar-foreground md:sticky md:top-0 md:h-dvh md:w-64 md:border-r md:border-b-0"
    >
      <DropdownMenu>
        <DropdownMenuTrigger
          aria-label="Switch organization"
          className="flex w-full items-center gap-2.5 rounded-md px-2 py-1.5 text-left outline-none hover:bg-sidebar-accent focus-visible:ring-2 focus-visible:ring-ring"
        >
          <span className="flex size-8 shrink-0 items-center justify-center rounded-md bg-primary text-sm font-semibold text-primary-foreground">
            {organization?.name.charAt(0).toUpperCase() ?? "K"}
          </span>
          <span className="min-w-0 flex-1">
            <span className="block truncate text-sm font-semibold">{organization?.name}</span>
            <span className="block text-xs text-muted-foreground">{ROLE_LABEL[role]}</span>
          </span>
          <ChevronsUpDown className="size-4 text-muted-foreground" aria-hidden />
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start" className="w-60">
          <DropdownMenuLabel>Organizations</DropdownMenuLabel>
          {organizations.map((org) => (
            <DropdownMenuItem key={org.slug} asChild>
              <Link href={`/${org.slug}` as Route}>
                <span className="flex-1 truncate">{org.name}</span>
                {org.slug === orgSlug ? <Check className="size-4" aria-label="Current organization" /> : null}
              </Link>
            </DropdownMenuItem>
          ))}
        </DropdownMenuContent>
      </DropdownMenu>

      <div className="grid gap-1">
        <p className="px-2 text-xs font-medium tracking-wide text-muted-foreground uppercase">Project</p>
        <DropdownMenu>
          <DropdownMenuTrigger
            aria-label="Switch project"
            className="flex w-full items-center gap-2 rounded-md border bg-background px-2.5 py-2 text-left text-sm shadow-xs outline-none hover:bg-sidebar-accent focus-visible:ring-2 focus-visible:ring-ring"
          >
            <FolderKanban className="size-4 text-muted-foreground" aria-hidden />
            <span className="min-w-0 flex-1 truncate font-medium">{project?.name ?? "No projects"}</span>
            <ChevronsUpDown className="size-4 text-muted-foreground" aria-hidden />
          </DropdownMenuTrigger>
          <DropdownMenuContent align="start" className="w-60">
            <DropdownMenuLabel>Projects</DropdownMenuLabel>
            {projects.map((p) => (
              <DropdownMenuItem key={p.slug} asChild>
                <Link href={`/${orgSlug}/${p.slug}/api-keys` as Route}>
                  <span className="flex-1 truncate">{p.name}</span>
                  {p.slug === project?.slug ? <Check className="size-4" aria-label="Current project" /> : null}
                </Link>
              </DropdownMenuItem>
            ))}
            {canCreateProject ? (
              <>
                <DropdownMenuSeparator />
                <DropdownMenuItem onSelect={() => setNewProjectOpen(true)}>
                  <Plus aria-hidden />
                  New project
                </DropdownMenuItem>
              </>
            ) : null}
          </DropdownMenuContent>
        </DropdownMenu>
      </div>

      {projectNav.length > 0 ? <NavList label="Project" items={projectNav} pathname={pathname} /> : null}

      <div className="grid gap-1">
        <p className="px-2 text-xs font-medium tracking-wide text-muted-foreground uppercase">Organization</p>
        <NavList label="Organization" items={organizationNav} pathname={pathname} />
      </div>

      <div className="mt-auto">
        <UserMenu user={user} />
      </div>
      <NewProjectDialog orgSlug={orgSlug} open={newProjectOpen} onOpenChange={setNewProjectOpen} />
    </aside>
  );
}

interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
}

function NavList({ label, items, pathname }: { label: string; items: NavItem[]; pathname: string }) {
  return (
    <nav aria-label={label} className="grid gap-0.5">
      {items.map((item) => {
        const active = pathname.startsWith(item.href);
        return (
          <Link
            key={item.href}
            href={item.href as Route}
            aria-current={active ? "page" : undefined}
            className={cn(
              "flex items-center gap-2.5 rounded-md px-2.5 py-2 text-sm font-medium outline-none transition-colors focus-visible:ring-2 focus-visible:ring-ring",
              active
                ? "bg-sidebar-accent text-sidebar-accent-foreground"
                : "text-muted-foreground hover:bg-sidebar-accent/60 hover:text-sidebar-foreground",
            )}
          >
            <item.icon className="size-4" aria-hidden />
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
