import { describe, expect, it } from "vitest";
import { sameOriginPath } from "./safe-redirect";

const ORIGIN = "https://keys.example.com";

describe("sameOriginPath", () => {
  it.each([
    ["/acme/app/api-keys?env=prod", "/acme/app/api-keys?env=prod"],
    ["/acme/app/settings#project", "/acme/app/settings#project"],
    [`${ORIGIN}/acme`, "/acme"],
  ])("keeps same-origin %s", (input, expected) => {
    expect(sameOriginPath(input, ORIGIN)).toBe(expected);
  });

  it.each([
    "//evil.example/x",
    "/\\evil.example",
    "/\t/evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "http://keys.example.com/acme", // another scheme is another origin
    "",
  ])("refuses %j", (input) => {
    expect(sameOriginPath(input, ORIGIN)).toBe("/");
  });

  it("treats a missing value as home", () => {
    expect(sameOriginPath(undefined, ORIGIN)).toBe("/");
    expect(sameOriginPath(null, ORIGIN)).toBe("/");
  });
});
