import { z } from "zod";
import { API_ERROR_STATUS, type ApiErrorCode } from "@/lib/api/errors";
import { rateLimitPerSecond } from "@/lib/api/rate-limit";
import {
  apiKeyDto,
  createApiKeyBody,
  createdApiKeyDto,
  createEnvironmentBody,
  createProjectBody,
  createRoleBody,
  environmentDto,
  environmentPath,
  errorDto,
  keyListQuery,
  keyPath,
  keyVerificationDto,
  listDto,
  MAX_PAGE_SIZE,
  pageQuery,
  projectDto,
  projectPath,
  roleDto,
  rolePath,
  accessTokenDto,
  rollAccessTokenBody,
  rollApiKeyBody,
  rolledAccessTokenDto,
  rolledApiKeyDto,
  updateApiKeyBody,
  updateEnvironmentBody,
  updateProjectBody,
  updateRoleBody,
  verifyKeyBody,
} from "@/lib/api/schemas";
import { ALL_SCOPES_WILDCARD, type ResourceScope } from "@/lib/auth/scopes";

/**
 * The management API's OpenAPI 3.1 document, generated from the zod schemas the route handlers
 * parse with (lib/api/schemas.ts) and from API_OPERATIONS below. lib/api/openapi.test.ts walks
 * app/api/v1 and fails when a route and this table disagree (method, path, scope or schemas), so
 * the published document cannot drift from what the server does.
 *
 * Not server-only: it holds no secrets, and the console's API Reference page renders it.
 */

// ── Types: the subset of OpenAPI 3.1 this document uses ─────────────────────────────────────
export type JsonSchema = z.core.JSONSchema.BaseSchema;
export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429;
type SuccessStatus = 200 | 201 | 204;
type TagName = (typeof TAGS)[number]["name"];

export interface OpenApiRef {
  $ref: string;
}

export interface OpenApiParameter {
  name: string;
  in: "path" | "query";
  required: boolean;
  description?: string;
  schema: JsonSchema;
  example?: unknown;
}

export interface OpenApiMediaType {
  schema: JsonSchema;
  example?: unknown;
}

export interface OpenApiResponse {
  description: string;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
  content?: Record<string, OpenApiMediaType>;
}

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description: string;
  tags: TagName[];
  security: Record<string, string[]>[];
  parameters?: OpenApiParameter[];
  requestBody?: { required: boolean; description?: string; content: Record<string, OpenApiMediaType> };
  responses: Record<string, OpenApiResponse | OpenApiRef>;
  "x-required-scope": ResourceScope;
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description: string };
  servers: { url: string; description?: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, Partial<Record<Lowercase<HttpMethod>, OpenApiOperation>>>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, OpenApiResponse>;
    securitySchemes: Record<string, Record<string, string>>;
  };
}

// ── Facts the prose states, checked against their sources by the test ───────────────────────
/** MAX_BODY_BYTES (lib/api/route.ts), KEY_CREATION_LIMIT and TOKEN_CREATION_LIMIT (lib/dal), in words. */
export const DOCUMENTED_LIMITS = { maxBodyKiB: 16, keyCreationsPerMinute: 60, tokenCreationsPerMinute: 30 } as const;

export const TAGS = [
  { name: "Projects", description: "Projects group environments and their API keys. A project is named in paths by its public Project ID." },
  { name: "Environments", description: "Each project has environments such as dev and prod; an API key works only in its own environment." },
  { name: "API Keys", description: "Publishable and secret keys of one environment. A secret key's value is returned once, when it is created (or rolled)." },
  {
    name: "Roles",
    description:
      "Roles of one project: per table, which actions (read, write, update, delete) a key may take, optionally only on rows matching a filter. A secret key or token with roles may only do what they grant; without roles it keeps its defaults.",
  },
  {
    name: "Access Tokens",
    description:
      "The calling token itself. Tokens are created and revoked in the console; through the API a token can only read and roll itself, so a pipeline can rotate its own credential without anyone signing in.",
  },
] as const;

