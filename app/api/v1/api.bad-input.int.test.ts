import { beforeAll, describe, expect, it } from "vitest";
import { newProjectPublicId } from "@/lib/dal/accounts";
import { MAX_BODY_BYTES } from "@/lib/api/route";
import {
  call,
  createFixture,
  errorOf,
  insertAccessToken,
  jsonOfSize,
  pathsOf,
  stateFingerprint,
  streamOf,
  type CallOptions,
  type Fixture,
  type InsertedToken,
  type Method,
} from "@/test/api-client";
import { signUp, type TestAccount } from "@/test/factories";

// Hostile and broken requests, table-driven, on every endpoint they apply to. Every case must be
// answered below 500 with the expected status and code, and must change nothing: projects,
// environments, keys and audit events are fingerprinted before and after each request.

type Url = keyof ReturnType<typeof pathsOf>;

interface Endpoint {
  method: Method;
  url: Url;
  /** A valid body, so a refusal is due to what the case breaks and nothing else. */
  body?: Record<string, unknown>;
}

const ENDPOINTS: Endpoint[] = [
  { method: "GET", url: "projects" },
  { method: "POST", url: "projects", body: { name: "Valid project" } },
  { method: "GET", url: "project" },
  { method: "PATCH", url: "project", body: { name: "Valid rename" } },
  { method: "DELETE", url: "project" },
  { method: "GET", url: "environments" },
  { method: "POST", url: "environments", body: { slug: "staging" } },
  { method: "GET", url: "environment" },
  { method: "PATCH", url: "environment", body: { slug: "development" } },
  { method: "DELETE", url: "environment" },
  { method: "GET", url: "keys" },
  { method: "POST", url: "keys", body: { name: "valid key", kind: "secret" } },
  { method: "GET", url: "key" },
  { method: "DELETE", url: "key" },
];

interface Expected {
  status: number;
  code: string;
  /** details.fieldErrors must have an entry for this field. */
  field?: string;
  /** details.formErrors must have an entry matching this. */
  formError?: RegExp;
}

interface Case {
  name: string;
  method: Method;
  path: () => string;
  options: () => CallOptions;
  expected: Expected;
}

let owner: TestAccount;
let fixture: Fixture;
let tokenPool: InsertedToken[];
let starApiKey: InsertedToken;
let nextToken = 0;
/** Tokens in turn: hundreds of requests in a few seconds stay under the per-token rate limit. */
const token = () => (tokenPool[nextToken++ % tokenPool.length] as InsertedToken).token;

beforeAll(async () => {
  owner = await signUp({ name: "Bad Input Owner" });
  fixture = await createFixture(owner.ctx);
  tokenPool = [];
  for (let i = 0; i < 8; i++) tokenPool.push(await insertAccessToken({ organizationId: owner.ctx.organizationId, scopes: ["*:*"] }));
  starApiKey = await insertAccessToken({ organizationId: owner.ctx.organizationId, scopes: ["*:*"], type: "API_KEY" });
});

function label(endpoint: Endpoint): string {
  return `${endpoint.method} ${endpoint.url}`;
}

function run(cases: Case[]) {
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const before = await stateFingerprint();
      const response = await call(testCase.method, testCase.path(), testCase.options());
      const summary = `${response.status} ${JSON.stringify(response.body)}`;
      const after = await stateFingerprint();
      // A case that changed something (a bug) fails on its own rather than in a cascade: later
      // cases start from a fresh fixture.
      if (JSON.stringify(after) !== JSON.stringify(before)) fixture = await createFixture(owner.ctx);
      expect(response.status, summary).toBeLessThan(500);
      expect(response.status, summary).toBe(testCase.expected.status);
      const error = errorOf(response);
      expect(error.code, summary).toBe(testCase.expected.code);
      if (testCase.expected.field) {
        expect(error.details?.fieldErrors?.[testCase.expected.field], summary).toEqual(expect.arrayContaining([expect.any(String)]));
      }
      if (testCase.expected.formError) {
        expect(error.details?.formErrors, summary).toEqual(expect.arrayContaining([expect.stringMatching(testCase.expected.formError)]));
      }
      expect(after, summary).toEqual(before);
    });
  }
}

// ── Bodies ─────────────────────────────────────────────────────────────────────────────────
const BODY_ENDPOINTS = ENDPOINTS.filter((endpoint) => endpoint.body);

