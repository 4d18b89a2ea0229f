import { NextRequest } from "next/server";
import * as tokenRollRoute from "@/app/api/v1/access-tokens/self/roll/route";
import * as tokenSelfRoute from "@/app/api/v1/access-tokens/self/route";
import * as keyRollRoute from "@/app/api/v1/projects/[projectId]/environments/[environment]/keys/[keyId]/roll/route";
import * as keyRoute from "@/app/api/v1/projects/[projectId]/environments/[environment]/keys/[keyId]/route";
import * as keysRoute from "@/app/api/v1/projects/[projectId]/environments/[environment]/keys/route";
import * as environmentRoute from "@/app/api/v1/projects/[projectId]/environments/[environment]/route";
import * as environmentsRoute from "@/app/api/v1/projects/[projectId]/environments/route";
import * as roleRoute from "@/app/api/v1/projects/[projectId]/roles/[roleId]/route";
import * as rolesRoute from "@/app/api/v1/projects/[projectId]/roles/route";
import * as projectRoute from "@/app/api/v1/projects/[projectId]/route";
import * as projectsRoute from "@/app/api/v1/projects/route";
import type { Scope } from "@/lib/auth/scopes";
import type { MemberContext } from "@/lib/dal/context";
import { createKeyRole } from "@/lib/dal/key-roles";
import { createProject } from "@/lib/dal/projects";
import { db } from "@/lib/db";
import type { AccessTokenType } from "@/lib/generated/prisma/enums";
import { displayParts, generateKey, hashKey, type KeyKind } from "@/lib/keys/format";

// Calls the REST API's real route handlers in-process, so tests read like HTTP while running
// against the per-file test database: auth, rate limit, scopes, parsing and the DAL all run for
// real. Only Next's router is replaced, by the small table below; the escalation tests check
// that this table and the route files under app/api/v1 are the same set.

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

type Handler = (request: NextRequest, context: { params: Promise<unknown> }) => Promise<Response>;
type RouteModule = Partial<Record<Method, Handler>>;

/** Each route file of app/api/v1, its URL pattern (`:name` is a dynamic segment) and module. */
export const API_ROUTES: ReadonlyArray<{ file: string; pattern: string; module: RouteModule }> = [
  { file: "app/api/v1/projects/route.ts", pattern: "/api/v1/projects", module: projectsRoute },
  { file: "app/api/v1/projects/[projectId]/route.ts", pattern: "/api/v1/projects/:projectId", module: projectRoute },
  {
    file: "app/api/v1/projects/[projectId]/environments/route.ts",
    pattern: "/api/v1/projects/:projectId/environments",
    module: environmentsRoute,
  },
  {
    file: "app/api/v1/projects/[projectId]/environments/[environment]/route.ts",
    pattern: "/api/v1/projects/:projectId/environments/:environment",
    module: environmentRoute,
  },
  {
    file: "app/api/v1/projects/[projectId]/environments/[environment]/keys/route.ts",
    pattern: "/api/v1/projects/:projectId/environments/:environment/keys",
    module: keysRoute,
  },
  {
    file: "app/api/v1/projects/[projectId]/environments/[environment]/keys/[keyId]/route.ts",
    pattern: "/api/v1/projects/:projectId/environments/:environment/keys/:keyId",
    module: keyRoute,
  },
  {
    file: "app/api/v1/projects/[projectId]/environments/[environment]/keys/[keyId]/roll/route.ts",
    pattern: "/api/v1/projects/:projectId/environments/:environment/keys/:keyId/roll",
    module: keyRollRoute,
  },
  { file: "app/api/v1/projects/[projectId]/roles/route.ts", pattern: "/api/v1/projects/:projectId/roles", module: rolesRoute },
  { file: "app/api/v1/projects/[projectId]/roles/[roleId]/route.ts", pattern: "/api/v1/projects/:projectId/roles/:roleId", module: roleRoute },
  { file: "app/api/v1/access-tokens/self/route.ts", pattern: "/api/v1/access-tokens/self", module: tokenSelfRoute },
  { file: "app/api/v1/access-tokens/self/roll/route.ts", pattern: "/api/v1/access-tokens/self/roll", module: tokenRollRoute },
];

