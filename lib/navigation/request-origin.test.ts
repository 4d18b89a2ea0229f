import { describe, expect, it } from "vitest";
import { requestOrigin } from "./request-origin";

const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? null });

describe("requestOrigin", () => {
  it("derives the origin from the request, refusing odd hosts", () => {
    expect(requestOrigin(headers({ host: "127.0.0.1:3088" }))).toBe("http://127.0.0.1:3088");
    expect(requestOrigin(headers({ host: "internal:3000", "x-forwarded-host": "keys.example.com", "x-forwarded-proto": "https, http" }))).toBe(
      "https://keys.example.com",
    );
    expect(requestOrigin(headers({ host: "evil.example/<script>" }))).toBe("http://localhost:3000");
  });
});
