import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as verifyRoute from "@/app/api/v1/keys/verify/route";
import { API_ERROR_STATUS } from "@/lib/api/errors";
import { MAX_BODY_BYTES } from "@/lib/api/route";
import { MAX_ROW_BYTES } from "@/lib/api/data-route";
import { db } from "@/lib/db";
import { generateKey, type CredentialKind } from "@/lib/keys/format";
import { API_ROUTES, createFixture, insertAccessToken, insertApiKey, jsonOfSize, stateFingerprint, type Fixture } from "@/test/api-client";
import { DATA_ROUTES, dataCall } from "@/test/data-client";
import { signUp } from "@/test/factories";
import { fuzzSeed, Random } from "@/test/fuzz";

// Seeded random requests against the real route handlers of the data API (/v1), key
// verification and the management API: mangled credential headers, garbage project and
// environment headers, random JSON, broken JSON, bodies around the size limits, odd content
// types. Whatever arrives, the answer is below 500, every refusal is the API's one error shape,
// and a refused request changes nothing. The seed is printed on failure; replay it with
// FUZZ_SEED=<seed> npx vitest run --project pglite app/api/v1/api.fuzz.int.test.ts

const SEED = fuzzSeed();
const REQUESTS = 250;
// About 5–10 s alone; the whole suite in parallel on a loaded 2-core machine can triple that.
const TIMEOUT_MS = 60_000;

type Method = "GET" | "POST" | "PATCH" | "DELETE";
type Handler = (request: NextRequest, context: { params: Promise<unknown> }) => Promise<Response>;
type Module = Partial<Record<Method, Handler>>;

let fixture: Fixture;
let publishable: string;
let token: string;
let rowId: string;
const savedEnv: Record<string, string | undefined> = {};

beforeAll(async () => {
  // The fuzzer sends a few hundred requests from one address with a handful of credentials in
  // a few seconds: lift the per-second limits so they reach the code under test (a 429 would be
  // fine, but would hide everything behind it).
  for (const name of ["KEYWARD_API_RATE_LIMIT", "KEYWARD_API_ADDRESS_RATE_LIMIT"]) {
    savedEnv[name] = process.env[name];
    process.env[name] = "1000000";
  }
  const owner = await signUp();
  fixture = await createFixture(owner.ctx);
  publishable = (
    await insertApiKey({
      organizationId: owner.ctx.organizationId,
      projectId: fixture.projectRowId,
      environmentId: fixture.environmentRowId,
      kind: "publishable",
    })
  ).key;
  token = (await insertAccessToken({ organizationId: owner.ctx.organizationId, scopes: ["*:*"] })).token;
  expect((await dataCall("POST", "/v1/tables", { apiKey: fixture.key, body: { name: "posts" } })).status).toBe(201);
  const row = await dataCall("POST", "/v1/data/posts", { apiKey: fixture.key, body: { title: "first", n: 1 } });
  expect(row.status).toBe(201);
  rowId = (row.body as { id: string }).id;
});

