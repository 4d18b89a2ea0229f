import fs from "node:fs";
import { PGlite, protocol } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { DatabaseTarget } from "./config";

/** The few raw-SQL operations the migration runner needs, over either driver. */
export interface SqlSession {
  query<Row extends Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a script of several statements (no parameters). */
  exec(script: string): Promise<void>;
  release(): Promise<void>;
}

/**
 * One statement for a hot path: prepared once per connection under `name`, then run with text
 * parameters (cast them in `text`: `$1::int`), answering rows of text values (cast what is not
 * text: `data::text`). One Bind/Execute/Sync round trip, no Prisma in between. It runs on its
 * own, in its own implicit transaction: a read, or a write that is one statement (a CTE can
 * hold several changes, which then commit together).
 */
export interface PreparedStatement {
  /**
   * Unique per distinct `text`: the connection prepares each name once. Without a name the
   * statement is parsed on every run (in the same round trip): for SQL whose text varies.
   */
  name?: string;
  text: string;
  /** Changes data: on PGlite, the filesystem is synced after it as after any write. */
  writes?: boolean;
}

export type TextRow = Array<string | null>;

export interface DatabaseConnection {
  target: DatabaseTarget;
  adapter: SqlMigrationAwareDriverAdapterFactory;
  /** Runs a prepared statement (see PreparedStatement): never inside another caller's transaction. */
  run(statement: PreparedStatement, params: ReadonlyArray<string | null>): Promise<TextRow[]>;
  /** A session pinned to one connection: advisory locks and transactions stay on it. */
  session(): Promise<SqlSession>;
  /**
   * Embedded database only (null on a PostgreSQL server): calls `onChange` for every committed
   * statement that changes the data API's tables, before that statement's own caller resumes.
   * The migration `…_data_change_notify` NOTIFYs from triggers in sessions that opt in; PGlite is
   * one session in this process and delivers each notification while it parses the committing
   * statement's answer, so no reader can see the change before `onChange` has run.
   */
  watchDataChanges: ((onChange: () => void) => Promise<void>) | null;
  close(): Promise<void>;
}

export function openConnection(target: DatabaseTarget): DatabaseConnection {
  return target.kind === "pglite" ? openPglite(target.dataDir) : openPostgres(target.url);
}

function openPglite(dataDir: string): DatabaseConnection {
  fs.mkdirSync(dataDir, { recursive: true });
  const client = new PGlite(dataDir);
  // PGlite is one connection; serialise raw sessions so a migration transaction is never
  // interleaved with another session's statements.
  let queue: Promise<void> = Promise.resolve();
  return {
    target: { kind: "pglite", dataDir },
    adapter: pgliteAdapter(client),
    run: pglitePreparedStatements(client),
    async session() {
      let release!: () => void;
      const previous = queue;
      queue = new Promise((resolve) => (release = resolve));
      await previous;
      return {
        async query<Row extends Record<string, unknown>>(text: string, params: unknown[] = []) {
          return (await client.query<Row>(text, params)).rows;
        },
        async exec(script) {
          await client.exec(script);
        },
        async release() {
          release();
        },
      };
    },
    async watchDataChanges(onChange) {
      await client.exec(`SET ${DATA_CHANGES_SETTING} = 'on'`);
      await client.listen(DATA_CHANGES_CHANNEL, onChange);
    },
    close: () => client.close(),
  };
}

/** See the migration `…_data_change_notify`. */
const DATA_CHANGES_SETTING = "keyward.notify_data_changes";
const DATA_CHANGES_CHANNEL = "keyward_data";

/**
 * Prepared statements on PGlite, by its wire protocol. PGlite runs in this process's thread, so its
 * per-query overhead is the server's CPU: `query()` takes six protocol round trips (parse,
 * describe, bind, describe, execute, sync) and copies every type parser into a fresh object for
 * each result (316 of them), about 0.9 ms for the data API's list of 5 rows, and Prisma's
 * adapter adds 0.4 ms more. A named statement prepared once, then one Bind+Execute+Sync with
 * text results, takes about 0.25 ms (bench:profile; issue 4).
 *
 * It holds the same two locks as `query()`: the transaction lock, so it never runs inside a
 * transaction another caller has open on this single connection, and the query lock.
 */
function pglitePreparedStatements(client: PGlite): DatabaseConnection["run"] {
  const { serialize } = protocol;
  const prepared = new Set<string>();
  return async (statement, params) => {
    await client.waitReady;
    return client._runExclusiveTransaction(() =>
      client._runExclusiveQuery(async () => {
        const options = { syncToFs: statement.writes === true };
        const { name = "" } = statement;
        const parse = () => serialize.parse({ name, text: statement.text });
        if (name && !prepared.has(name)) {
          await client.execProtocol(concatBytes([parse(), serialize.sync()]), options);
          prepared.add(name);
        }
        const run = [serialize.bind({ statement: name, values: [...params] }), serialize.execute({}), serialize.sync()];
        const { messages } = await client.execProtocol(concatBytes(name ? run : [parse(), ...run]), options);
        const rows: TextRow[] = [];
        for (const message of messages) if (message instanceof protocol.messages.DataRowMessage) rows.push(message.fields);
        return rows;
      }),
    );
  };
}

