// How the API Keys list scales: one page (count + 10 rows) from an environment holding 10,000
// keys, first page and a deep page, against the same query on an environment of 10 keys.
import { db } from "../lib/db/client";
import { listApiKeys } from "../lib/dal/api-keys";
import type { MemberContext } from "../lib/dal/context";
import { displayParts, generateKey, hashKey } from "../lib/keys/format";
import { benchAccount, measure, report } from "./lib";

const LARGE = 10_000;
const SMALL = 10;

async function seedKeys(ctx: MemberContext, environment: string, count: number) {
  const env = await db.environment.findFirstOrThrow({
    where: { slug: environment, project: { organizationId: ctx.organizationId } },
    select: { id: true, projectId: true },
  });
  for (let offset = 0; offset < count; offset += 1_000) {
    const batch = Array.from({ length: Math.min(1_000, count - offset) }, (_, i) => {
      const key = generateKey("secret");
      return {
        organizationId: ctx.organizationId,
        projectId: env.projectId,
        environmentId: env.id,
        kind: "SECRET" as const,
        name: `key-${offset + i}`,
        hash: hashKey(key),
        ...displayParts(key),
        createdById: ctx.userId,
        createdAt: new Date(Date.now() - (offset + i) * 1_000),
      };
    });
    await db.apiKey.createMany({ data: batch });
  }
}

export async function benchApiKeysList() {
  const { ctx, projectSlug } = await benchAccount();
  const project = await db.project.findFirstOrThrow({ where: { organizationId: ctx.organizationId }, select: { id: true } });
  await db.environment.create({ data: { projectId: project.id, slug: "small", name: "small" } });
  await seedKeys(ctx, "prod", LARGE);
  await seedKeys(ctx, "small", SMALL);
  await db.$executeRawUnsafe("ANALYZE");

  const page = (environment: string, pageNumber: number) => () =>
    listApiKeys(ctx, { projectSlug, environment, kind: "secret", page: pageNumber });
  report(
    "API Keys list (count + one page of 10)",
    await measure({
      [`${SMALL} keys, page 1 (baseline)`]: page("small", 1),
      [`${LARGE.toLocaleString("en-US")} keys, page 1`]: page("prod", 1),
      [`${LARGE.toLocaleString("en-US")} keys, page 500 (deep)`]: page("prod", 500),
    }),
  );
}
