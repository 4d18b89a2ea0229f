import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

describe("hashPassword", () => {
  it("makes a salted Argon2id hash with OWASP's minimum parameters", async () => {
    const first = await hashPassword("correct horse battery staple");
    const second = await hashPassword("correct horse battery staple");

    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(second).not.toBe(first);
    expect(first).not.toContain("correct horse");
  });
});

describe("verifyPassword", () => {
  it("accepts the password and nothing else", async () => {
    const hash = await hashPassword("correct horse battery staple");

    expect(await verifyPassword(hash, "correct horse battery staple")).toBe(true);
    for (const wrong of ["Correct horse battery staple", "correct horse battery staple ", "", "correct horse battery"]) {
      expect(await verifyPassword(hash, wrong)).toBe(false);
    }
  });

  it("answers false, after the same work, for an account without a hash", async () => {
    expect(await verifyPassword(null, "anything")).toBe(false);
    expect(await verifyPassword(null, "")).toBe(false);
  });

  it("answers false for a stored value that is not a valid hash, instead of throwing", async () => {
    for (const broken of ["", "plaintext", "$argon2id$v=19$m=19456,t=2,p=1$broken", "$2b$10$abcdefghijklmnopqrstuv"]) {
      expect(await verifyPassword(broken, "plaintext")).toBe(false);
    }
  });
});
