import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { closeDatabase, db, ensureDatabaseReady, runPrepared } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { resolveDatabaseTarget } from "./config";
import { DEFAULT_MIGRATIONS_DIR } from "./migrations";

// The per-file database the test setup provides (test/setup-*.ts), used through the app's own
// entry point: the generated Prisma client over the PGlite or PostgreSQL driver adapter.

describe("the test database", () => {
  it("is the kind this project is about, private to this file", () => {
    const target = resolveDatabaseTarget();
    if (inject("postgresUrl")) {
      expect(target.kind).toBe("postgres");
      expect(target.kind === "postgres" && new URL(target.url).pathname).toMatch(/^\/keyward_test_[0-9a-f]{12}$/);
    } else {
      expect(target).toEqual({ kind: "pglite", dataDir: path.join(process.env.KEYWARD_DATA_DIR ?? "", "pglite") });
    }
  });

  it("is migrated before the first test and starts empty", async () => {
    const shipped = fs
      .readdirSync(DEFAULT_MIGRATIONS_DIR)
      .filter((name) => fs.existsSync(path.join(DEFAULT_MIGRATIONS_DIR, name, "migration.sql")))
      .sort();
    const rows = await db.$queryRaw<Array<{ migration_name: string }>>`
      SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`;
    expect(rows.map((row) => row.migration_name)).toEqual(shipped);
    expect(await db.user.count()).toBe(0);
  });

  it("hands out one readiness promise per process", () => {
    expect(ensureDatabaseReady()).toBe(ensureDatabaseReady());
  });
});

describe("the Prisma client", () => {
  it("round-trips a row and leaves password hashes out unless asked for", async () => {
    const created = await db.user.create({
      data: { name: "Ada", email: "ada@example.com", passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$x$y" },
    });
    expect(created).not.toHaveProperty("passwordHash");
    expect(created.createdAt).toBeInstanceOf(Date);

    const found = await db.user.findUnique({ where: { email: "ada@example.com" } });
    expect(found).toEqual(created);
    expect(found).not.toHaveProperty("passwordHash");

    const withSecret = await db.user.findUnique({
      where: { id: created.id },
      select: { passwordHash: true },
    });
    expect(withSecret).toEqual({ passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$x$y" });
  });

  // Known gap: pglite-prisma-adapter 0.6.1 throws every database error as a raw
  // DriverAdapterError { kind: "postgres", code: "23505" } instead of mapping it the way
  // @prisma/adapter-pg does, so Prisma cannot turn it into P2002 (nor FK errors into P2003, …).
  // Code that catches P2002 works on PostgreSQL only. `it.fails` keeps this visible: once the
  // mapping exists it starts failing and should become a plain `it`.
  const onPglite = resolveDatabaseTarget().kind === "pglite";
  (onPglite ? it.fails : it)("reports a unique violation as Prisma's P2002", async () => {
    await db.user.create({ data: { name: "One", email: "dup@example.com", passwordHash: "x" } });

    const error = await db.user
      .create({ data: { name: "Two", email: "dup@example.com", passwordHash: "x" } })
      .then(
        () => null,
        (reason: unknown) => reason,
      );

    expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect(error instanceof Prisma.PrismaClientKnownRequestError && error.code).toBe("P2002");
  });

  it("rolls back an interactive transaction that throws", async () => {
    await expect(
      db.$transaction(async (tx) => {
        await tx.user.create({ data: { name: "Ghost", email: "ghost@example.com", passwordHash: "x" } });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");

    expect(await db.user.findUnique({ where: { email: "ghost@example.com" } })).toBeNull();
  });

  it("reopens after closeDatabase, on the same data", async () => {
    await db.user.create({ data: { name: "Kept", email: "kept@example.com", passwordHash: "x" } });

    await closeDatabase();
    await ensureDatabaseReady();

    expect(await db.user.findUnique({ where: { email: "kept@example.com" } })).toMatchObject({ name: "Kept" });
  });
});

describe("prepared statements", () => {
  const usersNamed = {
    name: "test_users_named",
    text: `SELECT id, name, (extract(epoch FROM "createdAt") * 1000)::bigint::text, $2::text FROM "User" WHERE name = $1::text ORDER BY id`,
  };

  it("answer text rows for text parameters, statement prepared once and reused", async () => {
    const ada = await db.user.create({ data: { name: "Prepared Ada", email: "prepared-ada@example.com", passwordHash: "x" } });
    await db.user.create({ data: { name: "Prepared Bob", email: "prepared-bob@example.com", passwordHash: "x" } });

    expect(await runPrepared(usersNamed, ["Prepared Ada", null])).toEqual([[ada.id, "Prepared Ada", String(ada.createdAt.getTime()), null]]);
    const bob = await runPrepared(usersNamed, ["Prepared Bob", "echo"]);
    expect(bob.map((row) => [row[1], row[3]])).toEqual([["Prepared Bob", "echo"]]);
    expect(await runPrepared(usersNamed, ["nobody", null])).toEqual([]);
  });

  it("fail with the database's error and leave the connection usable", async () => {
    const badCast = { name: "test_bad_cast", text: "SELECT $1::int::text" };
    await expect(runPrepared(badCast, ["not a number"])).rejects.toThrow(/invalid input syntax for type integer/);
    expect(await runPrepared(badCast, ["42"])).toEqual([["42"]]);
    expect(await db.user.count({ where: { name: "never created" } })).toBe(0);
  });

  it("never read inside another caller's open transaction", async () => {
    // On PGlite (one connection) a read that slipped into the open transaction would see the
    // row it later rolls back; it must wait for the transaction instead.
    let pending: Promise<unknown> | undefined;
    await expect(
      db.$transaction(async (tx) => {
        await tx.user.create({ data: { name: "Rolled back", email: "rolled-back@example.com", passwordHash: "x" } });
        pending = runPrepared(usersNamed, ["Rolled back", null]);
        await new Promise((resolve) => setTimeout(resolve, 50));
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await pending).toEqual([]);
  });
});
