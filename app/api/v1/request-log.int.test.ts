import { expect, it } from "vitest";
import { flushUsage } from "@/lib/credentials/usage";
import { db } from "@/lib/db";
import { call, insertAccessToken } from "@/test/api-client";
import { signUp } from "@/test/factories";

// Management-API calls are logged under their token (organization-wide, no environment), so a
// token's page shows its traffic and a rolled token how much still arrives; refusals carry
// their code.
it("logs each authenticated management call under its token, with the code of a refusal", async () => {
  const owner = await signUp();
  const { id, token } = await insertAccessToken({ organizationId: owner.ctx.organizationId, scopes: ["project:read"] });
  expect((await call("GET", "/api/v1/projects", { token })).status).toBe(200);
  expect((await call("POST", "/api/v1/projects", { token, body: { name: "nope" } })).status).toBe(403);
  await flushUsage();

  const logged = await db.requestLog.findMany({ where: { credentialId: id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  expect(logged.map((row) => ({ method: row.method, path: row.path, status: row.status, code: row.code, projectId: row.projectId, environmentId: row.environmentId }))).toEqual([
    { method: "GET", path: "/api/v1/projects", status: 200, code: null, projectId: null, environmentId: null },
    { method: "POST", path: "/api/v1/projects", status: 403, code: "INSUFFICIENT_SCOPE", projectId: null, environmentId: null },
  ]);
  expect(logged.every((row) => row.organizationId === owner.ctx.organizationId && row.credentialKind === "access_token")).toBe(true);
  expect((await db.accessToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).not.toBeNull();
});
