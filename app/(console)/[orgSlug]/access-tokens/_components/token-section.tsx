import { CircleSlash, KeySquare, SearchX } from "lucide-react";
import type { Route } from "next";
import Link from "next/link";
import { Pagination } from "@/components/console/pagination";
import type { RoleGroup } from "@/components/console/role-picker";
import { Card, CardAction, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { AccessTokenPage } from "@/lib/dal/access-tokens";
import type { Role } from "@/lib/generated/prisma/enums";
import { TokenSearch } from "./token-search";
import { sortHrefs, tokenListEntries, tokenListHref, withTable, type TokenListState, type TokenTable } from "./token-list-url";
import { TokensTable } from "./tokens-table";

const SECTION: Record<TokenTable, { title: string; description: string; emptyTitle: string; empty: string }> = {
  active: {
    title: "Active tokens",
    description: "Tokens that can call the API right now.",
    emptyTitle: "No active tokens yet",
    empty: "Create a token to call the REST API, connect an MCP tool or run a CI/CD pipeline.",
  },
  inactive: {
    title: "Inactive tokens",
    description: "Revoked or expired tokens. They can no longer call the API and are kept for the record.",
    emptyTitle: "No inactive tokens",
    empty: "Tokens you revoke, and tokens past their expiry date, are listed here.",
  },
};

interface TokenSectionProps {
  table: TokenTable;
  tokens: AccessTokenPage;
  state: TokenListState;
  base: string;
  orgSlug: string;
  viewer: { userId: string; role: Role };
  now: Date;
  roleGroups: RoleGroup[];
  warningDays: number;
}

export function TokenSection({ table, tokens, state, base, orgSlug, viewer, now, roleGroups, warningDays }: TokenSectionProps) {
  const copy = SECTION[table];
  const headingId = `${table}-tokens-heading`;
  const query = state[table].q;
  const cleared = tokenListHref(base, withTable(state, table, { q: undefined }));
  const searchable = tokens.total > 0 || Boolean(query);

  return (
    <section aria-labelledby={headingId}>
      <Card className="gap-0 overflow-hidden py-0">
        <CardHeader className="border-b py-5">
          <CardTitle id={headingId} tabIndex={-1} className="flex items-center gap-2 text-base outline-none">
            {table === "active" ? (
              <KeySquare className="size-4 text-muted-foreground" aria-hidden />
            ) : (
              <CircleSlash className="size-4 text-muted-foreground" aria-hidden />
            )}
            {copy.title}
            <span className="text-sm font-normal text-muted-foreground tabular-nums">{tokens.total.toLocaleString("en-US")}</span>
          </CardTitle>
          <CardDescription>{copy.description}</CardDescription>
          {searchable ? (
            <CardAction>
              <TokenSearch
                action={base}
                name={table === "active" ? "q" : "iq"}
                label={`Search ${table} tokens`}
                value={query}
                // The rest of the URL state rides along, minus this table's search and page.
                hidden={tokenListEntries(withTable(state, table, { q: undefined }))}
                clearHref={cleared}
              />
            </CardAction>
          ) : null}
        </CardHeader>
        {tokens.total === 0 ? (
          <div className="p-6">
            {query ? (
              <EmptyState
                icon={<SearchX />}
                title={<>No tokens match “{query}”</>}
                description={
                  <>
                    Check the spelling, or{" "}
                    <Link href={cleared as Route} scroll={false}>
                      clear the search
                    </Link>
                    .
                  </>
                }
                className="min-h-40"
              />
            ) : (
              <EmptyState
                icon={table === "active" ? <KeySquare /> : <CircleSlash />}
                title={copy.emptyTitle}
                description={table === "active" && viewer.role === "VIEWER" ? "Ask an owner, admin or developer to create one." : copy.empty}
                className="min-h-40"
              />
            )}
          </div>
        ) : (
          <>
            <TokensTable
              table={table}
              rows={tokens.rows}
              traffic={tokens.rolledTraffic}
              now={now}
              sort={{ field: state[table].sort, dir: state[table].dir }}
              sortHrefs={sortHrefs(base, state, table)}
              orgSlug={orgSlug}
              viewer={viewer}
              roleGroups={roleGroups}
              warningDays={warningDays}
            />
            <Pagination
              page={tokens.page}
              pageCount={tokens.pageCount}
              pageSize={tokens.pageSize}
              total={tokens.total}
              hrefFor={(page) => tokenListHref(base, withTable(state, table, { page }))}
              label={copy.title}
            />
          </>
        )}
      </Card>
    </section>
  );
}
