"use client";

import type { Route } from "next";
import { usePathname, useRouter } from "next/navigation";
import { useTransition } from "react";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";

/** Keys, tables and logs live in one environment; switching loads that environment (page 1, no filters). */
export function EnvironmentSwitcher({ environments, current }: { environments: string[]; current: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  return (
    <div className="flex items-center gap-2">
      {pending ? <Spinner /> : null}
      <Select
        value={current}
        onValueChange={(env) => startTransition(() => router.push(`${pathname}?env=${encodeURIComponent(env)}` as Route))}
      >
        <SelectTrigger aria-label="Environment" className="w-auto min-w-44 gap-2">
          <span className="text-muted-foreground">Environment:</span>
          {/* The current value as children, so the server-rendered HTML shows it before hydration. */}
          <SelectValue className="font-mono font-medium">{current}</SelectValue>
        </SelectTrigger>
        <SelectContent>
          {environments.map((env) => (
            <SelectItem key={env} value={env}>
              {env}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </div>
  );
}