// ── The operations: one row per route export ────────────────────────────────────────────────
export interface OperationSpec {
  method: HttpMethod;
  /** The full path with {param} templates, as served (the document's server is "/"). */
  path: string;
  operationId: string;
  tag: TagName;
  summary: string;
  description: string;
  /** The scope the route's apiRoute({ scope }) requires. */
  scope: ResourceScope;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** A request body that parses with `body`; the test checks it does. */
  bodyExample?: Record<string, unknown>;
  success: { status: SuccessStatus; description: string; schema?: z.ZodType };
  /** The error statuses this operation can answer with. */
  errors: readonly ErrorStatus[];
  /** Operation-specific wording for an error status, instead of the shared description. */
  errorNotes?: Partial<Record<ErrorStatus, string>>;
}

export const projectListDto = listDto(projectDto, "ProjectList");
export const environmentListDto = listDto(environmentDto, "EnvironmentList");
export const apiKeyListDto = listDto(apiKeyDto, "ApiKeyList");
export const roleListDto = listDto(roleDto, "RoleList");

const PROJECT = "/api/v1/projects/{projectId}";
const ENVIRONMENT = `${PROJECT}/environments/{environment}`;
const KEY = `${ENVIRONMENT}/keys/{keyId}`;
const EXAMPLE_ROLE_ID = "cmf0c9r2a0004wxyz5678ijkl";

