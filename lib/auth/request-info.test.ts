import { describe, expect, it } from "vitest";
import { requestInfoFrom } from "./request-info";

describe("requestInfoFrom", () => {
  it.each([
    ["a Headers object", new Headers({ "x-forwarded-for": "203.0.113.7", "user-agent": "Firefox/130" })],
    ["next-auth's plain header record", { "x-forwarded-for": "203.0.113.7", "user-agent": "Firefox/130" }],
    ["a record with repeated headers", { "x-forwarded-for": ["203.0.113.7", "10.0.0.1"], "user-agent": ["Firefox/130"] }],
  ])("reads the client IP and user agent from %s", (_, source) => {
    expect(requestInfoFrom(source)).toEqual({ ip: "203.0.113.7", userAgent: "Firefox/130" });
  });

  it("takes the rightmost X-Forwarded-For hop (written by the nearest proxy), trimmed", () => {
    expect(requestInfoFrom(new Headers({ "x-forwarded-for": "6.6.6.6 (claimed by the client), 10.0.0.2, 198.51.100.1 " })).ip).toBe("198.51.100.1");
    expect(requestInfoFrom({ "x-forwarded-for": "10.0.0.2, 2001:db8::1" }).ip).toBe("2001:db8::1");
  });

  it("falls back to X-Real-IP, then to no IP", () => {
    expect(requestInfoFrom({ "x-real-ip": " 192.0.2.9 " }).ip).toBe("192.0.2.9");
    expect(requestInfoFrom({ "x-forwarded-for": "10.0.0.2, ", "x-real-ip": "192.0.2.9" }).ip).toBe("192.0.2.9");
    expect(requestInfoFrom({})).toEqual({ ip: null, userAgent: null });
    expect(requestInfoFrom(new Headers())).toEqual({ ip: null, userAgent: null });
  });

  it("bounds what it keeps, since both end up in the database", () => {
    const info = requestInfoFrom({ "x-forwarded-for": "9".repeat(200), "user-agent": "u".repeat(2_000) });
    expect(info.ip).toHaveLength(64);
    expect(info.userAgent).toHaveLength(512);
  });
});
