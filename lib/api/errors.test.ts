import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable, toApiError } from "./errors";

describe("isDatabaseUnavailable", () => {
  // The messages pg 8 and pg-pool 3 raise, verbatim, when a server hangs rather than refuses.
  it.each([
    "Query read timeout",
    "timeout exceeded when trying to connect",
    "Connection terminated due to connection timeout",
    "Connection terminated unexpectedly",
    "timeout expired",
    "Client was closed and is not queryable",
    "Client has encountered a connection error and is not queryable",
    "connect ECONNREFUSED 127.0.0.1:5432",
  ])("recognises %j, also as the cause of a wrapper", (message) => {
    expect(isDatabaseUnavailable(new Error(message))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Invalid `prisma.apiKey.findUnique()` invocation", { cause: new Error(message) }))).toBe(true);
    expect(toApiError(new Error(message), "test").status).toBe(503);
  });

  it.each(["P1001", "P2024", "57P01", "08006"])("recognises code %s", (code) => {
    expect(isDatabaseUnavailable(Object.assign(new Error("x"), { code }))).toBe(true);
  });

  it.each(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"])("recognises a raw query's P2010 whose driver error is %s", (kind) => {
    const rawFailure = Object.assign(new Error("Raw query failed."), { code: "P2010", meta: { driverAdapterError: { name: "DriverAdapterError", cause: { kind } } } });
    expect(isDatabaseUnavailable(rawFailure)).toBe(true);
  });

  it("does not take other errors for an outage", () => {
    const rawSyntaxError = Object.assign(new Error("Raw query failed."), { code: "P2010", meta: { driverAdapterError: { cause: { kind: "postgres", code: "42601" } } } });
    expect(isDatabaseUnavailable(rawSyntaxError)).toBe(false);
    expect(isDatabaseUnavailable(new Error("Unique constraint failed"))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error("canceling statement"), { code: "57014" }))).toBe(false);
    expect(isDatabaseUnavailable(new Error("the operation timeout expired for something else"))).toBe(false);
  });
});
