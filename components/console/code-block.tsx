import { CopyButton } from "@/components/ui/copy-button";
import { cn } from "@/lib/utils";

/** A copyable command or snippet. Scrolls sideways rather than wrapping, and is focusable so keyboard users can scroll it. */
export function CodeBlock({ code, label, className }: { code: string; label: string; className?: string }) {
  return (
    <div className={cn("group relative min-w-0 rounded-lg border bg-muted/50 dark:bg-muted/40", className)}>
      <pre
        tabIndex={0}
        aria-label={label}
        className="overflow-x-auto py-3 pr-12 pl-4 font-mono text-[0.8125rem] leading-6 text-foreground outline-none focus-visible:ring-2 focus-visible:ring-ring"
      >
        <code>{code}</code>
      </pre>
      <CopyButton value={code} aria-label={`Copy ${label}`} className="absolute top-1.5 right-1.5 bg-muted/80 backdrop-blur-sm" />
    </div>
  );
}
