import * as React from "react";

import { cn } from "@/lib/utils";

type EmptyStateProps = Omit<React.ComponentProps<"div">, "title"> & {
  /** Usually a lucide icon element, e.g. `<KeyRoundIcon />`; it is sized and marked decorative here. */
  icon?: React.ReactNode;
  title: React.ReactNode;
  description?: React.ReactNode;
  /** Call to action, e.g. a "Create key" button. */
  action?: React.ReactNode;
};

function EmptyState({ className, icon, title, description, action, children, ...props }: EmptyStateProps) {
  return (
    <div
      data-slot="empty-state"
      className={cn(
        "flex min-h-56 w-full flex-col items-center justify-center gap-4 rounded-lg border border-dashed px-6 py-10 text-center text-balance",
        className,
      )}
      {...props}
    >
      {icon ? (
        <div
          data-slot="empty-state-icon"
          aria-hidden="true"
          className="flex size-10 shrink-0 items-center justify-center rounded-lg border bg-muted text-muted-foreground shadow-xs [&_svg:not([class*='size-'])]:size-5"
        >
          {icon}
        </div>
      ) : null}
      <div className="flex max-w-sm flex-col items-center gap-1.5">
        <div data-slot="empty-state-title" className="text-base font-semibold tracking-tight">
          {title}
        </div>
        {description ? (
          <div data-slot="empty-state-description" className="text-sm text-muted-foreground [&_a]:underline [&_a]:underline-offset-4 [&_a:hover]:text-primary">
            {description}
          </div>
        ) : null}
      </div>
      {action ? (
        <div data-slot="empty-state-action" className="flex flex-wrap items-center justify-center gap-2">
          {action}
        </div>
      ) : null}
      {children}
    </div>
  );
}

export { EmptyState, type EmptyStateProps };
