"use client";

import { Eye, EyeOff, TriangleAlert } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { DialogClose, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";

/**
 * The one time a secret key's value is on screen. It lives only in this component's props
 * (from the create action's response) and is gone when the dialog closes.
 */
export function SecretKeyReveal({ name, plaintext, onCopied }: { name: string; plaintext: string; onCopied: () => void }) {
  const [visible, setVisible] = useState(true);
  return (
    <div className="grid gap-5">
      <DialogHeader>
        <DialogTitle>Secret key created</DialogTitle>
        <DialogDescription>
          Copy <span className="font-medium text-foreground">{name}</span> now and store it somewhere safe, such as your server&apos;s environment variables.
        </DialogDescription>
      </DialogHeader>
      <div
        role="alert"
        className="flex gap-3 rounded-md border border-warning/40 bg-warning/10 px-3 py-2.5 text-sm text-warning"
      >
        <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
        <p>This key will not be shown again. If you lose it, delete it and create a new one.</p>
      </div>
      <div className="flex items-center gap-2 rounded-md border-2 border-primary/40 bg-primary/5 p-2 ring-4 ring-primary/10">
        <code data-testid="secret-key-value" aria-label="Secret key" className="min-w-0 flex-1 truncate px-1 font-mono text-sm select-all">
          {visible ? plaintext : "•".repeat(plaintext.length)}
        </code>
        <Button type="button" variant="ghost" size="icon-sm" aria-label={visible ? "Hide key" : "Show key"} onClick={() => setVisible((v) => !v)}>
          {visible ? <EyeOff aria-hidden /> : <Eye aria-hidden />}
        </Button>
        <CopyButton value={plaintext} label="Copy" variant="default" onCopied={onCopied} />
      </div>
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
