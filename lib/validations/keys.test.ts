import { describe, expect, it } from "vitest";
import { z } from "zod";
import { apiKeyIdSchema, createApiKeySchema, deleteApiKeySchema, keyListParamsSchema, keyNameSchema } from "./keys";

// The "Add Key" and "Delete" dialogs and their server actions parse these same schemas.

function fieldErrors(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`Expected ${JSON.stringify(input)} to be rejected`);
  return z.flattenError(result.error).fieldErrors as Record<string, string[] | undefined>;
}

const validCreate = { orgSlug: "acme-1a2b3c", projectSlug: "my-project", environment: "dev", kind: "secret", name: "Backend" };
const validDelete = { orgSlug: "acme-1a2b3c", projectSlug: "my-project", keyId: "cm3x9k2ab0000abcd1234efgh", confirmName: "Backend" };

describe("createApiKeySchema", () => {
  it("accepts the dialog's fields and trims the name", () => {
    expect(createApiKeySchema.parse({ ...validCreate, name: "  Backend worker  " })).toEqual({
      ...validCreate,
      name: "Backend worker",
      roleIds: [],
      context: {},
      expiry: "never",
    });
  });

  it("takes a secret key's prefix, roles and context rows", () => {
    const parsed = createApiKeySchema.parse({
      ...validCreate,
      prefix: "acme_",
      roleIds: ["role1"],
      context: JSON.stringify([{ key: "customerId", type: "string", value: "cus_1" }]),
      expiry: "30",
    });
    expect(parsed).toMatchObject({ prefix: "acme", roleIds: ["role1"], context: { customerId: "cus_1" }, expiry: "30" });
  });

  it.each([
    ["a bad prefix", { prefix: "ACME" }, "prefix", "Use 2–16 lowercase letters, digits or underscores."],
    ["a bad context row", { context: JSON.stringify([{ key: "9lives", type: "string", value: "x" }]) }, "context", "Row 1: Keys are 1–64 letters, digits or underscores, not starting with a digit."],
    ["a custom expiry without a date", { expiry: "custom" }, "expiresOn", "Pick an expiry date."],
  ])("refuses %s with a field error", (_, change, field, message) => {
    expect(fieldErrors(createApiKeySchema, { ...validCreate, ...change })[field]).toEqual([message]);
  });

  it("lower-cases and trims the environment, like the settings form does when creating one", () => {
    expect(createApiKeySchema.parse({ ...validCreate, environment: " Staging " }).environment).toBe("staging");
  });

  it.each([
    ["a missing name", { name: undefined }, "name", "Enter a name for the key."],
    ["an empty name", { name: "" }, "name", "Enter a name for the key."],
    ["a name of only spaces", { name: "  \t " }, "name", "Enter a name for the key."],
    ["a name over 64 characters", { name: "k".repeat(65) }, "name", "Keep the name under 64 characters."],
    ["a name with a newline", { name: "line one\nline two" }, "name", "The name cannot contain control characters."],
    ["a name with a NUL", { name: "evil\u0000name" }, "name", "The name cannot contain control characters."],
    ["a name with an escape sequence", { name: "red \u001b[31m text" }, "name", "The name cannot contain control characters."],
    ["a name with a DEL", { name: "del\u007f" }, "name", "The name cannot contain control characters."],
    ["a name with a C1 control", { name: "c1\u0085" }, "name", "The name cannot contain control characters."],
    ["an unknown kind", { kind: "admin" }, "kind", "Choose publishable or secret."],
    ["a missing kind", { kind: undefined }, "kind", "Choose publishable or secret."],
    ["a kind in capitals", { kind: "SECRET" }, "kind", "Choose publishable or secret."],
    ["an environment of one letter", { environment: "d" }, "environment", "Use at least 2 characters."],
    ["an environment starting with a digit", { environment: "1prod" }, "environment", "Start with a letter; then letters, digits or dashes (e.g. staging)."],
    ["a project slug with a slash", { projectSlug: "../other" }, "projectSlug", "Use lowercase letters, digits and dashes."],
    ["an organization slug with capitals", { orgSlug: "Acme" }, "orgSlug", "Use lowercase letters, digits and dashes."],
  ])("rejects %s with a message on that field", (_, change, field, message) => {
    const errors = fieldErrors(createApiKeySchema, { ...validCreate, ...change });
    expect(errors[field]).toEqual([message]);
    expect(Object.keys(errors)).toEqual([field]);
  });

  it.each([
    ["a name of exactly 64 characters", "k".repeat(64)],
    ["a name of 64 characters after trimming", `  ${"k".repeat(64)}  `],
    ["a name with punctuation", "Backend (EU) — v2 / “prod”"],
    ["a name with emoji and accents", "Clé 🔑 München"],
  ])("accepts %s", (_, name) => {
    expect(createApiKeySchema.safeParse({ ...validCreate, name }).success).toBe(true);
  });

  it("trims surrounding tabs and newlines before looking for control characters", () => {
    expect(keyNameSchema.parse("\n\tBackend\t\n")).toBe("Backend");
  });
});

describe("deleteApiKeySchema", () => {
  it("trims the typed confirmation, as the name was trimmed when the key was created", () => {
    expect(deleteApiKeySchema.parse({ ...validDelete, confirmName: "  Backend " }).confirmName).toBe("Backend");
  });

  it.each([
    ["a missing confirmation", { confirmName: undefined }, "confirmName", "Type the key's name to confirm."],
    ["an empty confirmation", { confirmName: "   " }, "confirmName", "Type the key's name to confirm."],
    ["a key id with capitals", { keyId: "CM3X9K2AB" }, "keyId", "Not a key id."],
    ["a key id with SQL in it", { keyId: "x' OR '1'='1" }, "keyId", "Not a key id."],
  ])("rejects %s with a message on that field", (_, change, field, message) => {
    expect(fieldErrors(deleteApiKeySchema, { ...validDelete, ...change })[field]).toEqual([message]);
  });

  it("bounds the lengths of the id and the confirmation", () => {
    expect(fieldErrors(deleteApiKeySchema, { ...validDelete, keyId: "a".repeat(65) }).keyId).toHaveLength(1);
    expect(fieldErrors(deleteApiKeySchema, { ...validDelete, confirmName: "c".repeat(65) }).confirmName).toHaveLength(1);
    expect(apiKeyIdSchema.safeParse("a".repeat(64)).success).toBe(true);
  });
});

describe("keyListParamsSchema", () => {
  it.each([
    [{}, { page: 1 }],
    [{ page: "3" }, { page: 3 }],
    [{ page: "0" }, { page: 1 }],
    [{ page: "-2" }, { page: 1 }],
    [{ page: "2.5" }, { page: 1 }],
    [{ page: "abc" }, { page: 1 }],
    [{ page: "1000001" }, { page: 1 }],
    [{ page: ["2", "3"] }, { page: 1 }],
  ])("falls back to safe values for search params %j", (input, expected) => {
    expect(keyListParamsSchema.parse(input)).toEqual(expected);
  });
});
