import { NextRequest } from "next/server";
import * as rowRoute from "@/app/v1/data/[table]/[id]/route";
import * as rowsRoute from "@/app/v1/data/[table]/route";
import * as tableRoute from "@/app/v1/tables/[table]/route";
import * as tablesRoute from "@/app/v1/tables/route";

// Calls the data API's (/v1) real route handlers in-process, like test/api-client.ts does for
// /api/v1: only Next's router is replaced, by the table below.

export type DataMethod = "GET" | "POST" | "PATCH" | "DELETE";
type Handler = (request: NextRequest, context: { params: Promise<unknown> }) => Promise<Response>;
type RouteModule = Partial<Record<DataMethod, Handler>>;

export const DATA_ROUTES: ReadonlyArray<{ pattern: string; module: RouteModule }> = [
  { pattern: "/v1/tables", module: tablesRoute },
  { pattern: "/v1/tables/:table", module: tableRoute },
  { pattern: "/v1/data/:table", module: rowsRoute },
  { pattern: "/v1/data/:table/:id", module: rowRoute },
];

export interface DataCallOptions {
  /** Sent as `X-API-Key`. */
  apiKey?: string;
  /** Sent as `Authorization: Bearer …`. */
  bearer?: string;
  body?: unknown;
  rawBody?: string;
  contentType?: string | null;
  headers?: Record<string, string>;
}

export interface DataResponse {
  status: number;
  headers: Headers;
  body: unknown;
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
      params[segment.slice(1)] = decodeURIComponent(actual);
    } else if (segment !== actual) {
      return null;
    }
  }
  return params;
}

export async function dataCall(method: DataMethod, path: string, options: DataCallOptions = {}): Promise<DataResponse> {
  const headers = new Headers({ "user-agent": "vitest/data-client", "x-forwarded-for": "198.51.100.8" });
  if (options.apiKey !== undefined) headers.set("x-api-key", options.apiKey);
  if (options.bearer !== undefined) headers.set("authorization", `Bearer ${options.bearer}`);
  let body: Uint8Array<ArrayBuffer> | undefined;
  if (options.rawBody !== undefined) body = new TextEncoder().encode(options.rawBody);
  else if (options.body !== undefined) body = new TextEncoder().encode(JSON.stringify(options.body));
  const contentType = options.contentType === undefined ? (body ? "application/json" : null) : options.contentType;
  if (contentType !== null) headers.set("content-type", contentType);
  for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);

  const { pathname } = new URL(path, "http://localhost");
  for (const route of DATA_ROUTES) {
    const params = match(route.pattern, pathname);
    if (!params) continue;
    const handler = route.module[method];
    if (!handler) return { status: 405, headers: new Headers(), body: null };
    const request = new NextRequest(new URL(path, "http://localhost"), { method, headers, body });
    // Like Next: a route without dynamic segments gets no params object at all.
    const response = await handler(request, { params: Promise.resolve(Object.keys(params).length > 0 ? params : undefined) });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : null };
  }
  return { status: 404, headers: new Headers(), body: null };
}

/** The error code of a failed call. */
export function codeOf(response: DataResponse): string | undefined {
  return (response.body as { error?: { code?: string } } | null)?.error?.code;
}