export interface CallOptions {
  /** The credential to present; omitted, no credential header is sent. */
  token?: string;
  /** Where the token goes: `Authorization: Bearer …` (default) or `X-API-Key: …`. */
  header?: "bearer" | "api-key";
  /** Sent as JSON with `Content-Type: application/json` (unless contentType says otherwise). */
  body?: unknown;
  /** Sent as is: a string or bytes, or a stream (which has no length known up front). */
  rawBody?: string | Uint8Array | ReadableStream<Uint8Array>;
  /** The Content-Type header; null sends none. Defaults to JSON when there is a body. */
  contentType?: string | null;
  headers?: Record<string, string>;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or null for an empty one. */
  body: unknown;
  /** False when no route file matches the path (404) or the file lacks the method (405). */
  routed: boolean;
}

/** The `{ error: { code, … } }` body of a failed call. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: { fieldErrors?: Record<string, string[]>; formErrors?: string[]; [key: string]: unknown } };
}

function match(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split("/");
  const got = pathname.split("/");
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [i, segment] of want.entries()) {
    const actual = got[i] ?? "";
    if (segment.startsWith(":")) {
      if (actual === "") return null;
      // Next hands route handlers decoded params.
      params[segment.slice(1)] = decodeURIComponent(actual);
    } else if (segment !== actual) {
      return null;
    }
  }
  return params;
}

/** Finds the route file and params that Next would dispatch `path` to. */
export function resolveRoute(path: string): { module: RouteModule; params: Record<string, string> } | null {
  const { pathname } = new URL(path, "http://localhost");
  for (const route of API_ROUTES) {
    const params = match(route.pattern, pathname.replace(/\/$/, ""));
    if (params) return { module: route.module, params };
  }
  return null;
}

/**
 * One API request, e.g. `await call("POST", "/api/v1/projects", { token, body: { name: "Shop" } })`.
 * Path segments are taken as given: encode ids with encodeURIComponent where needed.
 */