export const API_OPERATIONS: readonly OperationSpec[] = [
  {
    method: "GET",
    path: "/api/v1/projects",
    operationId: "listProjects",
    tag: "Projects",
    summary: "List projects",
    description: "The organization's projects, newest first, one page at a time.",
    scope: "project:read",
    query: pageQuery,
    success: { status: 200, description: "A page of projects.", schema: projectListDto },
    errors: [400, 401, 403, 429],
  },
  {
    method: "POST",
    path: "/api/v1/projects",
    operationId: "createProject",
    tag: "Projects",
    summary: "Create a project",
    description: "Creates a project with two environments, `dev` and `prod`. Its slug is derived from the name.",
    scope: "project:create",
    body: createProjectBody,
    bodyExample: { name: "Storefront" },
    success: { status: 201, description: "The new project.", schema: projectDto },
    errors: [400, 401, 403, 413, 415, 429],
  },
  {
    method: "GET",
    path: PROJECT,
    operationId: "getProject",
    tag: "Projects",
    summary: "Get a project",
    description: "One project with the names of its environments.",
    scope: "project:read",
    params: projectPath,
    success: { status: 200, description: "The project.", schema: projectDto },
    errors: [401, 403, 404, 429],
  },
  {
    method: "PATCH",
    path: PROJECT,
    operationId: "updateProject",
    tag: "Projects",
    summary: "Rename a project",
    description: "Changes the project's display name. Its Project ID and slug stay the same.",
    scope: "project:update",
    params: projectPath,
    body: updateProjectBody,
    bodyExample: { name: "Storefront (EU)" },
    success: { status: 200, description: "The renamed project.", schema: projectDto },
    errors: [400, 401, 403, 404, 413, 415, 429],
  },
  {
    method: "DELETE",
    path: PROJECT,
    operationId: "deleteProject",
    tag: "Projects",
    summary: "Delete a project",
    description: "Deletes the project with its environments and API keys: every key of the project stops working at once. This cannot be undone.",
    scope: "project:delete",
    params: projectPath,
    success: { status: 204, description: "Deleted. The response has no body." },
    errors: [401, 403, 404, 429],
  },
  {
    method: "GET",
    path: `${PROJECT}/environments`,
    operationId: "listEnvironments",
    tag: "Environments",
    summary: "List environments",
    description:
      "All of the project's environments (a project has at most 20, fewer than one page), dev first and prod last. The list envelope matches the other list endpoints; `nextCursor` is always null.",
    scope: "environment:read",
    params: projectPath,
    success: { status: 200, description: "The project's environments.", schema: environmentListDto },
    errors: [401, 403, 404, 429],
  },
  {
    method: "POST",
    path: `${PROJECT}/environments`,
    operationId: "createEnvironment",
    tag: "Environments",
    summary: "Create an environment",
    description: "Adds an environment, e.g. `staging`. The name is lowercased; clients send it in `X-Environment`.",
    scope: "environment:create",
    params: projectPath,
    body: createEnvironmentBody,
    bodyExample: { slug: "staging" },
    success: { status: 201, description: "The new environment.", schema: environmentDto },
    errors: [400, 401, 403, 404, 409, 413, 415, 429],
    errorNotes: {
      400: "The body is invalid (`VALIDATION_FAILED`, with `details.fieldErrors`), is not JSON (`MALFORMED_JSON`), or the project already has 20 environments.",
      409: "The project already has an environment with this name (`CONFLICT`).",
    },
  },
  {
    method: "GET",
    path: ENVIRONMENT,
    operationId: "getEnvironment",
    tag: "Environments",
    summary: "Get an environment",
    description: "One environment of the project.",
    scope: "environment:read",
    params: environmentPath,
    success: { status: 200, description: "The environment.", schema: environmentDto },
    errors: [401, 403, 404, 429],
  },
  {
    method: "PATCH",
    path: ENVIRONMENT,
    operationId: "renameEnvironment",
    tag: "Environments",
    summary: "Rename an environment",
    description: "Renames the environment. Its keys keep working; clients must send the new name in `X-Environment`.",
    scope: "environment:update",
    params: environmentPath,
    body: updateEnvironmentBody,
    bodyExample: { slug: "qa" },
    success: { status: 200, description: "The renamed environment.", schema: environmentDto },
    errors: [400, 401, 403, 404, 409, 413, 415, 429],
    errorNotes: { 409: "The project already has an environment with the new name (`CONFLICT`)." },
  },
  {
    method: "DELETE",
    path: ENVIRONMENT,
    operationId: "deleteEnvironment",
    tag: "Environments",
    summary: "Delete an environment",
    description: "Deletes the environment and its API keys, which stop working at once. A project keeps at least one environment. This cannot be undone.",
    scope: "environment:delete",
    params: environmentPath,
    success: { status: 204, description: "Deleted. The response has no body." },
    errors: [401, 403, 404, 409, 429],
    errorNotes: { 409: "This is the project's last environment (`CONFLICT`): create another before deleting it." },
  },
  {
    method: "GET",
    path: `${ENVIRONMENT}/keys`,
    operationId: "listApiKeys",
    tag: "API Keys",
    summary: "List API keys",
    description: "The environment's live API keys, newest first, one page at a time. Secret keys are masked.",
    scope: "apikey:read",
    params: environmentPath,
    query: keyListQuery,
    success: { status: 200, description: "A page of API keys.", schema: apiKeyListDto },
    errors: [400, 401, 403, 404, 429],
  },
  {
    method: "POST",
    path: `${ENVIRONMENT}/keys`,
    operationId: "createApiKey",
    tag: "API Keys",
    summary: "Create an API key",
    description: [
      "Creates a publishable or secret key in the environment. The response's `key` is the full key: it is returned once, in this response only, so store it now.",
      "A secret key may also get a custom `prefix` (`acme` gives `acme_sk_…`), `roleIds` (roles of this project: the key may then only do what they grant), a `context` for the roles' row filters, and an `expiresAt`. Publishable keys are public and read-only: they take no roles or context.",
    ].join("\n\n"),
    scope: "apikey:create",
    params: environmentPath,
    body: createApiKeyBody,
    bodyExample: {
      name: "Checkout backend",
      kind: "secret",
      prefix: "acme",
      roleIds: [EXAMPLE_ROLE_ID],
      context: { customerId: "cus_42" },
      expiresAt: "2030-01-31T00:00:00Z",
    },
    success: { status: 201, description: "The new key, with its full value in `key`.", schema: createdApiKeyDto },
    errors: [400, 401, 403, 404, 413, 415, 429],
    errorNotes: {
      400: "The body is invalid (`VALIDATION_FAILED`, with `details.fieldErrors`): e.g. a bad prefix, a role that is not one of this project's, roles or context on a publishable key, or an expiry in the past. Or it is not JSON (`MALFORMED_JSON`).",
      429: `Too many requests for this token (\`RATE_LIMITED\`), or the organization created more than ${DOCUMENTED_LIMITS.keyCreationsPerMinute} keys in the last minute. Wait for \`Retry-After\` seconds.`,
    },
  },
  {
    method: "GET",
    path: KEY,
    operationId: "getApiKey",
    tag: "API Keys",
    summary: "Get an API key",
    description: "One live API key of the environment. A secret key is masked; its full value is never shown again.",
    scope: "apikey:read",
    params: keyPath,
    success: { status: 200, description: "The key.", schema: apiKeyDto },
    errors: [401, 403, 404, 429],
  },
  {
    method: "PATCH",
    path: KEY,
    operationId: "updateApiKey",
    tag: "API Keys",
    summary: "Update an API key",
    description:
      "Changes the key's name, roles, context or expiry; send at least one. The key string stays the same and what it may do changes at once: the very next request with it is judged by the new roles. `roleIds` and `context` replace the current ones whole; `expiresAt: null` removes the expiry.",
    scope: "apikey:update",
    params: keyPath,
    body: updateApiKeyBody,
    bodyExample: { roleIds: [EXAMPLE_ROLE_ID], context: { customerId: "cus_43" }, expiresAt: null },
    success: { status: 200, description: "The key as it is now.", schema: apiKeyDto },
    errors: [400, 401, 403, 404, 413, 415, 429],
    errorNotes: {
      400: "The body is invalid or empty (`VALIDATION_FAILED`, with `details.fieldErrors` or `formErrors`): e.g. a role that is not one of this project's, roles or context on a publishable key, or an expiry in the past. Or it is not JSON (`MALFORMED_JSON`).",
    },
  },
  {
    method: "POST",
    path: `${KEY}/roll`,
    operationId: "rollApiKey",
    tag: "API Keys",
    summary: "Roll a secret key",
    description: [
      "Replaces a secret key without downtime. The new key inherits the old one's name, prefix, roles, context and expiry, and is returned once in `key`. The old key keeps working for the chosen `overlap` (never past its own expiry), then is refused; `previous` shows it with its new `expiresAt` and `rolledToId`.",
      'With `"now"` the old key stops at once; with `"first_use_1h"` it works until one hour after the new key is first used.',
    ].join("\n\n"),
    scope: "apikey:update",
    params: keyPath,
    body: rollApiKeyBody,
    bodyExample: { overlap: "24h" },
    success: { status: 201, description: "The new key, with its full value in `key`, and the replaced key in `previous`.", schema: rolledApiKeyDto },
    errors: [400, 401, 403, 404, 409, 413, 415, 429],
    errorNotes: {
      400: "The body is invalid (`VALIDATION_FAILED`): `overlap` is not one of the listed values, or the key is publishable (create a new one instead). Or it is not JSON (`MALFORMED_JSON`).",
      409: "The key was already rolled (roll its replacement instead) or has expired (`CONFLICT`).",
      429: `Too many requests for this token (\`RATE_LIMITED\`), or the organization created more than ${DOCUMENTED_LIMITS.keyCreationsPerMinute} keys in the last minute. Wait for \`Retry-After\` seconds.`,
    },
  },
  {
    method: "DELETE",
    path: `${ENVIRONMENT}/keys/{keyId}`,
    operationId: "deleteApiKey",
    tag: "API Keys",
    summary: "Delete an API key",
    description: "Revokes the key: it stops working at once. This cannot be undone.",
    scope: "apikey:delete",
    params: keyPath,
    success: { status: 204, description: "Deleted. The response has no body." },
    errors: [401, 403, 404, 429],
  },
  {
    method: "GET",
    path: `${PROJECT}/roles`,
    operationId: "listRoles",
    tag: "Roles",
    summary: "List roles",
    description:
      "All of the project's roles by name (a project has at most 100, one page). The list envelope matches the other list endpoints; `nextCursor` is always null.",
    scope: "role:read",
    params: projectPath,
    success: { status: 200, description: "The project's roles.", schema: roleListDto },
    errors: [401, 403, 404, 429],
  },
  {
    method: "POST",
    path: `${PROJECT}/roles`,
    operationId: "createRole",
    tag: "Roles",
    summary: "Create a role",
    description: [
      "Adds a role to the project. Its `grants` say, per table (or `*`), which actions it allows and optionally on which rows: a grant's `conditions` must all hold for a row, comparing a row field with a constant (`{ \"value\": … }`) or with the key's context (`{ \"context\": \"customerId\" }`). A key with several grants for a table may touch the rows any of them admits. A condition naming a context value the key lacks admits no row.",
      "Assign roles to secret keys with `roleIds` when creating or updating them.",
    ].join("\n\n"),
    scope: "role:create",
    params: projectPath,
    body: createRoleBody,
    bodyExample: {
      name: "customer-orders",
      description: "Reads and updates the calling customer's orders",
      grants: [{ table: "orders", actions: ["read", "update"], conditions: [{ field: "customerId", equals: { context: "customerId" } }] }],
    },
    success: { status: 201, description: "The new role.", schema: roleDto },
    errors: [400, 401, 403, 404, 409, 413, 415, 429],
    errorNotes: { 409: "The project already has a role with this name, or has 100 roles (`CONFLICT`)." },
  },
  {
    method: "GET",
    path: `${PROJECT}/roles/{roleId}`,
    operationId: "getRole",
    tag: "Roles",
    summary: "Get a role",
    description: "One role of the project, with its grants and how many live keys and tokens hold it.",
    scope: "role:read",
    params: rolePath,
    success: { status: 200, description: "The role.", schema: roleDto },
    errors: [401, 403, 404, 429],
  },
  {
    method: "PATCH",
    path: `${PROJECT}/roles/{roleId}`,
    operationId: "updateRole",
    tag: "Roles",
    summary: "Update a role",
    description:
      "Changes the role's name, description or grants; send at least one (`grants` replaces the list whole). Every key and token holding the role follows at once: their very next request is judged by the new grants.",
    scope: "role:update",
    params: rolePath,
    body: updateRoleBody,
    bodyExample: { grants: [{ table: "orders", actions: ["read"], conditions: [{ field: "customerId", equals: { context: "customerId" } }] }] },
    success: { status: 200, description: "The role as it is now.", schema: roleDto },
    errors: [400, 401, 403, 404, 409, 413, 415, 429],
    errorNotes: { 409: "Another role of the project already has the new name (`CONFLICT`)." },
  },
  {
    method: "DELETE",
    path: `${PROJECT}/roles/{roleId}`,
    operationId: "deleteRole",
    tag: "Roles",
    summary: "Delete a role",
    description: "Deletes a role that no live key or token holds. This cannot be undone.",
    scope: "role:delete",
    params: rolePath,
    success: { status: 204, description: "Deleted. The response has no body." },
    errors: [401, 403, 404, 409, 429],
    errorNotes: {
      409: "A key or token still holds the role (`CONFLICT`): deleting it would widen what they may do. Remove it from them first; the message says how many hold it.",
    },
  },
  {
    method: "GET",
    path: "/api/v1/access-tokens/self",
    operationId: "getOwnAccessToken",
    tag: "Access Tokens",
    summary: "Get the calling token",
    description:
      "The token that makes the call: its name, type, scopes (as its creator's current role caps them), roles, expiry, when it was last used, and where it stands in a roll. A pipeline can read `expiresAt` to decide when to roll itself.",
    scope: "token:read",
    success: { status: 200, description: "The calling token.", schema: accessTokenDto },
    errors: [401, 403, 429],
  },
  {
    method: "POST",
    path: "/api/v1/access-tokens/self/roll",
    operationId: "rollOwnAccessToken",
    tag: "Access Tokens",
    summary: "Roll the calling token",
    description: [
      "Replaces the token that makes the call, without downtime. The new token inherits its name, type, prefix, scopes, roles, context, expiry and creator, and is returned once in `token`. The calling token keeps working for the chosen `overlap` (never past its own expiry), then is refused; `previous` shows it with its new `expiresAt` and `rolledToId`.",
      "A token can roll only itself: no id is taken, and no other token can be named. The replacement carries no more scopes than its creator's current role holds. Store the new token before the overlap ends, e.g. `\"first_use_1h\"` keeps the old one working until an hour after the new one is first used.",
    ].join("\n\n"),
    scope: "token:roll",
    body: rollAccessTokenBody,
    bodyExample: { overlap: "first_use_1h" },
    success: { status: 201, description: "The new token, with its full value in `token`, and the calling token in `previous`.", schema: rolledAccessTokenDto },
    errors: [400, 401, 403, 409, 413, 415, 429],
    errorNotes: {
      409: "The calling token was already rolled (`CONFLICT`): use, and roll, its replacement.",
      429: `Too many requests for this token (\`RATE_LIMITED\`), or the organization created more than ${DOCUMENTED_LIMITS.tokenCreationsPerMinute} tokens in the last minute. Wait for \`Retry-After\` seconds.`,
    },
  },
  {
    method: "POST",
    path: "/api/v1/keys/verify",
    operationId: "verifyKey",
    tag: "API Keys",
    summary: "Verify a key",
    description: [
      "Checks a publishable key, secret key or access token that one of your clients presented, and answers what it is and what it may do. Call it from your backend, never from a browser.",
      "Besides an access token, a **secret key (`sk_…`) of the project may call it too**, in either header; it can verify only keys of its own project (other environments answer `WRONG_ENVIRONMENT`). A token can verify keys and tokens of its own organization. Publishable keys cannot call it (403). Keys the caller may not see answer `NOT_FOUND`, exactly like unknown ones.",
      "Once the caller is authenticated and the body is valid, the answer is always `200` with `valid` and a `code`: `VALID`, `MALFORMED`, `NOT_FOUND`, `REVOKED`, `EXPIRED`, `WRONG_ENVIRONMENT`, `INSUFFICIENT_SCOPE` (the key lacks one of the requested `scopes`) or `RATE_LIMITED` (the verified key's own per-second budget is spent). A `VALID` answer counts as a use of the verified key.",
      "**Roles and row-level rights.** `restricted` says whether the key holds roles. When it is `false`, the key's kind decides what it may do (`scopes`), and `roles` and `permissions` are empty. When it is `true`, the key may only do what `permissions` grants: the union of its roles' grants, each naming its project, table (or `*`), actions and row conditions. `context` holds the values that `{ \"context\": … }` conditions compare with. The `scopes` check above does not look at roles: row-level filters are for your backend to enforce, with `permissions` and `context`, on its own data (Keyward's data API enforces them itself).",
    ].join("\n\n"),
    scope: "apikey:read",
    body: verifyKeyBody,
    bodyExample: { key: "sk_4fJ2kq8ZpXc1NwLrT0aB…", scopes: ["table:data:read"], environment: "prod" },
    success: { status: 200, description: "The verdict, valid or not.", schema: keyVerificationDto },
    errors: [400, 401, 403, 413, 415, 429],
    errorNotes: {
      401: "No credential, or one that is malformed, unknown, revoked, expired or sent in the wrong header (`UNAUTHENTICATED`).",
      403: "A publishable key (`FORBIDDEN`), or an access token without `apikey:read` (`INSUFFICIENT_SCOPE`).",
      429: "Too many requests from this caller (`RATE_LIMITED`). Retry after `Retry-After` seconds. (The verified key's own limit is answered as `200` with code `RATE_LIMITED`.)",
    },
  },
];

