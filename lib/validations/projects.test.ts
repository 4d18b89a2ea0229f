import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { createEnvironmentSchema, createProjectSchema, environmentSlugSchema, projectNameSchema, slugify, slugSchema } from "./projects";

function messages(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`Expected ${JSON.stringify(input)} to be rejected`);
  return result.error.issues.map((issue) => issue.message);
}

describe("environmentSlugSchema", () => {
  it.each([
    ["staging", "staging"],
    ["  Staging  ", "staging"],
    ["QA", "qa"],
    ["eu-west-1", "eu-west-1"],
    ["preview2", "preview2"],
    ["x".repeat(24), "x".repeat(24)],
  ])("accepts %j as %j", (input, expected) => {
    expect(environmentSlugSchema.parse(input)).toBe(expected);
  });

  it.each([
    ["", "Use at least 2 characters."],
    ["   ", "Use at least 2 characters."],
    ["s", "Use at least 2 characters."],
    ["x".repeat(25), "Use at most 24 characters."],
    ["2024", "Start with a letter; then letters, digits or dashes (e.g. staging)."],
    ["-dev", "Start with a letter; then letters, digits or dashes (e.g. staging)."],
    ["my env", "Start with a letter; then letters, digits or dashes (e.g. staging)."],
    ["my_env", "Start with a letter; then letters, digits or dashes (e.g. staging)."],
    ["prod/../dev", "Start with a letter; then letters, digits or dashes (e.g. staging)."],
    ["ßtaging", "Start with a letter; then letters, digits or dashes (e.g. staging)."],
  ])("rejects %j: %s", (input, message) => {
    expect(messages(environmentSlugSchema, input)).toContain(message);
  });

  it("asks for a name when given something other than a string", () => {
    expect(messages(environmentSlugSchema, undefined)).toEqual(["Enter an environment name."]);
    expect(messages(environmentSlugSchema, 42)).toEqual(["Enter an environment name."]);
  });

  it("is used by the settings form's schema", () => {
    expect(createEnvironmentSchema.parse({ orgSlug: "acme", projectSlug: "api", slug: " Canary " }).slug).toBe("canary");
  });
});

describe("slugSchema", () => {
  it.each(["a", "acme", "acme-1a2b3c", "my-project-2", "9lives", "x".repeat(48)])("accepts %j", (slug) => {
    expect(slugSchema.safeParse(slug).success).toBe(true);
  });

  it.each(["", "Acme", "-acme", "acme-", "ac me", "acme_co", "x".repeat(49), "..", "acme/other"])("rejects %j", (slug) => {
    expect(slugSchema.safeParse(slug).success).toBe(false);
  });

  it("does not trim or lower-case: URL params are compared as given", () => {
    expect(slugSchema.safeParse(" acme").success).toBe(false);
  });
});

describe("projectNameSchema", () => {
  it("trims, and explains what is wrong", () => {
    expect(projectNameSchema.parse("  Payments API ")).toBe("Payments API");
    expect(messages(projectNameSchema, "  ")).toEqual(["Enter a project name."]);
    expect(messages(projectNameSchema, "p".repeat(65))).toEqual(["Keep the name under 64 characters."]);
    expect(createProjectSchema.safeParse({ orgSlug: "acme", name: "p".repeat(64) }).success).toBe(true);
  });
});

describe("slugify", () => {
  it.each([
    ["My Project", "my-project"],
    ["  Payments   API  ", "payments-api"],
    ["Ada Lovelace", "ada-lovelace"],
    ["Crème Brûlée", "creme-brulee"],
    ["Zoë's Café & Bar!", "zoe-s-cafe-bar"],
    ["ACME, Inc.", "acme-inc"],
    ["2024 Roadmap", "2024-roadmap"],
    ["a--b__c", "a-b-c"],
    ["Ｆｕｌｌｗｉｄｔｈ", "fullwidth"],
  ])("turns %j into %j", (name, slug) => {
    expect(slugify(name, "fallback")).toBe(slug);
  });

  it.each(["", "   ", "!!!", "日本語", "🔑🔑", "---"])("falls back for %j, which has nothing to keep", (name) => {
    expect(slugify(name, "project")).toBe("project");
  });

  it("keeps at most 40 characters and never ends on a dash", () => {
    const slug = slugify(`${"a".repeat(39)} bcd`, "x");
    expect(slug).toBe("a".repeat(39));
    expect(slugify("word ".repeat(30), "x").length).toBeLessThanOrEqual(40);
    expect(slugify("word ".repeat(30), "x")).not.toMatch(/-$/);
  });

  it("always produces a valid URL slug", () => {
    for (const name of ["My Project", "Crème Brûlée", "-x-", "a".repeat(100), "Ångström 2", "?", "x y z"]) {
      expect(slugSchema.safeParse(slugify(name, "fallback")).success).toBe(true);
    }
  });
});
