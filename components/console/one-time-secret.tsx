"use client";

import { Eye, EyeOff, TriangleAlert } from "lucide-react";
import { useCallback, useState, type ReactNode } from "react";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { DialogClose, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";

interface OneTimeSecretProps {
  title: string;
  description: ReactNode;
  /** The plaintext. It lives only in this component's props and is gone when the dialog closes. */
  value: string;
  /** What the value is, e.g. "Secret key" or "Access token": names the value and its show/hide toggle. */
  valueLabel: string;
  /** Stable hook for tests, e.g. "secret-key-value". */
  testId: string;
  /** "This key will not be shown again…": the one thing the reader must not miss. */
  warning: ReactNode;
  /** Called once the value has been copied, by the Copy button or by `extra`'s own copy buttons. */
  onCopied: () => void;
  /** Content below the value, e.g. a usage example; told whether the value is currently masked. */
  extra?: (shown: { visible: boolean; mask: (text: string) => string }) => ReactNode;
}

/**
 * The one time a secret is on screen, inside a `DialogContent`: warning, the value (masked on
 * request), Copy, and "Done". Pair it with `useOneTimeSecretDialog` + `CloseWithoutCopyingDialog`
 * so that closing before copying asks first.
 */
export function OneTimeSecret({ title, description, value, valueLabel, testId, warning, onCopied, extra }: OneTimeSecretProps) {
  const [visible, setVisible] = useState(true);
  const mask = useCallback((text: string) => (visible ? text : text.replaceAll(value, "•".repeat(value.length))), [visible, value]);
  return (
    <div className="grid gap-5">
      <DialogHeader>
        <DialogTitle>{title}</DialogTitle>
        <DialogDescription>{description}</DialogDescription>
      </DialogHeader>
      <div role="alert" className="flex gap-3 rounded-md border border-warning/40 bg-warning/10 px-3 py-2.5 text-sm text-warning">
        <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
        <p>{warning}</p>
      </div>
      <div className="flex items-center gap-2 rounded-md border-2 border-primary/40 bg-primary/5 p-2 ring-4 ring-primary/10">
        <code data-testid={testId} aria-label={valueLabel} className="min-w-0 flex-1 truncate px-1 font-mono text-sm select-all">
          {visible ? value : "•".repeat(value.length)}
        </code>
        <Button
          type="button"
          variant="ghost"
          size="icon-sm"
          aria-label={`${visible ? "Hide" : "Show"} ${valueLabel.toLowerCase()}`}
          onClick={() => setVisible((v) => !v)}
        >
          {visible ? <EyeOff aria-hidden /> : <Eye aria-hidden />}
        </Button>
        <CopyButton value={value} label="Copy" variant="default" onCopied={onCopied} />
      </div>
      {extra?.({ visible, mask })}
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline">
            Done
          </Button>
        </DialogClose>
      </DialogFooter>
    </div>
  );
}

/**
 * Open state of a dialog that may end on a `OneTimeSecret`. While a secret is shown and not yet
 * copied, closing (Esc, ×, overlay, "Done") opens the confirmation instead.
 * @example
 * const secret = useOneTimeSecretDialog();
 * <Dialog open={secret.open} onOpenChange={secret.onOpenChange}>…</Dialog>
 * <CloseWithoutCopyingDialog {...secret.confirm} title="Close without copying the key?" … />
 */
export function useOneTimeSecretDialog() {
  const [open, setOpen] = useState(false);
  const [unsaved, setUnsaved] = useState(false);
  const [confirmOpen, setConfirmOpen] = useState(false);

  // Stable callbacks: a form's effect that reports "shown" must fire once per result.
  const markShown = useCallback(() => setUnsaved(true), []);
  const markCopied = useCallback(() => setUnsaved(false), []);
  const close = useCallback(() => {
    setUnsaved(false);
    setOpen(false);
  }, []);
  const onOpenChange = useCallback(
    (next: boolean) => {
      if (!next && unsaved) {
        setConfirmOpen(true);
        return;
      }
      setOpen(next);
      if (!next) setUnsaved(false);
    },
    [unsaved],
  );

  return { open, onOpenChange, markShown, markCopied, close, confirm: { open: confirmOpen, onOpenChange: setConfirmOpen, onConfirm: close } };
}

interface CloseWithoutCopyingDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onConfirm: () => void;
  title: string;
  description: ReactNode;
}

/** "Close without copying …?" → "Keep it open" / "Close anyway". */
export function CloseWithoutCopyingDialog({ open, onOpenChange, onConfirm, title, description }: CloseWithoutCopyingDialogProps) {
  return (
    <AlertDialog open={open} onOpenChange={onOpenChange}>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>{title}</AlertDialogTitle>
          <AlertDialogDescription>{description}</AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Keep it open</AlertDialogCancel>
          <AlertDialogAction variant="destructive" onClick={onConfirm}>
            Close anyway
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
