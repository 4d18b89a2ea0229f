// GET /api/v1/openapi.json – the management API's OpenAPI 3.1 document (public, no token)
import { buildOpenApiDocument } from "@/lib/api/openapi";

// Rendered at request time, not at build, so the stated rate limit is this server's setting.
export const dynamic = "force-dynamic";

// Generated once per process: the document only changes with a deploy.
let document: string | undefined;

/**
 * Public on purpose: the document describes the API, not any organization's data. It reads no
 * cookies or tokens, so letting any origin fetch it (API explorers, codegen) exposes nothing.
 */
export function GET(): Response {
  document ??= JSON.stringify(buildOpenApiDocument(), null, 2);
  return new Response(document, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
