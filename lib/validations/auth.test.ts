import { describe, expect, it } from "vitest";
import { z } from "zod";
import { emailSchema, signInSchema, signUpSchema } from "./auth";

// The sign-up and sign-in forms and their server actions parse these same schemas, so what a
// user sees under a field is exactly the message asserted here.

function fieldErrors(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`Expected ${JSON.stringify(input)} to be rejected`);
  return z.flattenError(result.error).fieldErrors as Record<string, string[] | undefined>;
}

const valid = { name: "Ada Lovelace", email: "ada@example.com", password: "correct horse battery" };

describe("signUpSchema", () => {
  it("trims the name and the email, and lower-cases the email; the password is kept as typed", () => {
    expect(signUpSchema.parse({ name: "  Ada Lovelace ", email: "  Ada@Example.COM ", password: "  Spaces Count  " })).toEqual({
      name: "Ada Lovelace",
      email: "ada@example.com",
      password: "  Spaces Count  ",
    });
  });

  it.each([
    ["a missing name", { name: undefined }, "name", "Enter your name."],
    ["an empty name", { name: "" }, "name", "Enter your name."],
    ["a name of only spaces", { name: "   " }, "name", "Enter your name."],
    ["a name over 80 characters", { name: "x".repeat(81) }, "name", "Keep your name under 80 characters."],
    ["a missing email", { email: undefined }, "email", "Enter your email address."],
    ["an email without @", { email: "ada.example.com" }, "email", "Enter a valid email address, like you@company.com."],
    ["an email without a domain", { email: "ada@" }, "email", "Enter a valid email address, like you@company.com."],
    ["an email with spaces inside", { email: "ada lovelace@example.com" }, "email", "Enter a valid email address, like you@company.com."],
    ["an email over 254 characters", { email: `${"a".repeat(64)}@${"b".repeat(186)}.com` }, "email", "That email address is too long."],
    ["a missing password", { password: undefined }, "password", "Choose a password."],
    ["a password of 9 characters", { password: "123456789" }, "password", "Use at least 10 characters."],
    ["a password over 256 characters", { password: "p".repeat(257) }, "password", "Use at most 256 characters."],
    ["a number for a password", { password: 1234567890 }, "password", "Choose a password."],
  ])("rejects %s with a message on that field", (_, change, field, message) => {
    const errors = fieldErrors(signUpSchema, { ...valid, ...change });
    expect(errors[field]).toEqual([message]);
    expect(Object.keys(errors)).toEqual([field]);
  });

  it.each([
    ["a name of 80 characters", { name: "n".repeat(80) }],
    ["a password of exactly 10 characters", { password: "1234567890" }],
    ["a password of 256 characters", { password: "p".repeat(256) }],
    ["a plus-addressed email", { email: "ada+keyward@sub.example.co.uk" }],
    ["a non-ASCII name", { name: "Zoë Ångström-Łukasiewicz" }],
  ])("accepts %s", (_, change) => {
    expect(signUpSchema.safeParse({ ...valid, ...change }).success).toBe(true);
  });

  it("reports every invalid field at once", () => {
    expect(Object.keys(fieldErrors(signUpSchema, { name: "", email: "nope", password: "short" })).sort()).toEqual(["email", "name", "password"]);
  });

  it("drops fields it does not know", () => {
    expect(signUpSchema.parse({ ...valid, role: "OWNER", organizationId: "someone-else" })).toEqual(valid);
  });
});

describe("emailSchema", () => {
  it("measures the length after trimming", () => {
    const email = `${"a".repeat(64)}@${"b".repeat(185)}.com`;
    expect(email).toHaveLength(254);
    expect(emailSchema.parse(`   ${email}   `)).toBe(email);
  });
});

describe("signInSchema", () => {
  it("normalises the email like sign-up does, so both find the same account", () => {
    expect(signInSchema.parse({ email: " ADA@example.com", password: "x" }).email).toBe(signUpSchema.parse(valid).email);
  });

  it("accepts any non-empty password up to 256 characters, including ones sign-up would refuse", () => {
    expect(signInSchema.safeParse({ email: "ada@example.com", password: "short" }).success).toBe(true);
    expect(fieldErrors(signInSchema, { email: "ada@example.com", password: "" }).password).toEqual(["Enter your password."]);
    expect(fieldErrors(signInSchema, { email: "ada@example.com", password: "p".repeat(257) }).password).toHaveLength(1);
  });
});