export async function call(method: Method, path: string, options: CallOptions = {}): Promise<ApiResponse> {
  const headers = new Headers({ "user-agent": "vitest/api-client", "x-forwarded-for": "198.51.100.7" });
  if (options.token !== undefined) {
    if ((options.header ?? "bearer") === "bearer") headers.set("authorization", `Bearer ${options.token}`);
    else headers.set("x-api-key", options.token);
  }
  let body: Uint8Array | ReadableStream<Uint8Array> | undefined;
  if (options.rawBody !== undefined) {
    // Bytes, not a string: a string body would make fetch add `Content-Type: text/plain`.
    body = typeof options.rawBody === "string" ? new TextEncoder().encode(options.rawBody) : options.rawBody;
  } else if (options.body !== undefined) {
    body = new TextEncoder().encode(JSON.stringify(options.body));
  }
  const contentType = options.contentType === undefined ? (body ? "application/json" : null) : options.contentType;
  if (contentType !== null) headers.set("content-type", contentType);
  for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);

  const resolved = resolveRoute(path);
  const handler = resolved?.module[method];
  if (!resolved || !handler) {
    return { status: resolved ? 405 : 404, headers: new Headers(), body: null, routed: false };
  }
  const request = new NextRequest(new URL(path, "http://localhost"), {
    method,
    headers,
    body,
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as ConstructorParameters<typeof NextRequest>[1]);
  // Like Next: a route without dynamic segments gets no params object at all.
  const params = Object.keys(resolved.params).length > 0 ? resolved.params : undefined;
  const response = await handler(request, { params: Promise.resolve(params) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : null, routed: true };
}

/** The error body of a failed call (throws when the call did not fail in the one error shape). */
export function errorOf(response: ApiResponse): ApiErrorBody["error"] {
  const body = response.body as Partial<ApiErrorBody> | null;
  if (!body?.error || typeof body.error.code !== "string") {
    throw new Error(`Expected an error body, got ${response.status} ${JSON.stringify(response.body)}`);
  }
  return body.error;
}

/** A body of exactly `size` bytes that is valid JSON, `{"<field>":"xxx…"}`, for payload limits. */
export function jsonOfSize(size: number, field = "name"): string {
  const head = `{"${field}":"`;
  const tail = '"}';
  return head + "x".repeat(Math.max(0, size - head.length - tail.length)) + tail;
}

/** A stream of `text` in small chunks, with no length known up front (chunked upload). */
export function streamOf(text: string, chunkSize = 1024): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.slice(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
}

// Rows written directly are dated an hour back: outside the DAL's per-minute creation windows
// (30 tokens, 60 keys per organization), so fixtures never use up what the code under test may
// create.
const BEFORE_RATE_WINDOWS = () => new Date(Date.now() - 3_600_000);

export interface InsertedToken {
  id: string;
  /** The plaintext token, to present in requests. */
  token: string;
}

/**
 * An access token written straight to the database, shaped exactly as createAccessToken writes
 * one (generateKey, hashKey, displayParts). For fixtures beyond what the DAL's 30-per-minute
 * creation limit allows, or in states the DAL refuses to create (expired, revoked).
 */
export async function insertAccessToken(input: {
  organizationId: string;
  scopes: Scope[];
  type?: AccessTokenType;
  createdById?: string;
  expiresAt?: Date | null;
  revokedAt?: Date | null;
  name?: string;
}): Promise<InsertedToken> {
  const token = generateKey("access_token");
  // A token lives only as long as its creator's membership: default to the organization's owner.
  const createdById =
    input.createdById ??
    (await db.membership.findFirstOrThrow({ where: { organizationId: input.organizationId, role: "OWNER" }, select: { userId: true } })).userId;
  const row = await db.accessToken.create({
    data: {
      organizationId: input.organizationId,
      name: input.name ?? `test ${input.scopes.join(" ")}`.slice(0, 64),
      type: input.type ?? "BEARER_TOKEN",
      scopes: input.scopes,
      hash: hashKey(token),
      ...displayParts(token),
      createdById,
      expiresAt: input.expiresAt === undefined ? new Date(Date.now() + 86_400_000) : input.expiresAt,
      revokedAt: input.revokedAt ?? null,
      createdAt: BEFORE_RATE_WINDOWS(),
    },
    select: { id: true },
  });
  return { id: row.id, token };
}

/** An environment API key written straight to the database, as createApiKey writes one. */
export async function insertApiKey(input: {
  organizationId: string;
  projectId: string;
  environmentId: string;
  kind?: KeyKind;
  name?: string;
}): Promise<{ id: string; key: string }> {
  const kind = input.kind ?? "secret";
  const key = generateKey(kind);
  const row = await db.apiKey.create({
    data: {
      organizationId: input.organizationId,
      projectId: input.projectId,
      environmentId: input.environmentId,
      kind: kind === "secret" ? "SECRET" : "PUBLISHABLE",
      name: input.name ?? `${kind} fixture`,
      hash: hashKey(key),
      ...displayParts(key),
      publicValue: kind === "publishable" ? key : null,
      createdAt: BEFORE_RATE_WINDOWS(),
    },
    select: { id: true },
  });
  return { id: row.id, key };
}

export interface Fixture {
  /** The public Project ID (proj_…), as the API names the project. */
  projectId: string;
  projectRowId: string;
  /** "dev"; the project also has "prod". */
  environment: string;
  environmentRowId: string;
  /** A live secret key in dev. */
  keyId: string;
  key: string;
  /** A role of the project ("orders reader": read on orders) that no key holds. */
  roleId: string;
}

let fixtureCounter = 0;

/** The fixture's role. */
export const ORDERS_READER = { name: "orders reader", description: "", grants: [{ table: "orders", actions: ["read" as const], conditions: [] }] };

/**
 * A fresh project (dev and prod, through the DAL as the owner) with one secret key in dev and
 * one role that no key holds.
 */
export async function createFixture(owner: MemberContext): Promise<Fixture> {
  fixtureCounter += 1;
  const project = await createProject(owner, `Fixture ${fixtureCounter}`);
  const dev = await db.environment.findFirstOrThrow({ where: { projectId: project.id, slug: "dev" }, select: { id: true } });
  const key = await insertApiKey({ organizationId: owner.organizationId, projectId: project.id, environmentId: dev.id });
  const role = await createKeyRole(owner, { projectPublicId: project.publicId }, ORDERS_READER);
  return {
    projectId: project.publicId,
    projectRowId: project.id,
    environment: "dev",
    environmentRowId: dev.id,
    keyId: key.id,
    key: key.key,
    roleId: role.id,
  };
}

/** URLs of a fixture's resources. */
export function pathsOf(fixture: Pick<Fixture, "projectId" | "environment"> & { keyId?: string; roleId?: string }) {
  const project = `/api/v1/projects/${encodeURIComponent(fixture.projectId)}`;
  const environment = `${project}/environments/${encodeURIComponent(fixture.environment)}`;
  const key = `${environment}/keys/${encodeURIComponent(fixture.keyId ?? "")}`;
  return {
    projects: "/api/v1/projects",
    project,
    environments: `${project}/environments`,
    environment,
    keys: `${environment}/keys`,
    key,
    keyRoll: `${key}/roll`,
    roles: `${project}/roles`,
    role: `${project}/roles/${encodeURIComponent(fixture.roleId ?? "")}`,
    /** The calling token itself, and its roll: no id, whoever calls reads or rolls themselves. */
    tokenSelf: "/api/v1/access-tokens/self",
    tokenRoll: "/api/v1/access-tokens/self/roll",
  };
}

/**
 * A fingerprint of everything an API call could change: projects (and names), environments
 * (and slugs), keys (name, deletion, context, expiry, rolling), roles (and their grants), which
 * roles keys hold, access tokens (name, revocation, expiry, rolling; not their use), audit events. Equal before and after means nothing changed.
 */
export async function stateFingerprint(): Promise<Record<string, string>> {
  const [row] = await db.$queryRaw<Array<Record<string, string>>>`
    SELECT
      (SELECT count(*)::text || ':' || md5(coalesce(string_agg(id || '|' || name, ',' ORDER BY id), '')) FROM "Project") AS "Project",
      (SELECT count(*)::text || ':' || md5(coalesce(string_agg(id || '|' || slug, ',' ORDER BY id), '')) FROM "Environment") AS "Environment",
      (SELECT count(*)::text || ':' || md5(coalesce(string_agg(
        concat_ws('|', id, name, coalesce("deletedAt"::text, '-'), context::text, coalesce("expiresAt"::text, '-'), coalesce("rolledToId", '-')),
        ',' ORDER BY id), '')) FROM "ApiKey") AS "ApiKey",
      (SELECT count(*)::text || ':' || md5(coalesce(string_agg(concat_ws('|', id, name, description, permissions::text), ',' ORDER BY id), '')) FROM "KeyRole") AS "KeyRole",
      (SELECT count(*)::text || ':' || md5(coalesce(string_agg("apiKeyId" || '|' || "roleId", ',' ORDER BY "apiKeyId", "roleId"), '')) FROM "ApiKeyRole") AS "ApiKeyRole",
      (SELECT count(*)::text || ':' || md5(coalesce(string_agg(
        concat_ws('|', id, name, coalesce("revokedAt"::text, '-'), coalesce("expiresAt"::text, '-'), coalesce("rolledToId", '-')),
        ',' ORDER BY id), '')) FROM "AccessToken") AS "AccessToken",
      (SELECT count(*)::text FROM "AuditEvent") AS "AuditEvent"`;
  if (!row) throw new Error("stateFingerprint: no row");
  return row;
}
