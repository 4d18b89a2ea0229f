import { beforeAll, describe, expect, it } from "vitest";
import { newProjectPublicId } from "@/lib/dal/accounts";
import { createAccessToken, rollAccessToken } from "@/lib/dal/access-tokens";
import { rollApiKey, updateApiKey } from "@/lib/dal/api-keys";
import { MAX_BODY_BYTES } from "@/lib/api/route";
import {
  call,
  createFixture,
  errorOf,
  insertAccessToken,
  insertApiKey,
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
  { method: "PATCH", url: "key", body: { name: "valid rename" } },
  { method: "DELETE", url: "key" },
  { method: "POST", url: "keyRoll", body: { overlap: "1h" } },
  { method: "GET", url: "roles" },
  { method: "POST", url: "roles", body: { name: "valid role", grants: [{ table: "orders", actions: ["read"] }] } },
  { method: "GET", url: "role" },
  { method: "PATCH", url: "role", body: { description: "valid description" } },
  { method: "DELETE", url: "role" },
  { method: "GET", url: "tokenSelf" },
  { method: "POST", url: "tokenRoll", body: { overlap: "1h" } },
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

interface FieldCases {
  field: string;
  values: Array<[string, unknown]>;
  /** Optional fields (PATCH bodies) have no "missing" case; the empty body has its own. */
  optional?: true;
}

const GRANT = { table: "orders", actions: ["read"] };
const INVALID_GRANTS: Array<[string, unknown]> = [
  ["empty", []],
  ["not an array", GRANT],
  ["an unknown action", [{ ...GRANT, actions: ["read", "admin"] }]],
  ["no actions", [{ ...GRANT, actions: [] }]],
  ["an action twice", [{ ...GRANT, actions: ["read", "read"] }]],
  ["a bad table name", [{ ...GRANT, table: "Orders!" }]],
  ["an unknown grant field", [{ ...GRANT, rows: "all" }]],
  ["a condition on a bad field name", [{ ...GRANT, conditions: [{ field: "a-b", equals: { value: 1 } }] }]],
  ["a condition comparing with an object", [{ ...GRANT, conditions: [{ field: "a", equals: { value: { nested: true } } }] }]],
  ["a condition with both value and context", [{ ...GRANT, conditions: [{ field: "a", equals: { value: 1, context: "a" } }] }]],
  ["a condition without equals", [{ ...GRANT, conditions: [{ field: "a" }] }]],
  ["51 grants", Array.from({ length: 51 }, () => GRANT)],
];

const NAME_VALUES: Array<[string, unknown]> = [
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
];

/** The fields each body endpoint takes, with values its schema must refuse. */
const INVALID_FIELDS: Record<string, FieldCases[]> = {
  name: [{ field: "name", values: NAME_VALUES }],
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
  keyUpdate: [{ field: "name", values: NAME_VALUES, optional: true }],
  keyRoll: [
    {
      field: "overlap",
      values: [
        ["not in the list", "2h"],
        ["upper case", "NOW"],
        ["a number of seconds", 3600],
        ["null", null],
      ],
    },
  ],
  roleCreate: [
    { field: "name", values: NAME_VALUES },
    { field: "grants", values: INVALID_GRANTS },
  ],
  roleUpdate: [
    {
      field: "description",
      values: [
        ["a number", 1],
        ["null", null],
        ["281 characters", "d".repeat(281)],
        ["a NUL character", "a\u0000b"],
      ],
      optional: true,
    },
  ],
};

function fieldsOf(endpoint: Endpoint): FieldCases[] {
  const byEndpoint: Partial<Record<string, string>> = {
    "POST keys": "key",
    "PATCH key": "keyUpdate",
    "POST keyRoll": "keyRoll",
    "POST tokenRoll": "keyRoll",
    "POST roles": "roleCreate",
    "PATCH role": "roleUpdate",
  };
  const named = byEndpoint[label(endpoint)];
  if (named) return INVALID_FIELDS[named] ?? [];
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

  for (const { field, values, optional } of fieldsOf(endpoint)) {
    if (!optional) {
      add(`${field} missing → 400`, () => ({ body: Object.fromEntries(Object.entries(valid).filter(([key]) => key !== field)) }), {
        status: 400,
        code: "VALIDATION_FAILED",
        field,
      });
    }
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

// ── What bodies mean: well-formed, but refused for what they ask ────────────────────────────
// Roles must be the project's own, context flat, expiry in the future, and keys in a state the
// operation applies to; each refusal is a 4xx that changes nothing (checked by run()).
let elsewhere: { otherProjectRoleId: string; strangerRoleId: string; publishable: Fixture & { publishableKeyId: string } };
let rolled: Fixture;
let held: Fixture;
/** A token rolled with a 7-day overlap: it still authenticates, but cannot roll again. */
let rolledToken: string;

beforeAll(async () => {
  const stranger = await signUp({ name: "Bad Input Stranger" });
  const publishable = await createFixture(owner.ctx);
  const { id: publishableKeyId } = await insertApiKey({
    organizationId: owner.ctx.organizationId,
    projectId: publishable.projectRowId,
    environmentId: publishable.environmentRowId,
    kind: "publishable",
  });
  elsewhere = {
    otherProjectRoleId: (await createFixture(owner.ctx)).roleId,
    strangerRoleId: (await createFixture(stranger.ctx)).roleId,
    publishable: { ...publishable, publishableKeyId },
  };
  rolled = await createFixture(owner.ctx);
  await rollApiKey(owner.ctx, { keyId: rolled.keyId, overlap: "7d" });
  held = await createFixture(owner.ctx);
  await updateApiKey(owner.ctx, { keyId: held.keyId, roleIds: [held.roleId] });
  const toRoll = await createAccessToken(owner.ctx, { name: "rolled once", type: "BEARER_TOKEN", scopes: ["token:roll"], expiresAt: null });
  await rollAccessToken(owner.ctx, { tokenId: toRoll.token.id, overlap: "7d" });
  rolledToken = toRoll.plaintext;
});

const invalid = (field: string): Expected => ({ status: 400, code: "VALIDATION_FAILED", field });

function bodyCase(name: string, method: Method, url: () => string, body: () => unknown, expected: Expected): Case {
  return { name, method, path: url, options: () => ({ token: token(), body: body() }), expected };
}

const KEY_BODY_CASES: Array<[string, Record<string, unknown>, string]> = [
  ["prefix upper-cased", { prefix: "ACME" }, "prefix"],
  ["prefix of one character", { prefix: "a" }, "prefix"],
  ["prefix of 17 characters", { prefix: "a".repeat(17) }, "prefix"],
  ["prefix with a dash", { prefix: "acme-co" }, "prefix"],
  ["prefix of underscores only", { prefix: "__" }, "prefix"],
  ["prefix not a string", { prefix: 7 }, "prefix"],
  ["roleIds not an array", { roleIds: "all" }, "roleIds"],
  ["roleIds with an id that cannot exist", { roleIds: ["ROLE!"] }, "roleIds"],
  ["roleIds with an unknown role", { roleIds: [`c${"3".repeat(24)}`] }, "roleIds"],
  ["roleIds naming a role twice", { roleIds: ["c1", "c1"] }, "roleIds"],
  ["context with a nested object", { context: { customer: { id: 1 } } }, "context"],
  ["context with an array value", { context: { ids: [1, 2] } }, "context"],
  ["context with a null value", { context: { customerId: null } }, "context"],
  ["context with a bad key", { context: { "customer-id": "x" } }, "context"],
  ["context with 33 entries", { context: Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, i])) }, "context"],
  ["context with a 257-character value", { context: { note: "n".repeat(257) } }, "context"],
  ["context that is an array", { context: ["x"] }, "context"],
  ["expiresAt in the past", { expiresAt: "2020-01-01T00:00:00Z" }, "expiresAt"],
  ["expiresAt now-ish (a second ago)", { expiresAt: new Date(Date.now() - 1000).toISOString() }, "expiresAt"],
  ["expiresAt not a date", { expiresAt: "tomorrow" }, "expiresAt"],
  ["expiresAt without an offset", { expiresAt: "2031-01-01T00:00:00" }, "expiresAt"],
  ["expiresAt as a number", { expiresAt: 1_900_000_000_000 }, "expiresAt"],
];

