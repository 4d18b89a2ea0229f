import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import type { Route } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { ROLE_LABEL } from "@/lib/auth/permissions";
import { ALL_SCOPES_WILDCARD } from "@/lib/auth/scopes";
import type { AccessTokenRow } from "@/lib/dal/access-tokens";
import { cn } from "@/lib/utils";

const absolute = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const short = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });

/** A fixed date (expiry, revocation) as "Nov 25, 2026", exact UTC time on hover. */
export function ShortDate({ value }: { value: Date }) {
  return (
    <time dateTime={value.toISOString()} title={`${absolute.format(value)} UTC`} className="whitespace-nowrap">
      {short.format(value)}
    </time>
  );
}

export function TypeBadge({ type }: { type: AccessTokenRow["type"] }) {
  return (
    <Badge variant="outline" className="font-mono text-[0.6875rem]">
      {type}
    </Badge>
  );
}

const chipClass = "rounded-md border px-1.5 py-0.5 font-mono text-[0.6875rem] leading-4 whitespace-nowrap";
const SHOWN_SCOPES = 2;

/** The first few scopes as chips and "+N" for the rest, which opens the full list. */
export function ScopeChips({ scopes, onShowAll }: { scopes: readonly string[]; onShowAll: (trigger: HTMLElement) => void }) {
  if (scopes.includes(ALL_SCOPES_WILDCARD)) {
    return (
      <span className={cn(chipClass, "border-primary/30 bg-primary/10 font-sans font-medium text-primary dark:border-primary/50 dark:bg-primary/25 dark:text-foreground")}>
        All scopes (<span className="font-mono">*:*</span>)
      </span>
    );
  }
  const shown = scopes.slice(0, SHOWN_SCOPES);
  const rest = scopes.length - shown.length;
  return (
    <ul className="flex flex-wrap items-center gap-1" aria-label={`${scopes.length} ${scopes.length === 1 ? "scope" : "scopes"}`}>
      {shown.map((scope) => (
        <li key={scope} className={cn(chipClass, "bg-muted/60 text-foreground/80")}>
          {scope}
        </li>
      ))}
      {rest > 0 ? (
        <li>
          <button
            type="button"
            onClick={(event) => onShowAll(event.currentTarget)}
            aria-label={`${rest} more ${rest === 1 ? "scope" : "scopes"}: view all permissions`}
            title="View all permissions"
            className={cn(chipClass, "cursor-pointer bg-background font-sans font-medium text-muted-foreground outline-none hover:bg-accent hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring")}
          >
            +{rest}
          </button>
        </li>
      ) : null}
    </ul>
  );
}

export function CreatedBy({ createdBy }: { createdBy: AccessTokenRow["createdBy"] }) {
  if (!createdBy) return <span className="text-muted-foreground">Former member</span>;
  const role = createdBy.role ? ROLE_LABEL[createdBy.role] : "Former member";
  // Two lines on screen, one phrase for assistive technology: "Ada Lovelace · Owner".
  return (
    <span className="grid min-w-0" title={`${createdBy.name} · ${role}`}>
      <span className="truncate">{createdBy.name}</span>
      <span className="sr-only"> · </span>
      <span className="truncate text-xs text-muted-foreground">{role}</span>
    </span>
  );
}

/** Why an inactive token stopped working: "Revoked <date> by <name>" or "Expired <date>". */
export function InactiveStatus({ row }: { row: AccessTokenRow }) {
  const revoked = row.status === "revoked" && row.revokedAt;
  const date = revoked ? row.revokedAt : row.expiresAt;
  return (
    <span className="flex min-w-0 flex-wrap items-center gap-x-1.5 text-xs text-muted-foreground">
      <Badge variant={revoked ? "destructive" : "secondary"} className="px-1.5 py-0 text-[0.6875rem]">
        {revoked ? "Revoked" : "Expired"}
      </Badge>{" "}
      {date ? <ShortDate value={date} /> : null}
      {revoked && row.revokedBy ? <span className="max-w-full truncate"> by {row.revokedBy}</span> : null}
    </span>
  );
}

interface SortHeaderProps {
  label: string;
  href: string;
  direction: "asc" | "desc" | null;
}

/** A column title that links to the list sorted by it; the `th` carries `aria-sort`. */
export function SortHeader({ label, href, direction }: SortHeaderProps): ReactNode {
  const Icon = direction === "asc" ? ArrowUp : direction === "desc" ? ArrowDown : ArrowUpDown;
  return (
    <Link
      href={href as Route}
      scroll={false}
      className={cn(
        "-mx-1.5 inline-flex items-center gap-1 rounded-sm px-1.5 py-1 outline-none hover:bg-accent hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring",
        direction && "text-foreground",
      )}
    >
      {label}
      <Icon className={cn("size-3.5", !direction && "opacity-50")} aria-hidden />
    </Link>
  );
}
