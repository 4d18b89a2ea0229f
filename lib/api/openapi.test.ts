import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { API_ERROR_STATUS } from "@/lib/api/errors";
import { API_OPERATIONS, buildOpenApiDocument, DOCUMENTED_LIMITS, TAGS, type OpenApiOperation } from "@/lib/api/openapi";
import * as schemas from "@/lib/api/schemas";
import { RESOURCE_SCOPES } from "@/lib/auth/scopes";
import { ROLL_OVERLAPS } from "@/lib/keys/rotation";

const ROOT = path.resolve(__dirname, "../..");
const API_DIR = path.join(ROOT, "app/api/v1");
/** Route files under app/api/v1 that are not apiRoute() endpoints, and so not operations. */
const NOT_OPERATIONS = new Set(["/api/v1/openapi.json"]);

const doc = buildOpenApiDocument();
const operations = Object.entries(doc.paths).flatMap(([route, item]) =>
  Object.entries(item).map(([method, operation]) => ({ route, method: method.toUpperCase(), operation: operation as OpenApiOperation })),
);

interface RouteExport {
  route: string;
  method: string;
  file: string;
  scope?: string;
  params?: string;
  query?: string;
  body?: string;
}

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** app/api/v1/projects/[projectId]/route.ts → /api/v1/projects/{projectId} */
function routePathOf(file: string): string {
  const segments = path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep);
  return (
    "/" +
    segments
      .filter((segment) => !/^\(.*\)$/.test(segment))
      .map((segment) => {
        if (segment.startsWith("[...") || segment.startsWith("[[")) throw new Error(`Catch-all segment in ${file}: describe it by hand.`);
        return segment.replace(/^\[(.+)\]$/, "{$1}");
      })
      .join("/")
  );
}

