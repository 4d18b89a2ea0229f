import { Search, X } from "lucide-react";
import type { Route } from "next";
import Form from "next/form";
import Link from "next/link";
import { Input } from "@/components/ui/input";

interface TokenSearchProps {
  /** The page's path: a GET form there keeps the search in the URL, shareable and back-button safe. */
  action: string;
  name: string;
  label: string;
  value: string | undefined;
  /** Other URL state to keep (the other table's, this table's sort). */
  hidden: [string, string][];
  clearHref: string;
}

/** Search by name: Enter submits; the server filters, so it scales to any number of tokens. */
export function TokenSearch({ action, name, label, value, hidden, clearHref }: TokenSearchProps) {
  const id = `${name}-search`;
  return (
    <Form action={action as Route} replace scroll={false} role="search" aria-label={label} className="relative w-56 sm:w-64">
      {hidden.map(([key, val]) => (
        <input key={key} type="hidden" name={key} value={val} />
      ))}
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
      <Input
        // Remounted when the URL's search changes (e.g. "clear"), so the box shows what is applied.
        key={value ?? ""}
        id={id}
        type="search"
        name={name}
        defaultValue={value}
        placeholder="Search tokens"
        autoComplete="off"
        spellCheck={false}
        maxLength={64}
        className="h-8 pr-8 pl-8 [&::-webkit-search-cancel-button]:hidden"
      />
      {value ? (
        <Link
          href={clearHref as Route}
          scroll={false}
          replace
          aria-label={`Clear search “${value}”`}
          className="absolute top-1/2 right-1.5 flex size-5 -translate-y-1/2 items-center justify-center rounded-sm text-muted-foreground outline-none hover:bg-accent hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
        >
          <X className="size-3.5" aria-hidden />
        </Link>
      ) : null}
    </Form>
  );
}