// ── Shared error responses ──────────────────────────────────────────────────────────────────
const errorCodesFor = (status: ErrorStatus) =>
  (Object.keys(API_ERROR_STATUS) as ApiErrorCode[]).filter((code) => API_ERROR_STATUS[code] === status);

const codeList = (status: ErrorStatus) => errorCodesFor(status).map((code) => `\`${code}\``).join(" or ");

const ERROR_RESPONSES: Record<ErrorStatus, { name: string; description: string; headers?: OpenApiResponse["headers"] }> = {
  400: {
    name: "BadRequest",
    description: `The request is invalid: ${codeList(400)}. Validation errors carry \`details.fieldErrors\`, keyed by field.`,
  },
  401: {
    name: "Unauthorized",
    description: `No access token, or one that is malformed, unknown, revoked, expired or sent in the wrong header (${codeList(401)}).`,
    headers: { "WWW-Authenticate": { description: 'Always `Bearer realm="keyward"`.', schema: { type: "string" } } },
  },
  403: {
    name: "Forbidden",
    description: `The token lacks the scope this operation requires (${codeList(403)}; \`details.requiredScope\` names it).`,
  },
  404: {
    name: "NotFound",
    description: `The resource does not exist or belongs to another organization (${codeList(404)}); the two are indistinguishable.`,
  },
  409: { name: "Conflict", description: `The request conflicts with the resource's current state (${codeList(409)}).` },
  413: { name: "PayloadTooLarge", description: `The request body is larger than ${DOCUMENTED_LIMITS.maxBodyKiB} KiB (${codeList(413)}).` },
  415: { name: "UnsupportedMediaType", description: `The body was not sent as \`Content-Type: application/json\` (${codeList(415)}).` },
  429: {
    name: "TooManyRequests",
    description: `Too many requests for this token (${codeList(429)}). Retry after the number of seconds in \`Retry-After\`.`,
    headers: { "Retry-After": { description: "Seconds to wait before retrying.", schema: { type: "integer", minimum: 1 } } },
  },
};

