"use client";

import * as React from "react";
import { useTheme } from "next-themes";
import { Toaster as Sonner, type ToasterProps } from "sonner";
import { CircleCheckIcon, InfoIcon, LoaderCircleIcon, OctagonXIcon, TriangleAlertIcon } from "lucide-react";

type ToasterTheme = NonNullable<ToasterProps["theme"]>;

function toToasterTheme(theme: string | undefined): ToasterTheme {
  return theme === "light" || theme === "dark" ? theme : "system";
}

/* Neutral toasts borrow the popover tokens; richColors keeps sonner's own success/error palette. */
const toasterStyle: React.CSSProperties & Record<`--${string}`, string> = {
  "--normal-bg": "var(--popover)",
  "--normal-text": "var(--popover-foreground)",
  "--normal-border": "var(--border)",
  "--border-radius": "var(--radius)",
};

function Toaster({ style, ...props }: ToasterProps) {
  const { theme, resolvedTheme } = useTheme();

  return (
    <Sonner
      theme={toToasterTheme(resolvedTheme ?? theme)}
      className="toaster group"
      richColors
      closeButton
      icons={{
        success: <CircleCheckIcon className="size-4" aria-hidden="true" />,
        info: <InfoIcon className="size-4" aria-hidden="true" />,
        warning: <TriangleAlertIcon className="size-4" aria-hidden="true" />,
        error: <OctagonXIcon className="size-4" aria-hidden="true" />,
        loading: <LoaderCircleIcon className="size-4 animate-spin" aria-hidden="true" />,
      }}
      style={{ ...toasterStyle, ...style }}
      {...props}
    />
  );
}

export { Toaster };
