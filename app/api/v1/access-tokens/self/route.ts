// GET /api/v1/access-tokens/self – the calling token: scopes, roles, expiry, last use (token:read)
import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { toAccessTokenDto } from "@/lib/api/schemas";
import { getOwnAccessToken } from "@/lib/dal/access-tokens";

const noParams = z.object({});

export const GET = apiRoute({
  scope: "token:read",
  params: noParams,
  async handle({ ctx }) {
    return { body: toAccessTokenDto(await getOwnAccessToken(ctx)) };
  },
});
