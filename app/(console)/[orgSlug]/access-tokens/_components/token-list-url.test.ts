import { describe, expect, it } from "vitest";
import { parseTokenListState, sortHrefs, tokenListEntries, tokenListHref, withTable } from "./token-list-url";

const base = "/acme/access-tokens";

describe("access token list URL state", () => {
  it("reads each table's own parameters and falls back on junk", () => {
    const state = parseTokenListState({ sort: "name", dir: "asc", q: " ci ", page: "3", isort: "bogus", idir: "up", iq: "", ipage: ["2", "4"] });
    expect(state.active).toEqual({ sort: "name", dir: "asc", q: "ci", page: 3 });
    expect(state.inactive).toEqual({ sort: "createdAt", dir: "desc", q: undefined, page: 1 });
  });

  it("leaves defaults out of the URL", () => {
    expect(tokenListHref(base, parseTokenListState({}))).toBe(base);
  });

  it("paging one table keeps the other table's state", () => {
    const state = parseTokenListState({ q: "deploy", ipage: "2" });
    expect(tokenListHref(base, withTable(state, "active", { page: 2 }))).toBe(`${base}?q=deploy&page=2&ipage=2`);
  });

  it("searching or sorting goes back to the first page of that table only", () => {
    const state = parseTokenListState({ page: "4", ipage: "2" });
    expect(tokenListEntries(withTable(state, "active", { q: "x" }))).toEqual([
      ["q", "x"],
      ["ipage", "2"],
    ]);
  });

  it("a sorted column's header flips the direction; another column starts with its first direction", () => {
    const hrefs = sortHrefs(base, parseTokenListState({ isort: "name", idir: "asc" }), "inactive");
    expect(hrefs.name).toBe(`${base}?isort=name&idir=desc`);
    expect(hrefs.lastUsedAt).toBe(`${base}?isort=lastUsedAt&idir=desc`);
    // Created, newest first, is the default order: no parameters at all.
    expect(hrefs.createdAt).toBe(base);
  });
});