function concatBytes(parts: Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

/** pg's type parsing switched off: prepared statements answer text, exactly as on PGlite. */
const TEXT_RESULTS = { getTypeParser: () => (value: string) => value };

/**
 * Client-side deadlines for the request path. A PostgreSQL server that refuses connections fails
 * fast on its own, but one that accepts them and never answers (frozen, overloaded, a network
 * black hole) would hold every request for as long as the kernel keeps the socket: without these
 * an authenticated request could not answer 503 within 2 s. Each database step of a request gets
 * at most this long; the queries of this app take milliseconds, so these fire only on outages.
 */
export const POOL_CONNECT_TIMEOUT_MS = 1_500;
export const QUERY_TIMEOUT_MS = 1_500;
/**
 * The server-side bound on a pooled statement: once the client gave up (QUERY_TIMEOUT_MS) the
 * work is useless, so the server cancels it soon after. Longer than the client's deadline so that
 * the client, not the server, always decides first (a cancelled statement is an error, not 503).
 */
export const STATEMENT_TIMEOUT_MS = 2 * QUERY_TIMEOUT_MS;
/** Migrations run on their own connection with no query deadline (they may wait for a lock). */
const MIGRATION_CONNECT_TIMEOUT_MS = 5_000;

/** pg's error for a query whose answer did not arrive within `query_timeout`. */
const QUERY_READ_TIMEOUT = "Query read timeout";

/**
 * A pg client that fails safe when its server hangs or goes away mid-checkout.
 *
 * - It closes its connection when a query times out. pg gives up on the query but keeps the
 *   socket, and the statement may still run: inside a transaction the client would otherwise go
 *   back to the pool mid-transaction, and the next request would run (and could commit) inside
 *   the abandoned one. Closed, the server rolls the transaction back.
 * - Once its connection is gone it returns itself to the pool, which discards it. Prisma's
 *   adapter releases a transaction's client only after a successful COMMIT or ROLLBACK, which a
 *   dead connection never gives: each such transaction would keep a pool slot forever, and
 *   after `max` of them every request would wait for a client that never comes.
 */
class DeadlineClient extends pg.Client {
  #release?: (error?: Error | boolean) => void;

  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.on("end", () => this.#release?.(new Error("Connection ended while checked out")));
  }

  // pg-pool assigns `release` at each checkout; make it idempotent so that whichever of the
  // holder and the "end" handler above comes second is a no-op rather than a throw.
  get release(): ((error?: Error | boolean) => void) | undefined {
    return this.#release;
  }
  set release(release: ((error?: Error | boolean) => void) | undefined) {
    let released = false;
    this.#release =
      release &&
      ((error) => {
        if (released) return;
        released = true;
        release(error);
      });
  }

  // pg's query() has a dozen overloads (promise, callback, submittable); only its errors matter.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const last: unknown = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = (error: unknown, result: unknown) => {
        this.closeIfTimedOut(error);
        return (last as (error: unknown, result: unknown) => unknown)(error, result);
      };
    }
    const result: unknown = (super.query as (...args: unknown[]) => unknown)(...args);
    if (result instanceof Promise) {
      return result.catch((error: unknown) => {
        this.closeIfTimedOut(error);
        throw error;
      });
    }
    return result;
  }

  private closeIfTimedOut(error: unknown): void {
    if (error instanceof Error && error.message === QUERY_READ_TIMEOUT) {
      // Not end(): that can wait for the server to acknowledge, which a hung server never does.
      (this as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    }
  }
}

function openPostgres(url: string): DatabaseConnection {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    Client: DeadlineClient,
    connectionTimeoutMillis: POOL_CONNECT_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
  });
  // An idle client that loses its server emits "error" on the pool; without a listener Node
  // would crash the process. Queries on that client fail and are retried on a fresh one.
  pool.on("error", (error) => console.error("[db] idle PostgreSQL client error:", error.message));
  return {
    target: { kind: "postgres", url },
    adapter: new PrismaPg(pool),
    async run(statement, params) {
      // A named statement is prepared once on each pooled connection, an unnamed one parsed each
      // time. The pool's deadlines apply.
      const result = await pool.query<TextRow>({
        ...(statement.name ? { name: statement.name } : {}),
        text: statement.text,
        values: [...params],
        rowMode: "array",
        types: TEXT_RESULTS,
      });
      return result.rows;
    },
    async session() {
      // Outside the pool and its deadlines: a migration may wait for another instance's advisory
      // lock or rewrite a large table, and must not be cut off after QUERY_TIMEOUT_MS.
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: MIGRATION_CONNECT_TIMEOUT_MS });
      client.on("error", (error) => console.error("[db] migration session error:", error.message));
      await client.connect();
      return {
        async query<Row extends Record<string, unknown>>(text: string, params: unknown[] = []) {
          return (await client.query<Row>(text, params)).rows;
        },
        async exec(script) {
          await client.query(script);
        },
        async release() {
          await client.end();
        },
      };
    },
    // Other instances write too, and their notifications would arrive after their writes
    // returned: a server's data is read fresh each time.
    watchDataChanges: null,
    close: () => pool.end(),
  };
}

/**
 * pglite-prisma-adapter 0.6 is typed against its own copy of @prisma/driver-adapter-utils
 * (6.10); the interface is the same at runtime (exercised by every integration test), only the
 * two copies' declarations differ, so the types are bridged here and nowhere else.
 */
export function pgliteAdapter(client: PGlite): SqlMigrationAwareDriverAdapterFactory {
  return new PrismaPGlite(client) as unknown as SqlMigrationAwareDriverAdapterFactory;
}
