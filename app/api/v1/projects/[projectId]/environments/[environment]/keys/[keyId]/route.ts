// GET …/keys/{keyId} – one live API key, masked (apikey:read)
// DELETE …/keys/{keyId} – delete it; it stops working at once (apikey:delete)
import { apiRoute } from "@/lib/api/route";
import { keyPath, toApiKeyDto } from "@/lib/api/schemas";
import { deleteApiKey, getApiKey } from "@/lib/dal/api-keys";

export const GET = apiRoute({
  scope: "apikey:read",
  params: keyPath,
  async handle({ ctx, params }) {
    const key = await getApiKey(ctx, { project: { projectPublicId: params.projectId }, environment: params.environment, keyId: params.keyId });
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