/** The fields each body endpoint takes, with values its schema must refuse. */
const INVALID_FIELDS: Record<string, Array<{ field: string; values: Array<[string, unknown]> }>> = {
  name: [
    {
      field: "name",
      values: [
        ["a number", 123],
        ["null", null],
        ["a boolean", true],
        ["an array", ["x"]],
        ["an object", { first: "x" }],
        ["empty", ""],
        ["only spaces", "   "],
        ["65 characters", "x".repeat(65)],
        ["a NUL character", "a\u0000b"],
        ["a bell character", "bell\u0007"],
        ["an ANSI escape", "esc\u001b[31mred"],
        ["a line break", "line\nbreak"],
      ],
    },
  ],
  slug: [
    {
      field: "slug",
      values: [
        ["a number", 123],
        ["null", null],
        ["empty", ""],
        ["one character", "a"],
        ["25 characters", "x".repeat(25)],
        ["a leading digit", "1abc"],
        ["a leading dash", "-abc"],
        ["a space", "has space"],
        ["an underscore", "dev_1"],
        ["an accent", "dév"],
        ["a NUL character", "dev\u0000"],
        ["a path", "../etc"],
        ["SQL", "x';drop table \"Environment\";--"],
      ],
    },
  ],
  key: [
    {
      field: "name",
      values: [
        ["a number", 123],
        ["null", null],
        ["empty", ""],
        ["only spaces", "  "],
        ["65 characters", "k".repeat(65)],
        ["a NUL character", "a\u0000b"],
        ["an ANSI escape", "esc\u001b[31mred"],
      ],
    },
    {
      field: "kind",
      values: [
        ["not a kind", "root"],
        ["upper case", "SECRET"],
        ["null", null],
        ["a number", 1],
      ],
    },
  ],
};

function fieldsOf(endpoint: Endpoint) {
  if (endpoint.url === "keys") return INVALID_FIELDS.key ?? [];
  return endpoint.body && "slug" in endpoint.body ? (INVALID_FIELDS.slug ?? []) : (INVALID_FIELDS.name ?? []);
}

function bodyCases(endpoint: Endpoint): Case[] {
  const valid = endpoint.body ?? {};
  const json = JSON.stringify(valid);
  const base = { method: endpoint.method, path: () => pathsOf(fixture)[endpoint.url] };
  const firstField = Object.keys(valid)[0] ?? "name";
  const cases: Case[] = [];
  const add = (name: string, options: () => CallOptions, expected: Expected) =>
    cases.push({ ...base, name: `${label(endpoint)}: ${name}`, options: () => ({ token: token(), ...options() }), expected });

  for (const [name, raw] of [
    ["truncated JSON", json.slice(0, -3)],
    ["a trailing comma", `${json.slice(0, -1)},}`],
    ["single quotes", json.replaceAll('"', "'")],
    ["an empty body", ""],
    ["a NUL byte", "\u0000"],
  ] as const) {
    add(`malformed JSON (${name}) → 400`, () => ({ rawBody: raw }), { status: 400, code: "MALFORMED_JSON" });
  }

  for (const [name, contentType, raw] of [
    ["text/plain", "text/plain", json],
    ["form-urlencoded", "application/x-www-form-urlencoded", new URLSearchParams(valid as Record<string, string>).toString()],
    ["multipart", "multipart/form-data; boundary=xyz", `--xyz\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--xyz--`],
    ["no Content-Type", null, json],
    ["application/jsonx", "application/jsonx", json],
    ["text/json", "text/json", json],
  ] as const) {
    add(`content type ${name} → 415`, () => ({ rawBody: raw, contentType }), { status: 415, code: "UNSUPPORTED_MEDIA_TYPE" });
  }

  const over = jsonOfSize(MAX_BODY_BYTES + 1, firstField);
  add("16 KiB + 1 byte with Content-Length → 413", () => ({ rawBody: over, headers: { "content-length": String(over.length) } }), {
    status: 413,
    code: "PAYLOAD_TOO_LARGE",
  });
  add("16 KiB + 1 byte streamed, no Content-Length → 413", () => ({ rawBody: streamOf(over) }), { status: 413, code: "PAYLOAD_TOO_LARGE" });
  add("1 MiB under a lying Content-Length: 10 → 413", () => ({ rawBody: jsonOfSize(1024 * 1024, firstField), headers: { "content-length": "10" } }), {
    status: 413,
    code: "PAYLOAD_TOO_LARGE",
  });
  add("exactly 16 KiB is read, then refused as invalid → 400", () => ({ rawBody: jsonOfSize(MAX_BODY_BYTES, firstField) }), {
    status: 400,
    code: "VALIDATION_FAILED",
    field: firstField,
  });

  for (const [name, raw] of [
    ["null", "null"],
    ["an array", "[]"],
    ["a string", '"name"'],
    ["a number", "42"],
  ] as const) {
    add(`a body that is ${name}, not an object → 400`, () => ({ rawBody: raw }), {
      status: 400,
      code: "VALIDATION_FAILED",
      formError: /expected object/,
    });
  }

  // Unknown keys are a fault of the body as a whole: zod reports them as form errors, naming them.
  add("an unknown field → 400 naming it", () => ({ body: { ...valid, admin: true } }), {
    status: 400,
    code: "VALIDATION_FAILED",
    formError: /"admin"/,
  });
  add("an organizationId field → 400 naming it", () => ({ body: { ...valid, organizationId: "someone-else" } }), {
    status: 400,
    code: "VALIDATION_FAILED",
    formError: /"organizationId"/,
  });
  add("a __proto__ field → 400 naming it", () => ({ rawBody: `{"__proto__":{"admin":true},${json.slice(1)}` }), {
    status: 400,
    code: "VALIDATION_FAILED",
    formError: /"__proto__"/,
  });

  for (const { field, values } of fieldsOf(endpoint)) {
    add(`${field} missing → 400`, () => ({ body: Object.fromEntries(Object.entries(valid).filter(([key]) => key !== field)) }), {
      status: 400,
      code: "VALIDATION_FAILED",
      field,
    });
    for (const [name, value] of values) {
      add(`${field} ${name} → 400`, () => ({ body: { ...valid, [field]: value } }), { status: 400, code: "VALIDATION_FAILED", field });
    }
  }
  return cases;
}

