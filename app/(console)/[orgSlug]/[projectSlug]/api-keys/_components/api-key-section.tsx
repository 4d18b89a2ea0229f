import { KeyRound, ShieldCheck } from "lucide-react";
import { Pagination } from "@/components/console/pagination";
import { Badge } from "@/components/ui/badge";
import { Card, CardAction, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { ApiKeyPage } from "@/lib/dal/api-keys";
import type { KeyKind } from "@/lib/keys/format";
import { CreateKeyDialog } from "./create-key-dialog";
import { KeysTable } from "./keys-table";

const SECTION: Record<KeyKind, { title: string; prefix: string; description: string; empty: string }> = {
  publishable: {
    title: "Publishable Keys",
    prefix: "pk_",
    description: "Client-side keys for browsers and mobile apps, with limited permissions. Safe to expose; always visible here.",
    empty: "Create a publishable key to call the API from your web or mobile app.",
  },
  secret: {
    title: "Secret Keys",
    prefix: "sk_",
    description: "Server-side keys with full permissions. Shown once at creation; keep them out of client code.",
    empty: "Create a secret key for your backend. You will see its value once.",
  },
};

interface ApiKeySectionProps {
  kind: KeyKind;
  keys: ApiKeyPage;
  now: Date;
  canWrite: boolean;
  orgSlug: string;
  projectSlug: string;
  environment: string;
  hrefForPage: (page: number) => string;
}

export function ApiKeySection({ kind, keys, now, canWrite, orgSlug, projectSlug, environment, hrefForPage }: ApiKeySectionProps) {
  const copy = SECTION[kind];
  const headingId = `${kind}-keys-heading`;
  return (
    <section aria-labelledby={headingId}>
      <Card className="gap-0 overflow-hidden py-0">
        <CardHeader className="border-b py-5">
          <CardTitle id={headingId} className="flex items-center gap-2 text-base">
            {kind === "secret" ? <ShieldCheck className="size-4 text-muted-foreground" aria-hidden /> : <KeyRound className="size-4 text-muted-foreground" aria-hidden />}
            {copy.title}
            <Badge variant="outline" className="font-mono">
              {copy.prefix}
            </Badge>
            {keys.total > 0 ? <span className="text-sm font-normal text-muted-foreground tabular-nums">{keys.total.toLocaleString("en-US")}</span> : null}
          </CardTitle>
          <CardDescription>{copy.description}</CardDescription>
          <CardAction>
            <CreateKeyDialog orgSlug={orgSlug} projectSlug={projectSlug} environment={environment} kind={kind} disabled={!canWrite} />
          </CardAction>
        </CardHeader>
        {keys.total === 0 ? (
          <div className="p-6">
            <EmptyState icon={kind === "secret" ? <ShieldCheck /> : <KeyRound />} title={`No ${kind} keys in ${environment}`} description={canWrite ? copy.empty : "Ask a developer or admin to create one."} className="min-h-40" />
          </div>
        ) : (
          <>
            <KeysTable rows={keys.rows} now={now} canWrite={canWrite} orgSlug={orgSlug} projectSlug={projectSlug} />
            <Pagination page={keys.page} pageCount={keys.pageCount} pageSize={keys.pageSize} total={keys.total} hrefFor={hrefForPage} label={copy.title} />
          </>
        )}
      </Card>
    </section>
  );
}
