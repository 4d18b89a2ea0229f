import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeTarget, resolveDataDir, resolveDatabaseTarget } from "./config";

describe("resolveDatabaseTarget", () => {
  it("defaults to embedded PGlite under .data/ in the working directory", () => {
    expect(resolveDatabaseTarget({})).toEqual({ kind: "pglite", dataDir: path.resolve(".data", "pglite") });
  });

  it("puts PGlite under KEYWARD_DATA_DIR, resolved to an absolute path", () => {
    expect(resolveDatabaseTarget({ KEYWARD_DATA_DIR: "var/keyward" })).toEqual({
      kind: "pglite",
      dataDir: path.resolve("var/keyward", "pglite"),
    });
    expect(resolveDataDir({ KEYWARD_DATA_DIR: "/srv/keyward" })).toBe("/srv/keyward");
  });

  it.each(["postgres://keyward@db:5432/keyward", "postgresql://u:p@127.0.0.1/keyward?sslmode=disable"])(
    "uses PostgreSQL when DATABASE_URL is %s, whatever KEYWARD_DATA_DIR says",
    (url) => {
      expect(resolveDatabaseTarget({ DATABASE_URL: url, KEYWARD_DATA_DIR: "/srv/keyward" })).toEqual({
        kind: "postgres",
        url,
      });
    },
  );

  it.each([
    ["a MySQL URL", { DATABASE_URL: "mysql://root@localhost/keyward" }],
    ["a file path", { DATABASE_URL: "/var/lib/keyward.db" }],
    ["an empty DATABASE_URL", { DATABASE_URL: "" }],
    ["an empty KEYWARD_DATA_DIR", { KEYWARD_DATA_DIR: "" }],
  ])("refuses %s with a readable message", (_, env) => {
    expect(() => resolveDatabaseTarget(env)).toThrow(/^Invalid database configuration/);
  });
});

describe("describeTarget", () => {
  it("names the PGlite directory", () => {
    expect(describeTarget({ kind: "pglite", dataDir: "/srv/keyward/pglite" })).toBe("embedded PGlite at /srv/keyward/pglite");
  });

  it("names the server and database, never the credentials", () => {
    const described = describeTarget({ kind: "postgres", url: "postgresql://keyward:s3cret@db.internal:6543/keyward" });
    expect(described).toBe("PostgreSQL at db.internal:6543/keyward");
    expect(described).not.toContain("s3cret");
  });

  it("shows the default port when the URL has none", () => {
    expect(describeTarget({ kind: "postgres", url: "postgres://keyward@db/keyward" })).toBe("PostgreSQL at db:5432/keyward");
  });
});
