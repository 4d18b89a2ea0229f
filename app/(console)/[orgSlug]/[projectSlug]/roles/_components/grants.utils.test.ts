import { describe, expect, it } from "vitest";
import type { Grant } from "@/lib/access/permissions";
import { explainableGrants, explainGrant, fromDrafts, grantSummaryParts, newConditionDraft, newGrantDraft, toDrafts } from "./grants.utils";

const ORDERS: Grant = {
  table: "orders",
  actions: ["read", "update"],
  conditions: [
    { field: "customerId", equals: { context: "customerId" } },
    { field: "status", equals: { value: "open" } },
  ],
};
const GRANTS: Grant[] = [
  ORDERS,
  { table: "*", actions: ["read"], conditions: [{ field: "archived", equals: { value: false } }, { field: "tier", equals: { value: 2 } }] },
];

describe("grant drafts", () => {
  it("round-trip grants through the editor's drafts, keeping constants' types", () => {
    expect(fromDrafts(toDrafts(GRANTS))).toEqual({ grants: GRANTS, errors: {} });
  });

  it("list actions in canonical order and flag a number that does not parse at its path", () => {
    const grant = { ...newGrantDraft(" orders "), actions: ["delete", "read"] as Grant["actions"] };
    grant.conditions = [{ ...newConditionDraft(), field: "qty", compareWith: "number", operand: "12abc" }];
    const { grants, errors } = fromDrafts([newGrantDraft("items"), grant]);
    expect(grants[1]).toMatchObject({ table: "orders", actions: ["read", "delete"] });
    expect(errors).toEqual({ "grants.1.conditions.0.equals": ["Enter a number, e.g. 42 or 3.5."] });
  });

  it("preview only what is complete", () => {
    const incomplete = { ...newGrantDraft("orders"), conditions: [newConditionDraft(), { ...newConditionDraft(), field: "qty", compareWith: "number" as const, operand: "" }] };
    expect(explainableGrants([newGrantDraft(""), { ...newGrantDraft("items"), actions: [] }, incomplete])).toEqual([
      { table: "orders", actions: ["read"], conditions: [] },
    ]);
  });
});

describe("grants in words", () => {
  it("summarize for the list", () => {
    expect(GRANTS.map(grantSummaryParts)).toEqual([
      { table: "orders", actions: "Read, Update", conditions: ["customerId = context.customerId", 'status = "open"'] },
      { table: "*", actions: "Read", conditions: ["archived = false", "tier = 2"] },
    ]);
  });

  it("explain for the preview", () => {
    expect(explainGrant(ORDERS)).toBe(`read and update rows of orders whose customerId equals the key's context customerId and status equals "open"`);
    expect(explainGrant({ table: "*", actions: ["read", "write", "delete"], conditions: [] })).toBe("read, create and delete rows of every table");
  });
});
