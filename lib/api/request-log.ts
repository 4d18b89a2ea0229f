import "server-only";
import type { NextRequest } from "next/server";
import { requestInfoFrom } from "@/lib/auth/request-info";
import type { ResolvedCredential } from "@/lib/credentials/types";
import { recordRequest, recordUse } from "@/lib/credentials/usage";

/**
 * Records one API request in the batched request log (lib/credentials/usage.ts) under the
 * credential that made it. `use` also counts it as a use (last used, first use): false for a
 * credential refused as expired, whose "Last used" stays the last time it worked.
 */
export function logRequest(input: {
  request: NextRequest;
  credential: ResolvedCredential;
  /** Where it acted: the environment for data-API calls; null for organization-wide calls. */
  place: { projectId: string | null; environmentId: string | null };
  response: Response;
  /** The API error code of a refused request; null on success. */
  code: string | null;
  /** performance.now() when the request arrived. */
  started: number;
  use: boolean;
}): void {
  const { request, credential } = input;
  const entry = {
    organizationId: credential.organizationId,
    projectId: input.place.projectId,
    environmentId: input.place.environmentId,
    credentialKind: credential.kind,
    credentialId: credential.id,
    credentialName: credential.name,
    method: request.method,
    path: request.nextUrl.pathname.slice(0, 512),
    status: input.response.status,
    code: input.code,
    latencyMs: Math.round(performance.now() - input.started),
    ip: requestInfoFrom(request.headers).ip,
  };
  const at = new Date();
  if (input.use) recordUse(credential, at, entry);
  else recordRequest(entry, at);
}
