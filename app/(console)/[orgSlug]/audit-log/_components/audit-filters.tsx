"use client";

import type { Route } from "next";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { ALL, TimeRangeFilter } from "@/components/console/time-range-filter";
import { Button } from "@/components/ui/button";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import type { AuditFilterOption } from "@/lib/dal/audit-log";
import { AUDIT_ACTION_LABEL } from "@/lib/validations/audit-log";

const FILTERS = ["target", "actor", "action", "from", "to"] as const;
type FilterValues = Record<(typeof FILTERS)[number], string>;

interface AuditFiltersProps {
  base: string;
  targets: AuditFilterOption[];
  actors: AuditFilterOption[];
  /** The filters in force, as their query values ("" when off). */
  current: FilterValues;
}

/** Filters live in the URL: each change loads page 1 of the filtered log from the server. */
export function AuditFilters({ base, targets, actors, current }: AuditFiltersProps) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  const navigate = (next: Partial<FilterValues>) => {
    const merged = { ...current, ...next };
    const search = new URLSearchParams();
    for (const name of FILTERS) {
      if (merged[name] && merged[name] !== ALL) search.set(name, merged[name]);
    }
    const query = search.toString();
    startTransition(() => router.push((query ? `${base}?${query}` : base) as Route, { scroll: false }));
  };

  const labelOf = (options: AuditFilterOption[], value: string, all: string) =>
    value ? (options.find((option) => option.value === value)?.label ?? "Unknown") : all;
  const active = FILTERS.some((name) => current[name] !== "");

  return (
    <div role="group" aria-label="Filter events" className="flex flex-wrap items-center gap-2 border-b bg-muted/30 px-4 py-3">
      <FilterSelect label="Key or token" prefix="Target" value={current.target} display={labelOf(targets, current.target, "All keys and tokens")} all="All keys and tokens" options={targets} onChange={(target) => navigate({ target })} />
      <FilterSelect label="Actor" prefix="Actor" value={current.actor} display={labelOf(actors, current.actor, "Everyone")} all="Everyone" options={actors} onChange={(actor) => navigate({ actor })} />
      <FilterSelect
        label="Action"
        prefix="Action"
        value={current.action}
        display={current.action ? (AUDIT_ACTION_LABEL[current.action as keyof typeof AUDIT_ACTION_LABEL] ?? current.action) : "All actions"}
        all="All actions"
        options={Object.entries(AUDIT_ACTION_LABEL).map(([value, label]) => ({ value, label, detail: "" }))}
        onChange={(action) => navigate({ action })}
      />
      <TimeRangeFilter from={current.from} onChange={(from) => navigate({ from, to: "" })} />
      {active ? (
        <Button variant="ghost" size="sm" onClick={() => navigate({ target: "", actor: "", action: "", from: "", to: "" })}>
          Clear filters
        </Button>
      ) : null}
      {pending ? <Spinner /> : null}
    </div>
  );
}

interface FilterSelectProps {
  label: string;
  prefix: string;
  value: string;
  display: string;
  all: string;
  options: AuditFilterOption[];
  onChange: (value: string) => void;
}

function FilterSelect({ label, prefix, value, display, all, options, onChange }: FilterSelectProps) {
  return (
    <Select value={value || ALL} onValueChange={onChange}>
      <SelectTrigger aria-label={label} size="sm" className="w-auto max-w-72 min-w-40 gap-2">
        <span className="text-muted-foreground">{prefix}:</span>
        <SelectValue>
          <span className="truncate">{display}</span>
        </SelectValue>
      </SelectTrigger>
      <SelectContent>
        <SelectItem value={ALL}>{all}</SelectItem>
        {options.map((option) => (
          <SelectItem key={option.value} value={option.value}>
            {option.label}
            {option.detail ? <span className="text-xs text-muted-foreground">{option.detail}</span> : null}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
