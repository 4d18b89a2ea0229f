"use client";

import * as React from "react";
import { CheckIcon, CopyIcon } from "lucide-react";
import { toast } from "sonner";

import { cn } from "@/lib/utils";
import { Button } from "@/components/ui/button";
import { useCopyToClipboard } from "@/lib/hooks/use-copy-to-clipboard";

type CopyButtonProps = Omit<React.ComponentProps<typeof Button>, "value" | "children" | "asChild"> & {
  /** The text written to the clipboard. */
  value: string;
  /** Renders a text + icon button with this visible text instead of an icon-only button. */
  label?: React.ReactNode;
  /** Called after the value was written to the clipboard. */
  onCopied?: () => void;
  /** Accessible name of the icon-only button (ignored when `label` is given unless passed explicitly). */
  "aria-label"?: string;
};

function CopyButton({
  value,
  label,
  onCopied,
  onClick,
  className,
  variant,
  size,
  disabled,
  "aria-label": ariaLabel,
  ...props
}: CopyButtonProps) {
  const { isCopied, copyToClipboard } = useCopyToClipboard();
  const hasLabel = label !== undefined && label !== null && label !== false;

  async function handleClick(event: React.MouseEvent<HTMLButtonElement>) {
    onClick?.(event);
    if (event.defaultPrevented) return;

    const copied = await copyToClipboard(value);
    if (copied) {
      toast.success("Copied to clipboard");
      onCopied?.();
    } else {
      toast.error("Could not copy — your browser blocked clipboard access");
    }
  }

  const Icon = isCopied ? CheckIcon : CopyIcon;

  return (
    <Button
      type="button"
      data-slot="copy-button"
      data-copied={isCopied ? "true" : undefined}
      variant={variant ?? (hasLabel ? "outline" : "ghost")}
      size={size ?? (hasLabel ? "sm" : "icon-sm")}
      // The visible label is the accessible name when present (WCAG 2.5.3 "label in name").
      aria-label={hasLabel ? ariaLabel : (ariaLabel ?? "Copy")}
      disabled={disabled || value.length === 0}
      className={cn(!hasLabel && "text-muted-foreground hover:text-foreground", className)}
      onClick={handleClick}
      {...props}
    >
      <Icon
        aria-hidden="true"
        className={cn("transition-transform duration-150", isCopied && "scale-110 text-success")}
      />
      {hasLabel ? label : null}
    </Button>
  );
}

export { CopyButton, type CopyButtonProps };
