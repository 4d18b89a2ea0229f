"use client";

import type { Route } from "next";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { ALL, TimeRangeFilter } from "@/components/console/time-range-filter";
import { Button } from "@/components/ui/button";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import type { LogCredential } from "@/lib/dal/request-logs";

const STATUS_OPTIONS = [
  { value: ALL, label: "All statuses" },
  { value: "2xx", label: "2xx success" },
  { value: "4xx", label: "4xx client error" },
  { value: "5xx", label: "5xx server error" },
];

const KIND_LABEL: Record<LogCredential["kind"], string> = { publishable: "publishable", secret: "secret", access_token: "token" };

interface LogsFiltersProps {
  base: string;
  environment: string;
  credentials: LogCredential[];
  /** The filters in force, as their query values ("" when off). */
  current: { key: string; status: string; from: string; to: string };
}

/** Filters live in the URL: each change loads page 1 of the filtered log from the server. */
export function LogsFilters({ base, environment, credentials, current }: LogsFiltersProps) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  const navigate = (next: Partial<LogsFiltersProps["current"]>) => {
    const merged = { ...current, ...next };
    const search = new URLSearchParams({ env: environment });
    for (const name of ["key", "status", "from", "to"] as const) {
      if (merged[name] && merged[name] !== ALL) search.set(name, merged[name]);
    }
    startTransition(() => router.push(`${base}?${search}` as Route, { scroll: false }));
  };

  const keyLabel = current.key ? (credentials.find((c) => c.id === current.key)?.name ?? "Unknown key") : "All keys";
  const statusLabel = STATUS_OPTIONS.find((o) => o.value === current.status)?.label ?? (current.status ? `Status ${current.status}` : "All statuses");
  const active = current.key !== "" || current.status !== "" || current.from !== "" || current.to !== "";

  return (
    <div role="group" aria-label="Filter requests" className="flex flex-wrap items-center gap-2 border-b bg-muted/30 px-4 py-3">
      <Select value={current.key || ALL} onValueChange={(key) => navigate({ key })}>
        <SelectTrigger aria-label="Key" size="sm" className="w-auto min-w-40 gap-2">
          <span className="text-muted-foreground">Key:</span>
          <SelectValue>{keyLabel}</SelectValue>
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={ALL}>All keys</SelectItem>
          {credentials.map((credential) => (
            <SelectItem key={credential.id} value={credential.id}>
              {credential.name}
              <span className="text-xs text-muted-foreground">{KIND_LABEL[credential.kind]}</span>
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      <Select value={current.status || ALL} onValueChange={(status) => navigate({ status })}>
        <SelectTrigger aria-label="Status" size="sm" className="w-auto min-w-36 gap-2">
          <span className="text-muted-foreground">Status:</span>
          <SelectValue>{statusLabel}</SelectValue>
        </SelectTrigger>
        <SelectContent>
          {STATUS_OPTIONS.map((option) => (
            <SelectItem key={option.value} value={option.value}>
              {option.label}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      <TimeRangeFilter from={current.from} onChange={(from) => navigate({ from, to: "" })} />
      {active ? (
        <Button variant="ghost" size="sm" onClick={() => navigate({ key: "", status: "", from: "", to: "" })}>
          Clear filters
        </Button>
      ) : null}
      {pending ? <Spinner /> : null}
    </div>
  );
}
