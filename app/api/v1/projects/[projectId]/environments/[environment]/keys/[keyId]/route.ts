// GET …/keys/{keyId} – one live API key, masked (apikey:read)
// PATCH …/keys/{keyId} – change its name, roles, context or expiry; the key string stays (apikey:update)
// DELETE …/keys/{keyId} – delete it; it stops working at once (apikey:delete)
import { apiRoute } from "@/lib/api/route";
import { keyPath, toApiKeyDto, updateApiKeyBody } from "@/lib/api/schemas";
import { deleteApiKey, getApiKey, updateApiKey } from "@/lib/dal/api-keys";

export const GET = apiRoute({
  scope: "apikey:read",
  params: keyPath,
  async handle({ ctx, params }) {
    const key = await getApiKey(ctx, { project: { projectPublicId: params.projectId }, environment: params.environment, keyId: params.keyId });
    return { body: toApiKeyDto(key) };
  },
});

export const PATCH = apiRoute({
  scope: "apikey:update",
  params: keyPath,
  body: updateApiKeyBody,
  async handle({ ctx, params, body }) {
    const key = await updateApiKey(ctx, {
      keyId: params.keyId,
      within: { project: { projectPublicId: params.projectId }, environment: params.environment },
      ...body,
    });
    return { body: toApiKeyDto(key) };
  },
});

export const DELETE = apiRoute({
  scope: "apikey:delete",
  params: keyPath,
  async handle({ ctx, params }) {
    await deleteApiKey(ctx, {
      keyId: params.keyId,
      within: { project: { projectPublicId: params.projectId }, environment: params.environment },
    });
    return { status: 204 };
  },
});
