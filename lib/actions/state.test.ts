import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { DalError } from "@/lib/dal/errors";
import { signUpSchema } from "@/lib/validations/auth";
import { createApiKeySchema } from "@/lib/validations/keys";
import { errorState, IDLE, NOT_FOUND_STATE, validationError } from "./state";

const GENERIC = "Something went wrong on our side. Please try again.";

afterEach(() => {
  vi.restoreAllMocks();
});

function parseError(schema: z.ZodType, input: unknown): z.ZodError {
  const result = schema.safeParse(input);
  if (result.success) throw new Error("Expected a validation error");
  return result.error;
}

describe("validationError", () => {
  it("puts each field's messages under its name, with a generic form message", () => {
    const state = validationError(parseError(signUpSchema, { name: "", email: "nope", password: "short" }));
    expect(state).toEqual({
      status: "error",
      code: "VALIDATION",
      message: "Check the highlighted fields.",
      fieldErrors: {
        name: ["Enter your name."],
        email: ["Enter a valid email address, like you@company.com."],
        password: ["Use at least 10 characters."],
      },
    });
  });

  it("lists only the fields that failed", () => {
    const state = validationError(
      parseError(createApiKeySchema, { orgSlug: "acme", projectSlug: "api", environment: "dev", kind: "secret", name: "bad\nname" }),
    );
    expect(state).toMatchObject({ fieldErrors: { name: ["The name cannot contain control characters."] } });
    expect(state.status === "error" && Object.keys(state.fieldErrors ?? {})).toEqual(["name"]);
  });

  it("uses a form-level message when the error is not about one field", () => {
    const schema = z
      .object({ password: z.string(), confirm: z.string() })
      .refine((v) => v.password === v.confirm, { error: "The passwords do not match." });
    expect(validationError(parseError(schema, { password: "a", confirm: "b" }))).toEqual({
      status: "error",
      code: "VALIDATION",
      message: "The passwords do not match.",
      fieldErrors: {},
    });
  });
});

describe("errorState", () => {
  it.each([
    new DalError("NOT_FOUND", "API key not found."),
    new DalError("FORBIDDEN", "Your role does not allow this."),
    new DalError("RATE_LIMITED", "Too many keys created in the last minute. Wait a moment and try again."),
    new DalError("CONFLICT", "An account with this email already exists.", { email: ["Sign in instead."] }),
    new DalError("INVALID", "The name you typed does not match the key's name.", { confirmName: ['Type "x" exactly to confirm.'] }),
  ])("passes a DalError's own safe message and field errors through ($code)", (error) => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(errorState(error, "test")).toEqual({ status: "error", code: error.code, message: error.message, fieldErrors: error.fieldErrors });
    expect(log).not.toHaveBeenCalled();
  });

  it.each([
    ["a database error", new Error('Invalid `prisma.apiKey.create()` invocation: duplicate key value violates unique constraint "ApiKey_hash_key"')],
    ["a TypeError from a bug", new TypeError("Cannot read properties of undefined (reading 'id')")],
    ["an error shaped like a DalError", Object.assign(new Error("internal detail"), { code: "NOT_FOUND", name: "DalError" })],
    ["a thrown string", "connection refused at 10.0.0.5:5432"],
    ["a thrown object", { message: "secret detail", stack: "at db.ts:1" }],
    ["undefined", undefined],
  ])("answers %s with the fixed message and logs the cause server-side", (_, thrown) => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});

    const state = errorState(thrown, "createKey");

    expect(state).toEqual({ status: "error", code: "INTERNAL", message: GENERIC });
    expect(JSON.stringify(state)).not.toMatch(/prisma|constraint|undefined|10\.0\.0\.5|secret detail|internal detail/);
    expect(log).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledWith("[action] createKey failed:", thrown);
  });
});

describe("fixed states", () => {
  it("has an idle start and a not-found answer that names nothing", () => {
    expect(IDLE).toEqual({ status: "idle" });
    expect(NOT_FOUND_STATE).toEqual({ status: "error", code: "NOT_FOUND", message: "Not found. It may have been deleted, or you no longer have access." });
  });
});
