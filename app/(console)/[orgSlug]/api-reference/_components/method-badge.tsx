import type { HttpMethod } from "@/lib/api/openapi";
import { cn } from "@/lib/utils";

// Colour says what a call does at a glance (read, create, change, delete); the text says it too.
const METHOD_STYLE: Record<HttpMethod, string> = {
  GET: "border-green-600/25 bg-green-500/10 text-green-700 dark:border-green-400/30 dark:bg-green-400/10 dark:text-green-300",
  POST: "border-blue-600/25 bg-blue-500/10 text-blue-700 dark:border-blue-400/30 dark:bg-blue-400/10 dark:text-blue-300",
  PATCH: "border-amber-600/30 bg-amber-500/10 text-amber-800 dark:border-amber-400/30 dark:bg-amber-400/10 dark:text-amber-300",
  PUT: "border-amber-600/30 bg-amber-500/10 text-amber-800 dark:border-amber-400/30 dark:bg-amber-400/10 dark:text-amber-300",
  DELETE: "border-red-600/25 bg-red-500/10 text-red-700 dark:border-red-400/30 dark:bg-red-400/10 dark:text-red-300",
};

export function MethodBadge({ method, size = "default", className }: { method: HttpMethod; size?: "default" | "sm"; className?: string }) {
  return (
    <span
      data-method={method}
      className={cn(
        "inline-flex shrink-0 items-center justify-center rounded-md border font-mono font-semibold tracking-wide",
        size === "sm" ? "w-12 px-1 py-px text-[0.625rem] leading-4" : "min-w-16 px-2 py-0.5 text-xs leading-5",
        METHOD_STYLE[method],
        className,
      )}
    >
      {method}
    </span>
  );
}
