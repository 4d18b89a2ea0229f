"use client";

import { Terminal } from "lucide-react";
import { useSyncExternalStore } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import type { AccessTokenType } from "@/lib/generated/prisma/enums";
import { TOKEN_TYPE_HEADER } from "./token-type-field";

const subscribe = () => () => {};

interface TokenUsageProps {
  type: AccessTokenType;
  token: string;
  /** Masks the token in the text while the reveal hides it. */
  mask: (text: string) => string;
  onCopied: () => void;
}

/** A ready-to-run request with the token in the one header its type is accepted in. */
export function TokenUsage({ type, token, mask, onCopied }: TokenUsageProps) {
  // This console's own origin (self-hosted: no fixed API host to print).
  const origin = useSyncExternalStore(subscribe, () => window.location.origin, () => "https://keyward.example.com");
  const snippet = `curl ${origin}/api/v1/projects \\\n  -H "${TOKEN_TYPE_HEADER[type].header} ${token}"`;
  return (
    <div className="grid gap-2">
      <div className="flex items-center justify-between gap-2">
        <p id="token-usage-heading" className="flex items-center gap-1.5 text-sm font-medium">
          <Terminal className="size-4 text-muted-foreground" aria-hidden />
          Usage example
        </p>
        {/* Copying the command copies the token too, so it counts as saving it. */}
        <CopyButton value={snippet} aria-label="Copy usage example" onCopied={onCopied} />
      </div>
      <pre aria-labelledby="token-usage-heading" className="overflow-x-auto rounded-md border bg-muted/50 p-3 font-mono text-xs leading-relaxed">
        <code>{mask(snippet)}</code>
      </pre>
      <p className="text-xs text-muted-foreground">
        {type === "BEARER_TOKEN" ? "A BEARER_TOKEN is accepted only in the Authorization header." : "An API_KEY is accepted only in the X-API-Key header."}
      </p>
    </div>
  );
}