export const STATUS_TEXT: Record<SuccessStatus | ErrorStatus, string> = {
  200: "OK",
  201: "Created",
  204: "No Content",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
};

// ── The guide: info.description, and the console page's conventions section ─────────────────
export function apiGuide(): { id: string; title: string; body: string }[] {
  const codes = (Object.keys(API_ERROR_STATUS) as ApiErrorCode[]).map((code) => `\`${code}\` ${API_ERROR_STATUS[code]}`).join(", ");
  return [
    {
      id: "authentication",
      title: "Authentication",
      body: [
        "Every request carries one organization access token (`at_…`), created in the console under Access Tokens. Send it in the header its type names, and in one header only:",
        "- `BEARER_TOKEN` tokens: `Authorization: Bearer at_…`\n- `API_KEY` tokens: `X-API-Key: at_…`",
        "Environment keys (`pk_…`, `sk_…`) are for the data API and are refused here, with one exception: `POST /api/v1/keys/verify` also accepts a secret key of the project. Browser sessions are never accepted.",
      ].join("\n\n"),
    },
    {
      id: "scopes",
      title: "Scopes",
      body: `Each operation requires exactly one scope, named in its description and in \`x-required-scope\`; a token holding \`${ALL_SCOPES_WILDCARD}\` may call every operation. Without the scope the answer is \`403 INSUFFICIENT_SCOPE\`.`,
    },
    {
      id: "organization-boundary",
      title: "Organization boundary",
      body: "A token acts only inside its own organization. Projects, environments, keys and roles of other organizations answer `404 NOT_FOUND`, exactly like ones that do not exist, so their existence is never revealed. So do path ids that cannot exist. A role can only be given to keys of its own project: any other role id answers `400 VALIDATION_FAILED`.",
    },
    {
      id: "errors",
      title: "Errors",
      body: [
        'Every error has one shape: `{ "error": { "code": "NOT_FOUND", "message": "…", "details": { … } } }`. Branch on `code`, which is stable; `message` is for people and may change. Validation errors list `details.fieldErrors` by field.',
        `Codes and statuses: ${codes}.`,
      ].join("\n\n"),
    },
    {
      id: "paging",
      title: "Paging",
      body: `Lists answer \`{ "data": […], "nextCursor": "…" }\`, newest first. Pass \`nextCursor\` back as \`cursor\` for the next page; it is \`null\` on the last page. \`limit\` sets the page size (1–${MAX_PAGE_SIZE}, default 20).`,
    },
    {
      id: "rate-limits",
      title: "Rate limits",
      body: `Each token may make ${rateLimitPerSecond()} requests per second on each server instance; beyond that the answer is \`429 RATE_LIMITED\` with \`Retry-After\` in seconds. An organization may also create at most ${DOCUMENTED_LIMITS.keyCreationsPerMinute} API keys per minute.`,
    },
    {
      id: "requests",
      title: "Request bodies",
      body: `Send JSON with \`Content-Type: application/json\`, at most ${DOCUMENTED_LIMITS.maxBodyKiB} KiB. Unknown fields are rejected, not ignored.`,
    },
  ];
}

