import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { databaseUrl, findPostgresBinaries } from "./postgres-server";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A directory tree of fake, executable initdb/pg_ctl files. */
function fakeInstall(binDirs: string[]): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "keyward-fake-pg-"));
  dirs.push(root);
  for (const binDir of binDirs) {
    fs.mkdirSync(path.join(root, binDir), { recursive: true });
    for (const tool of ["initdb", "pg_ctl"]) fs.writeFileSync(path.join(root, binDir, tool), "#!/bin/sh\n", { mode: 0o755 });
  }
  return root;
}

describe("findPostgresBinaries", () => {
  it("picks the newest major version, comparing numbers rather than text", () => {
    const root = fakeInstall(["9.6/bin", "15/bin", "16/bin"]);
    const found = findPostgresBinaries({ env: { PATH: "" }, versionsRoot: root, usePgConfig: false });
    expect(found).toEqual({
      binDir: path.join(root, "16", "bin"),
      initdb: path.join(root, "16", "bin", "initdb"),
      pgCtl: path.join(root, "16", "bin", "pg_ctl"),
    });
  });

  it("prefers PG_BINDIR, and falls back to PATH", () => {
    const root = fakeInstall(["versions/15/bin", "custom", "on-path"]);
    const versionsRoot = path.join(root, "versions");
    expect(
      findPostgresBinaries({ env: { PG_BINDIR: path.join(root, "custom") }, versionsRoot, usePgConfig: false }).binDir,
    ).toBe(path.join(root, "custom"));
    expect(
      findPostgresBinaries({
        env: { PATH: [path.join(root, "nothing-here"), path.join(root, "on-path")].join(path.delimiter) },
        versionsRoot: path.join(root, "missing"),
        usePgConfig: false,
      }).binDir,
    ).toBe(path.join(root, "on-path"));
  });

  it("says to install PostgreSQL when there is none", () => {
    const root = fakeInstall([]);
    expect(() => findPostgresBinaries({ env: { PATH: root }, versionsRoot: root, usePgConfig: false })).toThrow(
      /not found\. Install PostgreSQL/,
    );
  });

  it("finds the real installation on this machine", () => {
    const found = findPostgresBinaries();
    expect(fs.existsSync(found.initdb)).toBe(true);
    expect(fs.existsSync(found.pgCtl)).toBe(true);
  });
});

describe("databaseUrl", () => {
  it("swaps only the database name", () => {
    expect(databaseUrl("postgresql://postgres@127.0.0.1:5433/postgres", "keyward_test_1")).toBe(
      "postgresql://postgres@127.0.0.1:5433/keyward_test_1",
    );
    expect(databaseUrl("postgresql://u:p@h/old?sslmode=disable", "new")).toBe("postgresql://u:p@h/new?sslmode=disable");
  });
});
