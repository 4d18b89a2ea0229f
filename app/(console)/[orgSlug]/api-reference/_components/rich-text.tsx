import type { ReactNode } from "react";
import { cn } from "@/lib/utils";

/**
 * The document's prose as React elements: `code` spans, blank-line paragraphs and "- " lists.
 * Only that much markdown, rendered as text nodes, so nothing in it can become HTML.
 */
export function InlineText({ text }: { text: string }) {
  const parts = text.split(/(`[^`]+`)/g);
  return (
    <>
      {parts.map((part, index) =>
        part.length > 2 && part.startsWith("`") && part.endsWith("`") ? (
          <code key={index} className="rounded bg-muted px-1 py-0.5 font-mono text-[0.85em] break-words text-foreground">
            {part.slice(1, -1)}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}

export function RichText({ text, className }: { text: string; className?: string }) {
  const blocks: ReactNode[] = text.split(/\n{2,}/).map((block, index) => {
    const lines = block.split("\n");
    if (lines.every((line) => line.startsWith("- "))) {
      return (
        <ul key={index} className="grid list-disc gap-1 pl-5">
          {lines.map((line, item) => (
            <li key={item}>
              <InlineText text={line.slice(2)} />
            </li>
          ))}
        </ul>
      );
    }
    return (
      <p key={index}>
        <InlineText text={block} />
      </p>
    );
  });
  return <div className={cn("grid gap-2 text-sm leading-6 text-muted-foreground", className)}>{blocks}</div>;
}