// ── Generation ──────────────────────────────────────────────────────────────────────────────
const COMPONENT_REF = "#/components/schemas/";
/** Either credential satisfies an operation: the alternatives of an OpenAPI security list. */
const SECURITY: Record<string, string[]>[] = [{ bearerAuth: [] }, { apiKeyAuth: [] }];

function componentId(schema: z.ZodType): string {
  const id = z.globalRegistry.get(schema)?.id;
  if (!id) throw new Error("A request or response body schema needs .meta({ id }) to become an OpenAPI component.");
  return id;
}

/**
 * JSON Schema keywords tidied for OpenAPI readers: `example` becomes 2020-12's `examples`, and
 * date-times drop zod's long ISO pattern since `format` already says it. Response objects also
 * drop `additionalProperties: false` so clients that validate strictly keep working when a
 * field is added; request bodies keep it, because the server rejects unknown fields.
 */
function tidy(io: "input" | "output") {
  return ({ jsonSchema }: { jsonSchema: JsonSchema }) => {
    if ("example" in jsonSchema) {
      jsonSchema.examples = [jsonSchema.example];
      delete jsonSchema.example;
    }
    if (jsonSchema.format === "date-time") delete jsonSchema.pattern;
    if (io === "output" && jsonSchema.additionalProperties === false) delete jsonSchema.additionalProperties;
  };
}

