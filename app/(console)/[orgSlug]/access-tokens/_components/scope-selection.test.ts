import { describe, expect, it } from "vitest";
import { RESOURCE_SCOPES } from "@/lib/auth/scopes";
import { EMPTY_SELECTION, setAll, setScope, submittedScopes } from "./scope-selection";

describe("scope selection", () => {
  it("checking *:* ticks every scope and submits only *:*", () => {
    const all = setAll(EMPTY_SELECTION, true, "OWNER");
    expect(all.all).toBe(true);
    expect([...all.selected]).toEqual([...RESOURCE_SCOPES]);
    expect(submittedScopes(all)).toEqual(["*:*"]);
  });

  it("unchecking one scope unchecks *:* and keeps the rest", () => {
    const next = setScope(setAll(EMPTY_SELECTION, true, "ADMIN"), "table:delete", false);
    expect(next.all).toBe(false);
    expect(submittedScopes(next)).toEqual(RESOURCE_SCOPES.filter((scope) => scope !== "table:delete"));
  });

  it("ticking every scope by hand does not check *:*", () => {
    const next = RESOURCE_SCOPES.reduce((selection, scope) => setScope(selection, scope, true), EMPTY_SELECTION);
    expect(next.all).toBe(false);
    expect(submittedScopes(next)).toEqual([...RESOURCE_SCOPES]);
  });

  it("unchecking *:* clears the selection", () => {
    expect(submittedScopes(setAll(setAll(EMPTY_SELECTION, true, "OWNER"), false, "OWNER"))).toEqual([]);
  });

  it("a role without *:* cannot check it", () => {
    expect(setAll(EMPTY_SELECTION, true, "DEVELOPER")).toBe(EMPTY_SELECTION);
  });

  it("submits scopes in canonical order whatever the click order", () => {
    const next = setScope(setScope(EMPTY_SELECTION, "apikey:read", true), "project:read", true);
    expect(submittedScopes(next)).toEqual(["project:read", "apikey:read"]);
  });
});
