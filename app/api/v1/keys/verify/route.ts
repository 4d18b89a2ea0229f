import { verifyKeyBody } from "@/lib/api/schemas";
import { verifyKey, verifyRoute } from "@/lib/api/verify";

/**
 * POST /api/v1/keys/verify: is this key good, and what may it do? For the developer's own
 * backend: callers authenticate with a secret key of the project or a token holding apikey:read.
 */
export const POST = verifyRoute({
  scope: "apikey:read",
  body: verifyKeyBody,
  handle: verifyKey,
});
