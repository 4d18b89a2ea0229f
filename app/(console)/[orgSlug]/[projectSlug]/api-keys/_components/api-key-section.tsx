import { KeyRound, ShieldCheck } from "lucide-react";
import type { Route } from "next";
import Link from "next/link";
import { Pagination } from "@/components/console/pagination";
import type { RoleOption } from "@/components/console/role-picker";
import { Badge } from "@/components/ui/badge";
import { Card, CardAction, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { ApiKeyPage } from "@/lib/dal/api-keys";
import type { KeyKind } from "@/lib/keys/format";
import { cn } from "@/lib/utils";
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
    description: "Server-side keys, shown once at creation; keep them out of client code. Roles narrow what a key may do.",
    empty: "Create a secret key for your backend. You will see its value once.",
  },
};

export type KeyListStatus = "active" | "expired";

interface ApiKeySectionProps {
  kind: KeyKind;
  status: KeyListStatus;
  /** The page of the list shown (active or expired keys). */
  keys: ApiKeyPage;
  counts: Record<KeyListStatus, number>;
  now: Date;
  canWrite: boolean;
  orgSlug: string;
  projectSlug: string;
  environment: string;
  roles: RoleOption[];
  traffic: Record<string, number>;
  warningDays: number;
  hrefForPage: (page: number) => string;
  hrefForStatus: (status: KeyListStatus) => string;
}

export function ApiKeySection({ kind, status, keys, counts, now, canWrite, orgSlug, projectSlug, environment, roles, traffic, warningDays, hrefForPage, hrefForStatus }: ApiKeySectionProps) {
  const copy = SECTION[kind];
  const headingId = `${kind}-keys-heading`;
  const Icon = kind === "secret" ? ShieldCheck : KeyRound;
  return (
    <section aria-labelledby={headingId}>
      <Card className="gap-0 overflow-hidden py-0">
        <CardHeader className="border-b py-5">
          <CardTitle id={headingId} className="flex items-center gap-2 text-base">
            <Icon className="size-4 text-muted-foreground" aria-hidden />
            {copy.title}
            <Badge variant="outline" className="font-mono">
              {copy.prefix}
            </Badge>
          </CardTitle>
          <CardDescription>{copy.description}</CardDescription>
          <CardAction>
            <CreateKeyDialog orgSlug={orgSlug} projectSlug={projectSlug} environment={environment} kind={kind} roles={roles} disabled={!canWrite} />
          </CardAction>
        </CardHeader>
        <nav aria-label={`${copy.title}: active or expired`} className="flex gap-1 border-b px-4 pt-2">
          {(["active", "expired"] as const).map((tab) => (
            <Link
              key={tab}
              href={hrefForStatus(tab) as Route}
              scroll={false}
              aria-current={tab === status ? "page" : undefined}
              className={cn(
                "-mb-px inline-flex items-center gap-1.5 border-b-2 px-2.5 pb-2 text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring",
                tab === status ? "border-primary font-medium text-foreground" : "border-transparent text-muted-foreground hover:text-foreground",
              )}
            >
              {tab === "active" ? "Active" : "Expired"}
              <span className="rounded-full bg-muted px-1.5 text-xs text-muted-foreground tabular-nums">{counts[tab].toLocaleString("en-US")}</span>
            </Link>
          ))}
        </nav>
        {keys.total === 0 ? (
          <div className="p-6">
            {status === "active" ? (
              <EmptyState icon={<Icon />} title={`No ${kind} keys in ${environment}`} description={canWrite ? copy.empty : "Ask a developer or admin to create one."} className="min-h-40" />
            ) : (
              <EmptyState icon={<Icon />} title={`No expired ${kind} keys`} description="Keys past their expiry stay listed here, refused by the API, until you delete them." className="min-h-40" />
            )}
          </div>
        ) : (
          <>
            <KeysTable
              rows={keys.rows}
              now={now}
              canWrite={canWrite}
              orgSlug={orgSlug}
              projectSlug={projectSlug}
              environment={environment}
              roles={roles}
              traffic={traffic}
              warningDays={warningDays}
            />
            <Pagination page={keys.page} pageCount={keys.pageCount} pageSize={keys.pageSize} total={keys.total} hrefFor={hrefForPage} label={copy.title} />
          </>
        )}
      </Card>
    </section>
  );
}
