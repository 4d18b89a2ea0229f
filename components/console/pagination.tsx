import { ChevronLeft, ChevronRight } from "lucide-react";
import type { Route } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";

interface PaginationProps {
  page: number;
  pageCount: number;
  pageSize: number;
  total: number;
  /** Builds the link to another page, keeping the rest of the query string. */
  hrefFor: (page: number) => string;
  label: string;
}

export function Pagination({ page, pageCount, pageSize, total, hrefFor, label }: PaginationProps) {
  if (total <= pageSize) return null;
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(page * pageSize, total);
  return (
    <nav aria-label={`${label} pages`} className="flex items-center justify-between gap-4 border-t px-4 py-3 text-sm">
      <p className="text-muted-foreground">
        <span className="font-medium text-foreground tabular-nums">
          {first.toLocaleString("en-US")}–{last.toLocaleString("en-US")}
        </span>{" "}
        of <span className="tabular-nums">{total.toLocaleString("en-US")}</span>
      </p>
      <div className="flex items-center gap-2">
        <span className="text-muted-foreground tabular-nums">
          Page {page} of {pageCount}
        </span>
        <PageLink href={page > 1 ? hrefFor(page - 1) : null} label="Previous page">
          <ChevronLeft aria-hidden />
        </PageLink>
        <PageLink href={page < pageCount ? hrefFor(page + 1) : null} label="Next page">
          <ChevronRight aria-hidden />
        </PageLink>
      </div>
    </nav>
  );
}

function PageLink({ href, label, children }: { href: string | null; label: string; children: React.ReactNode }) {
  if (!href) {
    return (
      <Button variant="outline" size="icon-sm" disabled aria-label={label}>
        {children}
      </Button>
    );
  }
  return (
    <Button variant="outline" size="icon-sm" asChild>
      <Link href={href as Route} aria-label={label} scroll={false}>
        {children}
      </Link>
    </Button>
  );
}
