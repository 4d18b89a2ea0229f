// GET /api/health – `{"ok":true}`: no authentication, no database. A readiness URL for process
// managers, and the HTTP benchmarks' baseline (the cost of Next's routing and a route handler).
// Dynamic on purpose: a prerendered answer would say nothing about whether the server runs.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
}
