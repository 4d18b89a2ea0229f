// POST …/keys/{keyId}/roll – replace a secret key: the new one (returned once) inherits name,
// prefix, roles, context and expiry; the old one works for the chosen overlap (apikey:update)
import { apiRoute } from "@/lib/api/route";
import { keyPath, rollApiKeyBody, toApiKeyDto } from "@/lib/api/schemas";
import { rollApiKey } from "@/lib/dal/api-keys";

export const POST = apiRoute({
  scope: "apikey:update",
  params: keyPath,
  body: rollApiKeyBody,
  async handle({ ctx, params, body }) {
    const { key, plaintext, previous } = await rollApiKey(ctx, {
      keyId: params.keyId,
      overlap: body.overlap,
      within: { project: { projectPublicId: params.projectId }, environment: params.environment },
    });
    return { status: 201, body: { ...toApiKeyDto(key), key: plaintext, previous: toApiKeyDto(previous) } };
  },
});
