import { TOKEN_SORT_FIELDS, tokenListParamsSchema, type TokenListParams } from "@/lib/validations/access-tokens";

/** The two tables on the page; each keeps its own sort, search and page in the URL. */
export type TokenTable = "active" | "inactive";
export type TokenSortField = (typeof TOKEN_SORT_FIELDS)[number];
export type TokenListState = Record<TokenTable, TokenListParams>;

/** Query-string names per table: the inactive table's are prefixed so both fit in one URL. */
export const PARAM_NAMES: Record<TokenTable, Record<keyof TokenListParams, string>> = {
  active: { sort: "sort", dir: "dir", q: "q", page: "page" },
  inactive: { sort: "isort", dir: "idir", q: "iq", page: "ipage" },
};

const DEFAULTS = tokenListParamsSchema.parse({});

/** A column's first click: names A→Z, dates newest first. */
export const FIRST_DIRECTION: Record<TokenSortField, "asc" | "desc"> = {
  name: "asc",
  createdAt: "desc",
  lastUsedAt: "desc",
  expiresAt: "asc",
};

type SearchParams = Record<string, string | string[] | undefined>;

export function parseTokenListState(query: SearchParams): TokenListState {
  const read = (table: TokenTable): TokenListParams => {
    const names = PARAM_NAMES[table];
    const parsed = tokenListParamsSchema.parse({ sort: query[names.sort], dir: query[names.dir], q: query[names.q], page: query[names.page] });
    return { ...parsed, q: parsed.q || undefined };
  };
  return { active: read("active"), inactive: read("inactive") };
}

/** The query-string pairs for a state, leaving out defaults so URLs stay short. */
export function tokenListEntries(state: TokenListState): [string, string][] {
  const entries: [string, string][] = [];
  for (const table of ["active", "inactive"] as const) {
    const names = PARAM_NAMES[table];
    const params = state[table];
    if (params.sort !== DEFAULTS.sort || params.dir !== DEFAULTS.dir) {
      entries.push([names.sort, params.sort], [names.dir, params.dir]);
    }
    if (params.q) entries.push([names.q, params.q]);
    if (params.page > 1) entries.push([names.page, String(params.page)]);
  }
  return entries;
}

export function tokenListHref(base: string, state: TokenListState): string {
  const search = new URLSearchParams(tokenListEntries(state)).toString();
  return search ? `${base}?${search}` : base;
}

/** Replaces one table's params; any change but paging goes back to that table's first page. */
export function withTable(state: TokenListState, table: TokenTable, change: Partial<TokenListParams>): TokenListState {
  const page = change.page ?? 1;
  return { ...state, [table]: { ...state[table], ...change, page } };
}

/** Where each sortable header links: the same column flips direction, another starts fresh. */
export function sortHrefs(base: string, state: TokenListState, table: TokenTable): Record<TokenSortField, string> {
  const current = state[table];
  const hrefs = {} as Record<TokenSortField, string>;
  for (const field of TOKEN_SORT_FIELDS) {
    const dir = current.sort === field ? (current.dir === "asc" ? "desc" : "asc") : FIRST_DIRECTION[field];
    hrefs[field] = tokenListHref(base, withTable(state, table, { sort: field, dir }));
  }
  return hrefs;
}
