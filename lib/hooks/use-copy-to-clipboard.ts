"use client";

import * as React from "react";

export interface UseCopyToClipboardOptions {
  /** How long `isCopied` stays true, in ms. `0` keeps it true until the next copy. */
  timeout?: number;
}

export interface UseCopyToClipboardResult {
  isCopied: boolean;
  copyToClipboard: (value: string) => Promise<boolean>;
}

/*
 * `navigator.clipboard` only exists in secure contexts, and a self-hosted console is often reached
 * over plain http on a LAN. There the legacy `execCommand("copy")` path still works.
 */
function copyWithExecCommand(value: string): boolean {
  if (typeof document === "undefined") return false;

  const previouslyFocused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  // Mount next to the focused element so a modal's focus trap does not steal focus back mid-copy.
  const host = previouslyFocused?.parentElement ?? document.body;

  const textarea = document.createElement("textarea");
  textarea.value = value;
  textarea.setAttribute("readonly", "");
  textarea.setAttribute("aria-hidden", "true");
  textarea.tabIndex = -1;
  textarea.style.position = "fixed";
  textarea.style.top = "0";
  textarea.style.left = "0";
  textarea.style.width = "1px";
  textarea.style.height = "1px";
  textarea.style.opacity = "0";
  textarea.style.pointerEvents = "none";
  host.appendChild(textarea);

  let copied = false;
  try {
    textarea.focus({ preventScroll: true });
    textarea.select();
    textarea.setSelectionRange(0, value.length);
    // Deprecated but still the only option outside secure contexts.
    copied = document.execCommand("copy");
  } catch {
    copied = false;
  } finally {
    textarea.remove();
    previouslyFocused?.focus({ preventScroll: true });
  }
  return copied;
}

export function useCopyToClipboard({ timeout = 2000 }: UseCopyToClipboardOptions = {}): UseCopyToClipboardResult {
  const [isCopied, setIsCopied] = React.useState(false);
  const timeoutRef = React.useRef<ReturnType<typeof setTimeout> | null>(null);

  React.useEffect(() => {
    return () => {
      if (timeoutRef.current !== null) {
        clearTimeout(timeoutRef.current);
        timeoutRef.current = null;
      }
    };
  }, []);

  const copyToClipboard = React.useCallback(
    async (value: string): Promise<boolean> => {
      if (typeof window === "undefined" || value.length === 0) return false;

      let copied = false;
      const clipboard: Clipboard | undefined = typeof navigator === "undefined" ? undefined : navigator.clipboard;
      if (clipboard && typeof clipboard.writeText === "function") {
        try {
          await clipboard.writeText(value);
          copied = true;
        } catch {
          copied = false;
        }
      }
      if (!copied) copied = copyWithExecCommand(value);
      if (!copied) return false;

      setIsCopied(true);
      if (timeoutRef.current !== null) clearTimeout(timeoutRef.current);
      timeoutRef.current = null;
      if (timeout > 0) {
        timeoutRef.current = setTimeout(() => {
          setIsCopied(false);
          timeoutRef.current = null;
        }, timeout);
      }
      return true;
    },
    [timeout],
  );

  return { isCopied, copyToClipboard };
}
