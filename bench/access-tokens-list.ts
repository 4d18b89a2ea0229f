// How the Access Tokens tables scale: the active table (count + 20 rows) sorted several ways,
// and a name search, in an organization holding 10,000 tokens, against one holding 10.
import { db } from "../lib/db/client";
import { listAccessTokens } from "../lib/dal/access-tokens";
import type { MemberContext } from "../lib/dal/context";
import { displayParts, generateKey, hashKey } from "../lib/keys/format";
import { tokenListParamsSchema } from "../lib/validations/access-tokens";
import { benchAccount, measure, report } from "./lib";

const LARGE = 10_000;
const SMALL = 10;

async function seedTokens(ctx: MemberContext, count: number) {
  const now = Date.now();
  for (let offset = 0; offset < count; offset += 1_000) {
    const batch = Array.from({ length: Math.min(1_000, count - offset) }, (_, i) => {
      const n = offset + i;
      const token = generateKey("access_token");
      return {
        organizationId: ctx.organizationId,
        name: `token-${n}`,
        type: n % 2 ? ("API_KEY" as const) : ("BEARER_TOKEN" as const),
        scopes: ["project:read", "apikey:read"],
        hash: hashKey(token),
        ...displayParts(token),
        createdById: ctx.userId,
        createdAt: new Date(now - n * 1_000),
        lastUsedAt: n % 3 ? new Date(now - n * 500) : null,
        // A tenth are revoked and a tenth expired, so both tables have real work to do.
        revokedAt: n % 10 === 0 ? new Date(now - n) : null,
        expiresAt: n % 10 === 1 ? new Date(now - 1_000) : new Date(now + 90 * 86_400_000),
      };
    });
    await db.accessToken.createMany({ data: batch });
  }
}

export async function benchAccessTokensList() {
  const small = await benchAccount();
  const large = await benchAccount();
  await seedTokens(small.ctx, SMALL);
  await seedTokens(large.ctx, LARGE);
  await db.$executeRawUnsafe("ANALYZE");

  const list = (ctx: MemberContext, status: "active" | "inactive", params: Record<string, string>) => {
    const parsed = tokenListParamsSchema.parse(params);
    return () => listAccessTokens(ctx, status, parsed);
  };
  const n = LARGE.toLocaleString("en-US");
  report(
    "Access Tokens table (count + one page of 20)",
    await measure({
      [`${SMALL} tokens, newest first (baseline)`]: list(small.ctx, "active", {}),
      [`${n} tokens, newest first`]: list(large.ctx, "active", {}),
      [`${n} tokens, by name, page 200`]: list(large.ctx, "active", { sort: "name", dir: "asc", page: "200" }),
      [`${n} tokens, by last used`]: list(large.ctx, "active", { sort: "lastUsedAt", dir: "desc" }),
      [`${n} tokens, search "token-99"`]: list(large.ctx, "active", { q: "token-99" }),
      [`${n} tokens, inactive table`]: list(large.ctx, "inactive", {}),
    }),
  );
}
