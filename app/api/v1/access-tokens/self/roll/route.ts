// POST /api/v1/access-tokens/self/roll – the calling token replaces itself: the new token
// (returned once) inherits name, type, prefix, scopes, roles, context and expiry; the caller keeps
// working for the chosen overlap (token:roll)
import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { rollAccessTokenBody, toAccessTokenDto } from "@/lib/api/schemas";
import { rollOwnAccessToken } from "@/lib/dal/access-tokens";

const noParams = z.object({});

export const POST = apiRoute({
  scope: "token:roll",
  params: noParams,
  body: rollAccessTokenBody,
  async handle({ ctx, body }) {
    const { token, plaintext, previous } = await rollOwnAccessToken(ctx, { overlap: body.overlap });
    return { status: 201, body: { ...toAccessTokenDto(token), token: plaintext, previous: toAccessTokenDto(previous) } };
  },
});