/** Named schemas as components/schemas, with references between them as component $refs. */
function componentSchemas(schemas: readonly z.ZodType[], io: "input" | "output"): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const schema of new Set(schemas)) registry.add(schema, { id: componentId(schema) });
  const { schemas: converted } = z.toJSONSchema(registry, {
    target: "draft-2020-12",
    io,
    uri: (id) => `${COMPONENT_REF}${id}`,
    override: tidy(io),
  });
  // A nested schema with an id of its own that is not listed would land in "__shared".
  if ("__shared" in converted) throw new Error("A nested schema with .meta({ id }) is missing from the component list.");
  // Components inherit the document's dialect, and a fragment-only $id is not valid 2020-12.
  for (const schema of Object.values(converted)) {
    delete schema.$schema;
    delete schema.$id;
  }
  return converted;
}

function parametersOf(schema: z.ZodObject | undefined, location: "path" | "query"): OpenApiParameter[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { target: "draft-2020-12", io: "input" });
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    if (typeof property === "boolean") throw new Error(`Parameter ${name} has no schema.`);
    const { description, example, ...rest } = property;
    return {
      name,
      in: location,
      required: location === "path" || required.has(name),
      ...(typeof description === "string" ? { description } : {}),
      schema: rest,
      ...(example !== undefined ? { example } : {}),
    };
  });
}

