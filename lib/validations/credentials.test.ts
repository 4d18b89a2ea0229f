import { describe, expect, it } from "vitest";
import { contextFieldSchema, contextFromRows, editCredentialSchema, editedExpiry, expiryFromForm, optionalPrefixSchema, rowsFromContext, type ContextRow } from "./credentials";
import { keyNameSchema } from "./keys";

// The key and token dialogs validate Key Prefix and Context live with these; the actions parse the same.

describe("optionalPrefixSchema", () => {
  it.each([
    [undefined, undefined],
    ["", undefined],
    ["   ", undefined],
    ["acme", "acme"],
    [" acme_ ", "acme"],
    ["my_co", "my_co"],
    ["a1", "a1"],
  ])("accepts %j as %j", (input, expected) => {
    expect(optionalPrefixSchema.parse(input)).toBe(expected);
  });

  it.each([
    ["upper case", "Acme", "Use 2–16 lowercase letters, digits or underscores."],
    ["one character", "a", "Use 2–16 lowercase letters, digits or underscores."],
    ["seventeen characters", "a".repeat(17), "Use 2–16 lowercase letters, digits or underscores."],
    ["a dash", "ac-me", "Use 2–16 lowercase letters, digits or underscores."],
    ["one letter and the separator", "a_", "Use at least 2 letters or digits before the underscore."],
  ])("rejects %s", (_, input, message) => {
    const result = optionalPrefixSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(message);
  });
});

const row = (key: string, type: ContextRow["type"], value: string): ContextRow => ({ key, type, value });

describe("contextFromRows", () => {
  it("types each value and skips blank rows", () => {
    const { context, rowErrors } = contextFromRows([
      row("customerId", "string", "cus_123"),
      row("", "string", ""),
      row("tier", "number", "2.5"),
      row("beta", "boolean", "false"),
      row("note", "string", ""),
    ]);
    expect(context).toEqual({ customerId: "cus_123", tier: 2.5, beta: false, note: "" });
    expect(rowErrors).toEqual([null, null, null, null, null]);
  });

  it.each([
    ["a key with a dash", row("customer-id", "string", "x"), "Keys are 1–64 letters, digits or underscores, not starting with a digit."],
    ["a key starting with a digit", row("1st", "string", "x"), "Keys are 1–64 letters, digits or underscores, not starting with a digit."],
    ["a value but no key", row("", "string", "x"), "Keys are 1–64 letters, digits or underscores, not starting with a digit."],
    ["a number that is not one", row("tier", "number", "two"), "Enter a number, like 42 or 3.5."],
    ["an empty number", row("tier", "number", " "), "Enter a number, like 42 or 3.5."],
    ["an infinite number", row("tier", "number", "1e999"), "Enter a number, like 42 or 3.5."],
    ["a boolean that is not one", row("beta", "boolean", "yes"), "Choose true or false."],
    ["a long string", row("note", "string", "x".repeat(257)), "Keep values under 256 characters."],
  ])("reports %s on its row", (_, bad, message) => {
    const { context, rowErrors } = contextFromRows([row("ok", "string", "fine"), bad]);
    expect(rowErrors).toEqual([null, message]);
    expect(context).toEqual({ ok: "fine" });
  });

  it("reports a key set twice on the second row", () => {
    expect(contextFromRows([row("a", "string", "1"), row("a", "number", "2")]).rowErrors).toEqual([null, "a is already set above."]);
  });

  it("round-trips a stored context through the editor's rows", () => {
    const context = { customerId: "cus_1", tier: 3, beta: true };
    expect(contextFromRows(rowsFromContext(context)).context).toEqual(context);
  });
});

describe("contextFieldSchema", () => {
  it("parses the editor's rows as posted", () => {
    expect(contextFieldSchema.parse(JSON.stringify([row("customerId", "string", "cus_1"), row("tier", "number", "2")]))).toEqual({ customerId: "cus_1", tier: 2 });
    expect(contextFieldSchema.parse(undefined)).toEqual({});
    expect(contextFieldSchema.parse("[]")).toEqual({});
  });

  it("names the row of each error", () => {
    const result = contextFieldSchema.safeParse(JSON.stringify([row("ok", "string", "1"), row("n", "number", "x")]));
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(["Row 2: Enter a number, like 42 or 3.5."]);
  });

  it.each([
    ["not JSON", "{"],
    ["not a list", '{"a":1}'],
    ["a row of the wrong shape", '[{"key":"a","type":"date","value":"x"}]'],
  ])("refuses %s without detail", (_, json) => {
    expect(contextFieldSchema.safeParse(json).error?.issues[0]?.message).toBe("The context could not be read. Reload the page and try again.");
  });

  it("caps the number of entries", () => {
    const rows = Array.from({ length: 33 }, (_, index) => row(`k${index}`, "string", "v"));
    expect(contextFieldSchema.safeParse(JSON.stringify(rows)).error?.issues[0]?.message).toBe("At most 32 context entries.");
  });
});

describe("editCredentialSchema", () => {
  const schema = editCredentialSchema(keyNameSchema);
  const now = new Date("2026-11-25T10:00:00Z");

  it("keeps the expiry unless another is chosen", () => {
    const kept = schema.parse({ name: "server", roleIds: [] });
    expect(kept.expiry).toBe("keep");
    expect(editedExpiry(kept, now)).toBeUndefined();
    expect(editedExpiry(schema.parse({ name: "server", expiry: "never" }), now)).toBeNull();
    expect(editedExpiry(schema.parse({ name: "server", expiry: "7" }), now)).toEqual(new Date("2026-12-02T10:00:00Z"));
  });

  it("wants a future custom date", () => {
    const result = schema.safeParse({ name: "server", expiry: "custom", expiresOn: "2020-01-01" });
    expect(result.error?.issues[0]).toMatchObject({ path: ["expiresOn"], message: "The expiry date must be in the future." });
  });

  it("lists each role once", () => {
    expect(schema.safeParse({ name: "server", roleIds: ["r1", "r1"] }).error?.issues[0]?.message).toBe("List each role once.");
  });
});

describe("expiryFromForm", () => {
  it("ends a custom date at the end of that UTC day", () => {
    expect(expiryFromForm({ expiry: "custom", expiresOn: "2027-01-31" })).toEqual(new Date("2027-01-31T23:59:59.999Z"));
  });
});