describe("what bodies mean", () => {
  describe("POST keys", () => {
    const url = () => pathsOf(fixture).keys;
    run([
      ...KEY_BODY_CASES.map(([name, extra, field]) =>
        bodyCase(`${name} → 400`, "POST", url, () => ({ name: "k", kind: "secret", ...extra }), invalid(field)),
      ),
      bodyCase("a role of another project → 400", "POST", url, () => ({ name: "k", kind: "secret", roleIds: [elsewhere.otherProjectRoleId] }), invalid("roleIds")),
      bodyCase("a role of another organization → 400", "POST", url, () => ({ name: "k", kind: "secret", roleIds: [elsewhere.strangerRoleId] }), invalid("roleIds")),
      bodyCase("one known role and one of another project → 400", "POST", url, () => ({ name: "k", kind: "secret", roleIds: [fixture.roleId, elsewhere.otherProjectRoleId] }), invalid("roleIds")),
      bodyCase("roles on a publishable key → 400", "POST", url, () => ({ name: "k", kind: "publishable", roleIds: [fixture.roleId] }), invalid("roleIds")),
      bodyCase("context on a publishable key → 400", "POST", url, () => ({ name: "k", kind: "publishable", context: { a: 1 } }), invalid("roleIds")),
    ]);
  });

  describe("PATCH key", () => {
    const url = () => pathsOf(fixture).key;
    run([
      bodyCase("an empty body → 400", "PATCH", url, () => ({}), { status: 400, code: "VALIDATION_FAILED", formError: /at least one/ }),
      ...KEY_BODY_CASES.filter(([, extra]) => !("prefix" in extra)).map(([name, extra, field]) =>
        bodyCase(`${name} → 400`, "PATCH", url, () => ({ name: "renamed", ...extra }), invalid(field)),
      ),
      bodyCase("a prefix (fixed at creation) → 400", "PATCH", url, () => ({ prefix: "acme" }), { status: 400, code: "VALIDATION_FAILED", formError: /"prefix"/ }),
      bodyCase("a role of another project → 400", "PATCH", url, () => ({ name: "renamed", roleIds: [elsewhere.otherProjectRoleId] }), invalid("roleIds")),
      bodyCase("a role of another organization → 400", "PATCH", url, () => ({ context: { a: 1 }, roleIds: [elsewhere.strangerRoleId] }), invalid("roleIds")),
      bodyCase("roles on a publishable key → 400", "PATCH", () => pathsOf({ ...elsewhere.publishable, keyId: elsewhere.publishable.publishableKeyId }).key, () => ({ roleIds: [elsewhere.publishable.roleId] }), invalid("roleIds")),
      bodyCase("expiresAt that parses but is in the past, with the valid rest → 400", "PATCH", url, () => ({ name: "renamed", expiresAt: "1999-12-31T23:59:59+01:00" }), invalid("expiresAt")),
    ]);
  });

  describe("POST keyRoll", () => {
    run([
      bodyCase("overlap missing → 400", "POST", () => pathsOf(fixture).keyRoll, () => ({}), invalid("overlap")),
      bodyCase("a publishable key → 400", "POST", () => pathsOf({ ...elsewhere.publishable, keyId: elsewhere.publishable.publishableKeyId }).keyRoll, () => ({ overlap: "now" }), {
        status: 400,
        code: "VALIDATION_FAILED",
      }),
      bodyCase("a key already rolled → 409", "POST", () => pathsOf(rolled).keyRoll, () => ({ overlap: "1h" }), { status: 409, code: "CONFLICT" }),
    ]);
  });

  describe("POST tokenRoll", () => {
    run([
      bodyCase("overlap missing → 400", "POST", () => pathsOf(fixture).tokenRoll, () => ({}), invalid("overlap")),
      {
        name: "the calling token was already rolled → 409",
        method: "POST",
        path: () => pathsOf(fixture).tokenRoll,
        options: () => ({ token: rolledToken, body: { overlap: "now" } }),
        expected: { status: 409, code: "CONFLICT" },
      },
    ]);
  });

  describe("roles", () => {
    run([
      bodyCase("POST roles: a name the project has → 409", "POST", () => pathsOf(fixture).roles, () => ({ name: "orders reader", grants: [GRANT] }), {
        status: 409,
        code: "CONFLICT",
        field: "name",
      }),
      bodyCase("POST roles: grants missing → 400", "POST", () => pathsOf(fixture).roles, () => ({ name: "no grants" }), invalid("grants")),
      bodyCase("POST roles: description of 281 characters → 400", "POST", () => pathsOf(fixture).roles, () => ({ name: "long", description: "d".repeat(281), grants: [GRANT] }), invalid("description")),
      bodyCase("PATCH role: an empty body → 400", "PATCH", () => pathsOf(fixture).role, () => ({}), { status: 400, code: "VALIDATION_FAILED", formError: /at least one/ }),
      ...INVALID_GRANTS.map(([name, grants]) => bodyCase(`PATCH role: grants ${name} → 400`, "PATCH", () => pathsOf(fixture).role, () => ({ grants }), invalid("grants"))),
      bodyCase("DELETE role: a role a key holds → 409", "DELETE", () => pathsOf(held).role, () => undefined, { status: 409, code: "CONFLICT" }),
    ]);
  });
});

// ── Path ids ───────────────────────────────────────────────────────────────────────────────
const BAD_IDS: Record<"projectId" | "environment" | "keyId" | "roleId", Array<[string, () => string]>> = {
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
  roleId: [
    ["SQL", () => "' OR 1=1--"],
    ["upper-cased", () => fixture.roleId.toUpperCase()],
    ["5,000 characters", () => "r".repeat(5000)],
    ["a path", () => "..%2F..%2Froles"],
    ["well-formed, unknown", () => `c${"2".repeat(24)}`],
    ["the id of a key", () => fixture.keyId],
  ],
};

const ID_PARAMS: Record<Url, Array<keyof typeof BAD_IDS>> = {
  projects: [],
  project: ["projectId"],
  environments: ["projectId"],
  environment: ["projectId", "environment"],
  keys: ["projectId", "environment"],
  key: ["projectId", "environment", "keyId"],
  keyRoll: ["projectId", "environment", "keyId"],
  roles: ["projectId"],
  role: ["projectId", "roleId"],
  tokenSelf: [],
  tokenRoll: [],
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