/** Each exported HTTP method of a route file, with the apiRoute({ … }) fields it names. */
function exportsOf(file: string): RouteExport[] {
  const source = readFileSync(file, "utf8");
  const route = routePathOf(file);
  const found: RouteExport[] = [];
  for (const match of source.matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|POST|PATCH|DELETE|PUT|HEAD|OPTIONS)\b/g)) {
    const rest = source.slice((match.index ?? 0) + match[0].length);
    // The spec's own fields come before handle(); a `body:` inside the handler is not one.
    // verifyRoute (lib/api/verify.ts) takes the same declarative spec for POST /api/v1/keys/verify.
    const spec = /^\s*=\s*(?:apiRoute|verifyRoute)\(\{([\s\S]*?)\n\s*(?:async\s+)?handle\b/.exec(rest)?.[1];
    const field = (name: string) => new RegExp(`^\\s*${name}:\\s*("[^"]+"|\\w+),?\\s*$`, "m").exec(spec ?? "")?.[1]?.replace(/"/g, "");
    found.push({
      route,
      method: match[1] ?? "",
      file: path.relative(ROOT, file),
      ...(spec
        ? {
            scope: field("scope"),
            params: field("params"),
            query: field("query"),
            body: field("body"),
          }
        : {}),
    });
  }
  return found;
}

const routeExports = routeFiles(API_DIR).flatMap(exportsOf);
const endpointExports = routeExports.filter((entry) => !NOT_OPERATIONS.has(entry.route));

/** The name lib/api/schemas.ts exports a schema under, so table and route can be compared. */
function exportName(schema: z.ZodType | undefined): string | undefined {
  if (!schema) return undefined;
  return Object.entries(schemas).find(([, value]) => value === schema)?.[0] ?? "(not exported by lib/api/schemas.ts)";
}

function resolvePointer(ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  let node: unknown = doc;
  for (const raw of ref.slice(2).split("/")) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (node === null || typeof node !== "object" || !(key in node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function collectRefs(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((child) => collectRefs(child, found));
  else if (node !== null && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") found.push(value);
      else collectRefs(value, found);
    }
  }
  return found;
}

describe("OpenAPI document: structure", () => {
  it("is OpenAPI 3.1 with the expected info, server and security schemes", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: "Keyward Management API", version: "1.0.0" });
    expect(doc.servers).toEqual([expect.objectContaining({ url: "/" })]);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.securitySchemes.apiKeyAuth).toMatchObject({ type: "apiKey", in: "header", name: "X-API-Key" });
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it("resolves every $ref inside the document", () => {
    const refs = collectRefs(doc);
    expect(refs.length).toBeGreaterThan(0);
    const broken = refs.filter((ref) => resolvePointer(ref) === undefined);
    expect(broken).toEqual([]);
  });

  it("keeps no JSON Schema dialect or fragment $id inside components", () => {
    for (const [id, schema] of Object.entries(doc.components.schemas)) {
      expect(schema, id).not.toHaveProperty("$schema");
      expect(schema, id).not.toHaveProperty("$id");
    }
  });

  it("declares every path template parameter, and no others", () => {
    for (const { route, method, operation } of operations) {
      const templated = [...route.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]).sort();
      const declared = (operation.parameters ?? []).filter((p) => p.in === "path");
      expect(declared.map((p) => p.name).sort(), `${method} ${route}`).toEqual(templated);
      for (const parameter of declared) expect(parameter.required, `${method} ${route} ${parameter.name}`).toBe(true);
    }
  });

  it("has unique operationIds and only declared tags", () => {
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const tags = new Set(doc.tags.map((tag) => tag.name));
    for (const { operation } of operations) for (const tag of operation.tags) expect(tags).toContain(tag);
    expect(doc.tags.map((tag) => tag.name)).toEqual(TAGS.map((tag) => tag.name));
  });

  it("lets every operation be called with either token type, and names a real scope", () => {
    for (const { route, method, operation } of operations) {
      const where = `${method} ${route}`;
      expect(operation.security, where).toEqual([{ bearerAuth: [] }, { apiKeyAuth: [] }]);
      expect(RESOURCE_SCOPES, where).toContain(operation["x-required-scope"]);
      expect(operation.description, where).toContain(`\`${operation["x-required-scope"]}\``);
    }
  });

  it("documents only error statuses the API can answer, each with the Error shape", () => {
    const statuses = new Set<number>(Object.values(API_ERROR_STATUS));
    for (const { route, method, operation } of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue;
        expect(statuses, `${method} ${route} ${status}`).toContain(Number(status));
        const resolved = ("$ref" in response ? resolvePointer(response.$ref) : response) as { content?: Record<string, { schema: unknown }> };
        expect(resolved.content?.["application/json"]?.schema).toEqual({ $ref: "#/components/schemas/Error" });
      }
    }
  });
});

describe("OpenAPI document: key lifecycle and roles", () => {
  const schema = (id: string) => doc.components.schemas[id] as { properties: Record<string, { enum?: unknown; description?: string }> };

  it("offers exactly the roll overlaps the server accepts", () => {
    expect(schema("RollApiKey").properties.overlap?.enum).toEqual([...ROLL_OVERLAPS]);
    expect(schema("RollAccessToken").properties.overlap?.enum).toEqual([...ROLL_OVERLAPS]);
    expect(schema("RollAccessToken").properties.overlap?.description).toMatch(/old token keeps working/);
  });

  it("describes what a verification's access fields mean, empty or not", () => {
    const verification = schema("KeyVerification").properties;
    expect(verification.restricted?.description).toMatch(/False means/);
    expect(verification.permissions?.description).toMatch(/Empty when not restricted/);
    expect(doc.paths["/api/v1/keys/verify"]?.post?.description).toMatch(/row-level filters are for your backend to enforce/);
  });

  it("returns a rolled token's new value once, beside the token that made the call", () => {
    const rolled = schema("RolledAccessToken").properties;
    expect(Object.keys(rolled)).toEqual(expect.arrayContaining(["token", "previous", "scopes", "roles", "expiresAt", "rolledFromId"]));
    expect(rolled.token?.description).toMatch(/Returned once/);
    expect(doc.paths["/api/v1/access-tokens/self/roll"]?.post?.["x-required-scope"]).toBe("token:roll");
  });

  it("shows the new key fields in every key response", () => {
    for (const id of ["ApiKey", "CreatedApiKey", "RolledApiKey"]) {
      expect(Object.keys(schema(id).properties), id).toEqual(
        expect.arrayContaining(["prefix", "roles", "context", "expiresAt", "status", "rolledToId", "rolledFromId"]),
      );
    }
  });
});

