import fs from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgresServer, type PostgresServer } from "./postgres-server";

// Runs in the `postgres` project only (see vitest.config.ts): it starts a server of its own,
// separate from the project's shared one, because it stops and restarts it.

async function query<Row extends Record<string, unknown>>(url: string, text: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    return (await client.query<Row>(text)).rows;
  } finally {
    await client.end();
  }
}

describe("startPostgresServer", () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgresServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it("serves PostgreSQL on its loopback port, configured for throwaway speed", async () => {
    expect(server.url).toBe(`postgresql://postgres@127.0.0.1:${server.port}/postgres`);
    const [settings] = await query<{ port: string; fsync: string; listen: string; user: string }>(
      server.url,
      `SELECT current_setting('port') AS port, current_setting('fsync') AS fsync,
              current_setting('listen_addresses') AS listen, current_user AS user`,
    );
    expect(settings).toEqual({ port: String(server.port), fsync: "off", listen: "127.0.0.1", user: "postgres" });
  });

  it("creates databases and refuses names that would need quoting", async () => {
    const url = await server.createDatabase("keyward_server_test");
    expect(url).toBe(`postgresql://postgres@127.0.0.1:${server.port}/keyward_server_test`);
    expect(await query(url, "SELECT current_database() AS name")).toEqual([{ name: "keyward_server_test" }]);
    await expect(server.createDatabase('x"; DROP DATABASE postgres; --')).rejects.toThrow(/Not a safe database name/);
  });

  it("survives a stop and start on the same port with its data (an outage)", async () => {
    const url = await server.createDatabase("keyward_outage");
    await query(url, `CREATE TABLE kept (id int); INSERT INTO kept VALUES (42);`);

    await server.stop({ keepData: true });
    expect(server.running).toBe(false);
    await expect(query(url, "SELECT 1")).rejects.toThrow(/ECONNREFUSED/);

    await server.start();
    expect(server.running).toBe(true);
    expect(await query(url, "SELECT id FROM kept")).toEqual([{ id: 42 }]);
  });

  it("removes everything on a final stop, and cannot be started again", async () => {
    const other = await startPostgresServer();
    expect(fs.existsSync(other.baseDir)).toBe(true);

    await other.stop();

    expect(fs.existsSync(other.baseDir)).toBe(false);
    await expect(query(other.url, "SELECT 1")).rejects.toThrow(/ECONNREFUSED/);
    await expect(other.start()).rejects.toThrow(/stopped without keepData/);
  });
});