function jsonContent(schema: z.ZodType, example?: unknown): Record<string, OpenApiMediaType> {
  return { "application/json": { schema: { $ref: `${COMPONENT_REF}${componentId(schema)}` }, ...(example !== undefined ? { example } : {}) } };
}

function operationOf(spec: OperationSpec): OpenApiOperation {
  const responses: OpenApiOperation["responses"] = {
    [spec.success.status]: {
      description: spec.success.description,
      ...(spec.success.schema ? { content: jsonContent(spec.success.schema) } : {}),
    },
  };
  for (const status of spec.errors) {
    const note = spec.errorNotes?.[status];
    const shared = ERROR_RESPONSES[status];
    responses[status] = note
      ? { description: note, ...(shared.headers ? { headers: shared.headers } : {}), content: jsonContent(errorDto) }
      : { $ref: `#/components/responses/${shared.name}` };
  }
  const parameters = [...parametersOf(spec.params, "path"), ...parametersOf(spec.query, "query")];
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    description: `${spec.description}\n\nRequires the \`${spec.scope}\` scope (or \`${ALL_SCOPES_WILDCARD}\`).`,
    tags: [spec.tag],
    security: SECURITY,
    ...(parameters.length ? { parameters } : {}),
    ...(spec.body ? { requestBody: { required: true, content: jsonContent(spec.body, spec.bodyExample) } } : {}),
    responses,
    "x-required-scope": spec.scope,
  };
}

/** The whole document. Pure and deterministic apart from the configured rate limit. */
export function buildOpenApiDocument(): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  for (const spec of API_OPERATIONS) {
    const item = (paths[spec.path] ??= {});
    item[spec.method.toLowerCase() as Lowercase<HttpMethod>] = operationOf(spec);
  }

  const requestSchemas = API_OPERATIONS.flatMap((spec) => (spec.body ? [spec.body] : []));
  const responseSchemas = [...API_OPERATIONS.flatMap((spec) => (spec.success.schema ? [spec.success.schema] : [])), errorDto];

  const responses: Record<string, OpenApiResponse> = {};
  for (const shared of Object.values(ERROR_RESPONSES)) {
    responses[shared.name] = {
      description: shared.description,
      ...(shared.headers ? { headers: shared.headers } : {}),
      content: jsonContent(errorDto),
    };
  }

  return {
    openapi: "3.1.1",
    info: {
      title: "Keyward Management API",
      version: "1.0.0",
      description: [
        "Manage an organization's projects, environments, environment API keys and their roles from scripts, CI/CD pipelines and tools.",
        ...apiGuide().map((section) => `## ${section.title}\n\n${section.body}`),
      ].join("\n\n"),
    },
    servers: [{ url: "/", description: "This Keyward server" }],
    tags: TAGS.map((tag) => ({ ...tag })),
    paths,
    components: {
      schemas: { ...componentSchemas(requestSchemas, "input"), ...componentSchemas(responseSchemas, "output") },
      responses,
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description: "An access token of type BEARER_TOKEN, sent as `Authorization: Bearer at_…`.",
        },
        apiKeyAuth: {
          type: "apiKey",
          in: "header",
          name: "X-API-Key",
          description: "An access token of type API_KEY, sent as `X-API-Key: at_…`.",
        },
      },
    },
  };
}
