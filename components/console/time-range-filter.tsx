"use client";

import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";

/** Radix Select has no empty value: filter selects use "all" for "no filter", dropped from the URL. */
export const ALL = "all";

const RANGE_OPTIONS = [
  { value: "1h", label: "Last hour" },
  { value: "24h", label: "Last 24 hours" },
  { value: "7d", label: "Last 7 days" },
  { value: "30d", label: "Last 30 days" },
  { value: ALL, label: "All time" },
];

/**
 * The time filter of the Logs and Audit Log pages. `from` is the query value in force ("" when
 * off); a custom ISO start (from a shared link) shows as "Custom range".
 */
export function TimeRangeFilter({ from, onChange }: { from: string; onChange: (from: string) => void }) {
  const value = from === "" ? ALL : RANGE_OPTIONS.some((o) => o.value === from) ? from : "custom";
  const label = value === "custom" ? "Custom range" : (RANGE_OPTIONS.find((o) => o.value === value)?.label ?? "All time");
  return (
    <Select value={value} onValueChange={onChange}>
      <SelectTrigger aria-label="Time range" size="sm" className="w-auto min-w-40 gap-2">
        <span className="text-muted-foreground">Time:</span>
        <SelectValue>{label}</SelectValue>
      </SelectTrigger>
      <SelectContent>
        {value === "custom" ? (
          <SelectItem value="custom" disabled>
            Custom range
          </SelectItem>
        ) : null}
        {RANGE_OPTIONS.map((option) => (
          <SelectItem key={option.value} value={option.value}>
            {option.label}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