afterAll(() => {
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** Everything a request could change: the management fingerprint plus tables, rows and tokens. */
async function fingerprint(): Promise<Record<string, string>> {
  const [row] = await db.$queryRaw<Array<Record<string, string>>>`
    SELECT
      (SELECT count(*)::text || ':' || md5(coalesce(string_agg(id || '|' || name, ',' ORDER BY id), '')) FROM "DataTable") AS "DataTable",
      (SELECT count(*)::text || ':' || md5(coalesce(string_agg(id || '|' || data::text, ',' ORDER BY id), '')) FROM "DataRow") AS "DataRow",
      (SELECT count(*)::text || ':' || md5(coalesce(string_agg(id || '|' || coalesce("revokedAt"::text, '-'), ',' ORDER BY id), '')) FROM "AccessToken") AS "AccessToken"`;
  return { ...(await stateFingerprint()), ...row };
}

// ---- What the fuzzer sends -------------------------------------------------------------------

interface Target {
  method: Method;
  pattern: string;
  module: Module;
  path(random: Random): string;
  /** A body this endpoint accepts, so some requests get through and the rest differ by little. */
  validBody?(random: Random): unknown;
  /** Row-sized bodies (64 KiB) rather than the management API's 16 KiB. */
  rowLimit?: boolean;
}

const moduleOf = (pattern: string): Module => {
  const route = [...DATA_ROUTES, ...API_ROUTES].find((candidate) => candidate.pattern === pattern);
  if (!route) throw new Error(`No route ${pattern}`);
  return route.module as Module;
};

/** Lone surrogates replaced: a URL cannot carry them (encodeURIComponent throws). */
const wellFormed = (text: string) => text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");

const segment = (random: Random, usual: string) =>
  encodeURIComponent(wellFormed(random.chance(0.6) ? usual : random.chance(0.5) ? random.string(random.int(1, 80)) : random.unicode(random.int(1, 20))));

function queryString(random: Random): string {
  if (random.chance(0.5)) return "";
  const names = ["limit", "cursor", "sort", "order", "title", "n", "filter[title]", "__proto__", "constructor", "where", ""];
  const pairs = Array.from({ length: random.int(1, 4) }, () => {
    const name = random.chance(0.7) ? random.pick(names) : random.unicode(random.int(1, 10));
    const value = random.pick([() => String(random.int(-5, 1_000)), () => random.string(random.int(0, 40)), () => random.unicode(random.int(1, 10)), () => "-title", () => "x".repeat(5_000)])();
    return `${encodeURIComponent(wellFormed(name))}=${encodeURIComponent(wellFormed(value))}`;
  });
  return `?${pairs.join("&")}`;
}

const tableName = (random: Random) => (random.chance(0.5) ? `t_${random.string(random.int(1, 12), "abcdefghijklmnopqrstuvwxyz0123456789_")}` : random.unicode(random.int(0, 70)));

const TARGETS: Target[] = [
  { method: "GET", pattern: "/v1/tables", module: moduleOf("/v1/tables"), path: (r) => `/v1/tables${queryString(r)}` },
  { method: "POST", pattern: "/v1/tables", module: moduleOf("/v1/tables"), path: () => "/v1/tables", validBody: (r) => ({ name: tableName(r) }) },
  // Never "posts": the other targets need it.
  { method: "DELETE", pattern: "/v1/tables/:table", module: moduleOf("/v1/tables/:table"), path: (r) => `/v1/tables/${segment(r, "nonexistent")}` },
  { method: "GET", pattern: "/v1/data/:table", module: moduleOf("/v1/data/:table"), path: (r) => `/v1/data/${segment(r, "posts")}${queryString(r)}` },
  {
    method: "POST",
    pattern: "/v1/data/:table",
    module: moduleOf("/v1/data/:table"),
    path: (r) => `/v1/data/${segment(r, "posts")}`,
    validBody: (r) => ({ title: r.string(r.int(0, 30)), n: r.int(-100, 100) }),
    rowLimit: true,
  },
  { method: "GET", pattern: "/v1/data/:table/:id", module: moduleOf("/v1/data/:table/:id"), path: (r) => `/v1/data/${segment(r, "posts")}/${segment(r, rowId)}` },
  {
    method: "PATCH",
    pattern: "/v1/data/:table/:id",
    module: moduleOf("/v1/data/:table/:id"),
    path: (r) => `/v1/data/${segment(r, "posts")}/${segment(r, rowId)}`,
    validBody: (r) => ({ title: r.string(r.int(0, 30)) }),
    rowLimit: true,
  },
  // Not the fixture row: the other targets read and patch it.
  { method: "DELETE", pattern: "/v1/data/:table/:id", module: moduleOf("/v1/data/:table/:id"), path: (r) => `/v1/data/${segment(r, "posts")}/${segment(r, "c0000000000000000000000000")}` },
  {
    method: "POST",
    pattern: "/api/v1/keys/verify",
    module: verifyRoute as Module,
    path: () => "/api/v1/keys/verify",
    validBody: (r) => ({ key: r.pick([publishable, fixture.key, generateKey("publishable")]), ...(r.chance(0.5) ? { scopes: ["table:data:read"] } : {}) }),
  },
  { method: "GET", pattern: "/api/v1/projects", module: moduleOf("/api/v1/projects"), path: (r) => `/api/v1/projects${queryString(r)}` },
  { method: "POST", pattern: "/api/v1/projects", module: moduleOf("/api/v1/projects"), path: () => "/api/v1/projects", validBody: (r) => ({ name: r.string(r.int(0, 70)) }) },
  {
    method: "GET",
    pattern: "/api/v1/projects/:projectId/environments/:environment/keys",
    module: moduleOf("/api/v1/projects/:projectId/environments/:environment/keys"),
    path: (r) => `/api/v1/projects/${segment(r, fixture.projectId)}/environments/${segment(r, "dev")}/keys${queryString(r)}`,
  },
  {
    method: "POST",
    pattern: "/api/v1/projects/:projectId/environments/:environment/keys",
    module: moduleOf("/api/v1/projects/:projectId/environments/:environment/keys"),
    path: (r) => `/api/v1/projects/${segment(r, fixture.projectId)}/environments/${segment(r, "dev")}/keys`,
    validBody: (r) => ({ name: r.string(r.int(0, 70)), kind: r.pick(["secret", "publishable", "other"]) }),
  },
];

/** A header value as a server would see arbitrary bytes: each byte one Latin-1 character. */
function asHeaderValue(text: string): string {
  const bytes = new TextEncoder().encode(text);
  return Array.from(bytes, (byte) => String.fromCharCode(byte))
    .join("")
    .replace(/[\0\r\n]/g, "");
}

function mangledKey(random: Random, key: string): string {
  const chars = [...key];
  switch (random.int(0, 5)) {
    case 0: {
      // One character flipped: the checksum no longer matches.
      const at = random.int(0, chars.length - 1);
      chars[at] = chars[at] === "a" ? "b" : "a";
      return chars.join("");
    }
    case 1:
      return generateKey(random.pick<CredentialKind>(["publishable", "secret", "access_token"])); // well-formed, unknown
    case 2:
      return key.replace(/^(pk|sk|at)_/, `${random.pick(["pk", "sk", "at", "xx", "", "sk_sk"])}_`);
    case 3:
      return key.slice(0, random.int(0, key.length));
    case 4:
      return key + random.string(random.int(1, 10));
    default:
      return key.toUpperCase();
  }
}

function credential(random: Random): string {
  const valid = [fixture.key, publishable, token];
  switch (random.int(0, 6)) {
    case 0:
    case 1:
      return random.pick(valid);
    case 2:
    case 3:
      return mangledKey(random, random.pick(valid));
    case 4:
      return asHeaderValue(random.unicode(random.int(0, 40)));
    case 5:
      return random.string(random.pick([0, 1, 300, 10_000]));
    default:
      return asHeaderValue(new TextDecoder().decode(random.bytes(random.int(1, 60))));
  }
}

/** Credentials the target accepts, so the request gets past authentication to the rest. */
function goodHeaders(random: Random, target: Target): Headers {
  const out = new Headers({ "user-agent": "vitest/fuzz", "x-forwarded-for": "198.51.100.77" });
  const data = target.pattern.startsWith("/v1/");
  const useToken = !data && target.pattern !== "/api/v1/keys/verify" ? true : random.chance(0.3);
  if (useToken) {
    out.set("authorization", `Bearer ${token}`);
    if (data) {
      out.set("x-project-id", fixture.projectId);
      out.set("x-environment", "dev");
    }
  } else if (random.chance(0.5)) {
    out.set("x-api-key", target.method === "GET" && random.chance(0.5) ? publishable : fixture.key);
  } else {
    out.set("authorization", `Bearer ${fixture.key}`);
  }
  return out;
}

function headers(random: Random, target: Target): Headers {
  if (random.chance(0.5)) return goodHeaders(random, target);
  const out = new Headers({ "user-agent": "vitest/fuzz", "x-forwarded-for": "198.51.100.77" });
  const set = (name: string, value: string) => (random.chance(0.1) ? out.append(name, value) : out.set(name, value));
  const style = random.int(0, 5);
  if (style === 0 || style === 2 || style === 4) {
    const scheme = random.chance(0.85) ? "Bearer " : random.pick(["bearer ", "Basic ", "Bearer  ", "", "Token ", "Bearer\t"]);
    set("authorization", scheme + credential(random));
  }
  if (style === 1 || style === 2 || style === 4) set("x-api-key", credential(random));
  // Duplicated credentials: the same header twice ("a, b" once joined).
  if (style === 4) out.append(random.pick(["authorization", "x-api-key"]), credential(random));
  if (random.chance(0.5)) set("x-project-id", random.chance(0.6) ? fixture.projectId : asHeaderValue(random.unicode(random.int(0, 50))));
  if (random.chance(0.5)) set("x-environment", random.chance(0.6) ? random.pick(["dev", "prod"]) : asHeaderValue(random.unicode(random.int(0, 50))));
  if (random.chance(0.1)) out.set("x-forwarded-for", asHeaderValue(random.unicode(random.int(0, 100))));
  return out;
}

const POLLUTING_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf"];

/** Random JSON text (keys like __proto__ included as own keys, as a client would send them). */
function randomJson(random: Random, depth: number): string {
  const kind = depth <= 0 ? random.int(0, 4) : random.int(0, 6);
  switch (kind) {
    case 0:
      return "null";
    case 1:
      return random.pick(["true", "false"]);
    case 2:
      return random.pick(["0", "-0", "1e308", "-1e308", "1e-320", "12345678901234567890", String(random.int(-1e9, 1e9)), "3.14"]);
    case 3:
      return JSON.stringify(random.string(random.int(0, 30)));
    case 4:
      return JSON.stringify(random.unicode(random.int(0, 20)));
    case 5:
      return `[${Array.from({ length: random.int(0, 5) }, () => randomJson(random, depth - 1)).join(",")}]`;
    default: {
      const entries = Array.from({ length: random.int(0, 6) }, () => {
        const key = random.chance(0.3) ? random.pick(POLLUTING_KEYS) : random.chance(0.5) ? random.string(random.int(0, 12)) : random.unicode(random.int(0, 8));
        return `${JSON.stringify(key)}:${randomJson(random, depth - 1)}`;
      });
      return `{${entries.join(",")}}`;
    }
  }
}

interface Body {
  bytes?: Uint8Array<ArrayBuffer>;
  contentType: string | null;
  summary: string;
}

function body(random: Random, target: Target): Body {
  const limit = target.rowLimit ? MAX_ROW_BYTES : MAX_BODY_BYTES;
  const contentType = random.chance(0.8)
    ? "application/json"
    : random.pick([null, "text/plain", "application/json; charset=utf-16", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/vnd.api+json", asHeaderValue(random.unicode(random.int(0, 30)))]);
  const text = (value: string) => new TextEncoder().encode(value);
  let bytes: Uint8Array<ArrayBuffer> | undefined;
  let summary: string;
  switch (random.int(0, 7)) {
    case 0:
    case 1: {
      const value = target.validBody?.(random) ?? {};
      const json = JSON.stringify(value);
      summary = `valid ${json.slice(0, 80)}`;
      bytes = text(json);
      break;
    }
    case 2: {
      const json = randomJson(random, random.int(0, 6));
      summary = `random ${json.slice(0, 120)}`;
      bytes = text(json);
      break;
    }
    case 3: {
      // Valid fields plus polluting keys, as own properties of the parsed object.
      const valid = JSON.stringify(target.validBody?.(random) ?? {});
      const extra = `${JSON.stringify(random.pick(POLLUTING_KEYS))}:${randomJson(random, 2)}`;
      const json = valid === "{}" ? `{${extra}}` : `${valid.slice(0, -1)},${extra}}`;
      summary = `polluting ${json.slice(0, 120)}`;
      bytes = text(json);
      break;
    }
    case 4: {
      const json = randomJson(random, 3);
      const cut = json.slice(0, random.int(0, Math.max(0, json.length - 1)));
      summary = `broken ${cut.slice(0, 80)}`;
      bytes = random.chance(0.5) ? text(cut + random.pick(["", ",", "}", "]", "\\", '"'])) : random.bytes(random.int(1, 200));
      break;
    }
    case 5: {
      const size = limit + random.pick([-1, 0, 1, 2, limit]);
      summary = `sized ${size}`;
      bytes = text(jsonOfSize(size, random.pick(["name", "title", "key"])));
      break;
    }
    case 6: {
      const depth = random.pick([100, 1_000, 5_000, Math.floor(limit / 2) - 1]);
      summary = `nested ${depth}`;
      bytes = text(random.chance(0.5) ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(Math.min(depth, Math.floor(limit / 6))) + "1" + "}".repeat(Math.min(depth, Math.floor(limit / 6))));
      break;
    }
    default:
      summary = "none";
  }
  return { bytes, contentType: bytes ? contentType : random.chance(0.2) ? "application/json" : null, summary };
}

function paramsOf(pattern: string, pathname: string): Record<string, string> | undefined {
  const want = pattern.split("/");
  const got = pathname.split("/");
  const params: Record<string, string> = {};
  for (const [i, name] of want.entries()) if (name.startsWith(":")) params[name.slice(1)] = decodeURIComponent(got[i] ?? "");
  return Object.keys(params).length > 0 ? params : undefined;
}

// ---- The run -----------------------------------------------------------------------------------

interface Failure {
  index: number;
  request: string;
  problem: string;
}

describe("fuzzed requests", () => {
  it(`answer below 500, refuse in the one error shape and change nothing when they refuse (FUZZ_SEED=${SEED})`, async () => {
    const random = new Random(SEED);
    const failures: Failure[] = [];
    const statuses = new Map<number, number>();
    let state = await fingerprint();

    for (let index = 0; index < REQUESTS && failures.length < 5; index++) {
      const target = random.pick(TARGETS);
      const path = target.path(random);
      const sentHeaders = headers(random, target);
      const sentBody = target.method === "GET" || (target.method === "DELETE" && random.chance(0.8)) ? { contentType: null, summary: "none" } : body(random, target);
      if (sentBody.contentType !== null) sentHeaders.set("content-type", sentBody.contentType);
      const description = `${target.method} ${path.slice(0, 200)} headers=${JSON.stringify([...sentHeaders].map(([n, v]) => [n, v.slice(0, 60)]))} body=${sentBody.summary}`;

      let response: Response;
      try {
        const url = new URL(path, "http://localhost");
        const request = new NextRequest(url, { method: target.method, headers: sentHeaders, body: "bytes" in sentBody ? sentBody.bytes : undefined });
        const handler = target.module[target.method];
        if (!handler) throw new Error(`${target.pattern} has no ${target.method}`);
        response = await handler(request, { params: Promise.resolve(paramsOf(target.pattern, url.pathname)) });
      } catch (error) {
        failures.push({ index, request: description, problem: `threw ${String(error)}` });
        continue;
      }
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const text = await response.text();
      const problems: string[] = [];
      if (response.status >= 500) problems.push(`status ${response.status}: ${text.slice(0, 300)}`);
      if (response.status >= 400) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          problems.push(`a ${response.status} whose body is not JSON: ${text.slice(0, 100)}`);
        }
        const error = (parsed as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
        const code = typeof error?.code === "string" ? error.code : undefined;
        if (!code || typeof error?.message !== "string" || !(code in API_ERROR_STATUS)) {
          problems.push(`a ${response.status} not in the error shape: ${text.slice(0, 200)}`);
        } else if (API_ERROR_STATUS[code as keyof typeof API_ERROR_STATUS] !== response.status) {
          problems.push(`code ${code} with status ${response.status}`);
        }
      }
      // The state after the previous write-capable request is the state before this one (GETs
      // write nothing that is fingerprinted), so one fingerprint per request is enough.
      if (target.method !== "GET") {
        const after = await fingerprint();
        if (response.status >= 400 && JSON.stringify(after) !== JSON.stringify(state)) {
          problems.push(`refused (${response.status}) yet changed ${JSON.stringify({ before: state, after })}`);
        }
        state = after;
      }
      if (problems.length > 0) failures.push({ index, request: description, problem: problems.join("; ") });
    }

    const summary = [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(" ");
    console.info(`[fuzz] seed ${SEED}: ${summary}`);
    expect(failures, `FUZZ_SEED=${SEED} reproduces these`).toEqual([]);
    // The fuzzer must reach past authentication, or it tests nothing but the front door.
    expect([...statuses.keys()].some((status) => status < 300), `FUZZ_SEED=${SEED}: no request succeeded`).toBe(true);
  }, TIMEOUT_MS);
});
