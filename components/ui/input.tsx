import * as React from "react";

import { cn } from "@/lib/utils";

/** Shared with `Textarea` and `SelectTrigger` so every field looks and focuses the same way. */
const fieldClassName = cn(
  "w-full min-w-0 rounded-md border border-input bg-background text-base shadow-xs md:text-sm",
  "transition-[color,border-color,box-shadow] outline-none",
  "placeholder:text-muted-foreground selection:bg-primary selection:text-primary-foreground",
  "focus-visible:border-ring focus-visible:ring-3 focus-visible:ring-ring/35",
  "aria-invalid:border-destructive aria-invalid:ring-destructive/20 dark:aria-invalid:ring-destructive/40",
  "disabled:cursor-not-allowed disabled:opacity-50",
  "read-only:bg-muted/40 dark:bg-input/30 dark:read-only:bg-input/20",
);

function Input({ className, type = "text", ...props }: React.ComponentProps<"input">) {
  return (
    <input
      type={type}
      data-slot="input"
      className={cn(
        fieldClassName,
        "h-9 px-3 py-1",
        "file:inline-flex file:h-7 file:border-0 file:bg-transparent file:text-sm file:font-medium file:text-foreground",
        className,
      )}
      {...props}
    />
  );
}

export { Input, fieldClassName };