describe("request bodies", () => {
  for (const endpoint of BODY_ENDPOINTS) {
    describe(label(endpoint), () => run(bodyCases(endpoint)));
  }

  describe("environment names that are taken", () => {
    run([
      {
        name: "POST environments: prod exists → 409",
        method: "POST",
        path: () => pathsOf(fixture).environments,
        options: () => ({ token: token(), body: { slug: "prod" } }),
        expected: { status: 409, code: "CONFLICT", field: "slug" },
      },
      {
        name: "POST environments: PROD is prod once lower-cased → 409",
        method: "POST",
        path: () => pathsOf(fixture).environments,
        options: () => ({ token: token(), body: { slug: "PROD" } }),
        expected: { status: 409, code: "CONFLICT", field: "slug" },
      },
      {
        name: "PATCH environment: renaming dev to prod → 409",
        method: "PATCH",
        path: () => pathsOf(fixture).environment,
        options: () => ({ token: token(), body: { slug: "prod" } }),
        expected: { status: 409, code: "CONFLICT", field: "slug" },
      },
    ]);
  });
});

// ── Path ids ───────────────────────────────────────────────────────────────────────────────
const BAD_IDS: Record<"projectId" | "environment" | "keyId", Array<[string, () => string]>> = {
  projectId: [
    ["proj_x", () => "proj_x"],
    ["5,000 characters", () => `proj_${"a".repeat(5000)}`],
    ["SQL", () => "proj_' OR '1'='1"],
    ["SQL with a statement", () => 'proj_1;DROP TABLE "Project";--'],
    ["unicode", () => "proj_ÄÖÜäöüß漢字🙂abcdefghijk"],
    ["upper-cased", () => fixture.projectId.toUpperCase()],
    ["a trailing newline", () => `${fixture.projectId}\n`],
    ["a NUL byte", () => `${fixture.projectId.slice(0, -1)}\u0000`],
    ["well-formed, unknown", () => newProjectPublicId()],
  ],
  environment: [
    ["upper-cased", () => "DEV"],
    ["one character", () => "d"],
    ["SQL", () => "dev'--"],
    ["a NUL byte", () => "dev\u0000"],
    ["5,000 characters", () => "e".repeat(5000)],
    ["unicode", () => "dév"],
    ["a path", () => "../prod"],
    ["well-formed, unknown", () => "staging"],
  ],
  keyId: [
    ["SQL", () => "' OR 1=1--"],
    ["upper-cased", () => fixture.keyId.toUpperCase()],
    ["5,000 characters", () => "k".repeat(5000)],
    ["unicode", () => `ключ${"a".repeat(20)}`],
    ["a path", () => "..%2F..%2Fprojects"],
    ["well-formed, unknown", () => `c${"1".repeat(24)}`],
  ],
};

const ID_PARAMS: Record<Url, Array<keyof typeof BAD_IDS>> = {
  projects: [],
  project: ["projectId"],
  environments: ["projectId"],
  environment: ["projectId", "environment"],
  keys: ["projectId", "environment"],
  key: ["projectId", "environment", "keyId"],
};

