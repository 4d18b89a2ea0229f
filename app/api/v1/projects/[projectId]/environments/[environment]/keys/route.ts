// GET …/environments/{environment}/keys – the environment's live API keys (apikey:read)
// POST …/environments/{environment}/keys – create one, optionally with prefix, roles, context and
// expiry; the response carries the key once (apikey:create)
import { apiRoute } from "@/lib/api/route";
import { createApiKeyBody, environmentPath, keyListQuery, toApiKeyDto } from "@/lib/api/schemas";
import { createApiKey, listApiKeysAfter } from "@/lib/dal/api-keys";

export const GET = apiRoute({
  scope: "apikey:read",
  params: environmentPath,
  query: keyListQuery,
  async handle({ ctx, params, query }) {
    const page = await listApiKeysAfter(ctx, { project: { projectPublicId: params.projectId }, environment: params.environment, ...query });
    return { body: { data: page.rows.map(toApiKeyDto), nextCursor: page.nextCursor } };
  },
});

export const POST = apiRoute({
  scope: "apikey:create",
  params: environmentPath,
  body: createApiKeyBody,
  async handle({ ctx, params, body }) {
    const { key, plaintext } = await createApiKey(ctx, { projectPublicId: params.projectId, environment: params.environment, ...body });
    return { status: 201, body: { ...toApiKeyDto(key), key: plaintext } };
  },
});
