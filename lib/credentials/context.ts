import type { RequestInfo, TokenContext } from "@/lib/dal/context";
import type { AccessTokenCredential } from "./types";

/** The DAL context an authenticated access token acts in: its organization, its scopes. */
export function tokenContext(token: AccessTokenCredential, request: RequestInfo): TokenContext {
  return {
    kind: "token",
    tokenId: token.id,
    scopes: token.scopes,
    organizationId: token.organizationId,
    organizationSlug: token.organizationSlug,
    request,
  };
}