function idCases(endpoint: Endpoint): Case[] {
  return ID_PARAMS[endpoint.url].flatMap((param) =>
    BAD_IDS[param].map(([name, value]) => ({
      name: `${label(endpoint)}: ${param} ${name} → 404`,
      method: endpoint.method,
      path: () => pathsOf({ ...fixture, [param]: value() })[endpoint.url],
      options: () => ({ token: token(), body: endpoint.body }),
      expected: { status: 404, code: "NOT_FOUND" },
    })),
  );
}

describe("ids in the path", () => {
  for (const endpoint of ENDPOINTS.filter((e) => ID_PARAMS[e.url].length > 0)) {
    describe(label(endpoint), () => run(idCases(endpoint)));
  }
});

// ── Query strings ──────────────────────────────────────────────────────────────────────────
const base64url = (text: string) => Buffer.from(text).toString("base64url");
const BAD_LIMITS = ["0", "-1", "101", "1000", "abc", "1.5", "", "1e9"];
const BAD_CURSORS: Array<[string, string]> = [
  ["garbage", "garbage"],
  ["punctuation", "!!!!"],
  ["JSON of the wrong shape", base64url('{"a":1}')],
  ["not a date", base64url('["not-a-date","abc"]')],
  ["an upper-case id", base64url('["2026-01-01T00:00:00.000Z","UPPER"]')],
  ["201 characters", "x".repeat(201)],
];

function queryCases(endpoint: Endpoint): Case[] {
  const list = () => pathsOf(fixture)[endpoint.url];
  const cases: Case[] = BAD_LIMITS.map((limit) => ({
    name: `${label(endpoint)}: limit=${limit} → 400`,
    method: "GET",
    path: () => `${list()}?limit=${encodeURIComponent(limit)}`,
    options: () => ({ token: token() }),
    expected: { status: 400, code: "VALIDATION_FAILED", field: "limit" },
  }));
  for (const [name, cursor] of BAD_CURSORS) {
    cases.push({
      name: `${label(endpoint)}: cursor ${name} → 400`,
      method: "GET",
      path: () => `${list()}?cursor=${encodeURIComponent(cursor)}`,
      options: () => ({ token: token() }),
      expected: { status: 400, code: "VALIDATION_FAILED", field: "cursor" },
    });
  }
  if (endpoint.url === "keys") {
    cases.push({
      name: `${label(endpoint)}: kind=root → 400`,
      method: "GET",
      path: () => `${list()}?kind=root`,
      options: () => ({ token: token() }),
      expected: { status: 400, code: "VALIDATION_FAILED", field: "kind" },
    });
  }
  return cases;
}

// The environments list takes no query: it is always one page (see api.limits.int.test.ts).
describe("query strings", () => {
  for (const endpoint of ENDPOINTS.filter((e) => e.method === "GET" && ["projects", "keys"].includes(e.url))) {
    describe(label(endpoint), () => run(queryCases(endpoint)));
  }
});

// ── Credential headers ─────────────────────────────────────────────────────────────────────
const BAD_HEADERS: Array<[string, () => Record<string, string>]> = [
  ["Authorization: Basic", () => ({ authorization: `Basic ${Buffer.from("user:password").toString("base64")}` })],
  ["Authorization: Bearer without a token", () => ({ authorization: "Bearer" })],
  ["Authorization: Bearer and a space", () => ({ authorization: "Bearer " })],
  ["Authorization: Bearer with two words", () => ({ authorization: `Bearer ${token()} extra` })],
  ["Authorization: Token <valid token>", () => ({ authorization: `Token ${token()}` })],
  ["both Authorization and X-API-Key, each valid", () => ({ authorization: `Bearer ${token()}`, "x-api-key": starApiKey.token })],
  ["a 10 KB Authorization header", () => ({ authorization: `Bearer ${"A".repeat(10 * 1024)}` })],
  ["a 10 KB X-API-Key header", () => ({ "x-api-key": `at_${"A".repeat(10 * 1024)}` })],
  ["an empty X-API-Key header", () => ({ "x-api-key": "" })],
];

describe("credential headers", () => {
  for (const endpoint of ENDPOINTS) {
    describe(label(endpoint), () =>
      run(
        BAD_HEADERS.map(([name, headers]) => ({
          name: `${label(endpoint)}: ${name} → 401`,
          method: endpoint.method,
          path: () => pathsOf(fixture)[endpoint.url],
          options: () => ({ headers: headers(), body: endpoint.body }),
          expected: { status: 401, code: "UNAUTHENTICATED" },
        })),
      ),
    );
  }
});