describe("OpenAPI document: no drift from the routes", () => {
  it("finds the route files", () => {
    expect(endpointExports.length).toBeGreaterThanOrEqual(14);
  });

  it("describes every exported route method, and nothing that is not served", () => {
    const served = endpointExports.map((entry) => `${entry.method} ${entry.route}`).sort();
    const documented = operations.map(({ method, route }) => `${method} ${route}`).sort();
    expect(documented).toEqual(served);
  });

  it("only exempts routes that are not apiRoute() endpoints", () => {
    for (const entry of routeExports) {
      if (NOT_OPERATIONS.has(entry.route)) expect(entry.scope, entry.file).toBeUndefined();
      else expect(entry.scope, `${entry.method} in ${entry.file} must be an apiRoute({ scope, … }) or verifyRoute({ scope, … })`).toBeDefined();
    }
  });

  it("requires the scope the route requires, and parses with the schemas the route parses with", () => {
    for (const entry of endpointExports) {
      const spec = API_OPERATIONS.find((op) => op.method === entry.method && op.path === entry.route);
      const where = `${entry.method} ${entry.route} (${entry.file})`;
      expect(spec, where).toBeDefined();
      if (!spec) continue;
      expect(spec.scope, where).toBe(entry.scope);
      // Routes without path parameters pass a local z.object({}); the table leaves them out.
      const params = entry.params && entry.params in schemas ? entry.params : undefined;
      expect(exportName(spec.params), `${where} params`).toBe(params);
      expect(exportName(spec.query), `${where} query`).toBe(entry.query);
      expect(exportName(spec.body), `${where} body`).toBe(entry.body);
    }
  });

  it("lists the error statuses its inputs imply", () => {
    for (const spec of API_OPERATIONS) {
      const where = `${spec.method} ${spec.path}`;
      const implied = [401, 403, 429];
      if (spec.params) implied.push(404);
      if (spec.query || spec.body) implied.push(400);
      if (spec.body) implied.push(413, 415);
      for (const status of implied) expect(spec.errors, where).toContain(status);
      if (!spec.body) {
        expect(spec.errors, where).not.toContain(413);
        expect(spec.errors, where).not.toContain(415);
      }
      if (!spec.params) expect(spec.errors, where).not.toContain(404);
    }
  });

  it("has request examples the server would accept", () => {
    for (const spec of API_OPERATIONS) {
      if (!spec.body) continue;
      expect(spec.bodyExample, `${spec.method} ${spec.path}`).toBeDefined();
      expect(spec.body.safeParse(spec.bodyExample).success, `${spec.method} ${spec.path}`).toBe(true);
    }
  });

  it("has path parameter examples the server would accept", () => {
    for (const spec of API_OPERATIONS) {
      if (!spec.params) continue;
      const operation = doc.paths[spec.path]?.[spec.method.toLowerCase() as "get"];
      const examples = Object.fromEntries((operation?.parameters ?? []).filter((p) => p.in === "path").map((p) => [p.name, p.example]));
      expect(spec.params.safeParse(examples).success, `${spec.method} ${spec.path}`).toBe(true);
    }
  });

  it("states the limits the server enforces", () => {
    const route = readFileSync(path.join(ROOT, "lib/api/route.ts"), "utf8");
    expect(route).toMatch(new RegExp(`MAX_BODY_BYTES = ${DOCUMENTED_LIMITS.maxBodyKiB} \\* 1024;`));
    const keys = readFileSync(path.join(ROOT, "lib/dal/api-keys.ts"), "utf8");
    expect(keys).toMatch(new RegExp(`KEY_CREATION_LIMIT = \\{ perMinute: ${DOCUMENTED_LIMITS.keyCreationsPerMinute} \\}`));
    const tokens = readFileSync(path.join(ROOT, "lib/dal/access-tokens.ts"), "utf8");
    expect(tokens).toMatch(new RegExp(`TOKEN_CREATION_LIMIT = \\{ perMinute: ${DOCUMENTED_LIMITS.tokenCreationsPerMinute} \\}`));
  });
});
