import { z } from "zod";
import { ALL_SCOPES } from "@/lib/auth/scopes";
import { KEY_KINDS } from "@/lib/keys/format";
import { keyNameSchema } from "@/lib/validations/keys";
import { environmentSlugSchema, projectNameSchema } from "@/lib/validations/projects";

/**
 * The management API's contract: path parameters, request bodies and response bodies. Route
 * handlers parse with these schemas and the OpenAPI document is generated from them, so the
 * documentation cannot drift from what the server accepts.
 */

// ── Path parameters ────────────────────────────────────────────────────────────────────────
export const projectIdSchema = z.string().regex(/^proj_[0-9A-Za-z]{20}$/).meta({
  description: "The project's public Project ID (shown in the console under Settings).",
  example: "proj_4fJ2kq8ZpXc1NwLrT0aB",
});
export const environmentParamSchema = z.string().regex(/^[a-z][a-z0-9-]{1,23}$/).meta({
  description: "The environment's name, as sent in X-Environment.",
  example: "dev",
});
export const keyIdSchema = z.string().regex(/^[a-z0-9]{20,32}$/).meta({ description: "The API key's id.", example: "cmf0c3x1k0001abcd1234efgh" });

export const projectPath = z.object({ projectId: projectIdSchema });
export const environmentPath = projectPath.extend({ environment: environmentParamSchema });
export const keyPath = environmentPath.extend({ keyId: keyIdSchema });

// ── Query strings ──────────────────────────────────────────────────────────────────────────
export const MAX_PAGE_SIZE = 100;
export const pageQuery = z.object({
  limit: z.coerce
    .number({ error: "limit must be a number." })
    .int({ error: "limit must be a whole number." })
    .min(1, { error: "limit must be at least 1." })
    .max(MAX_PAGE_SIZE, { error: `limit must be at most ${MAX_PAGE_SIZE}.` })
    .default(20)
    .meta({ description: `Page size, 1–${MAX_PAGE_SIZE} (default 20).` }),
  cursor: z.string().max(200).optional().meta({ description: "The nextCursor of the previous page." }),
});
export const keyListQuery = pageQuery.extend({
  kind: z.enum(KEY_KINDS, { error: "kind must be publishable or secret." }).optional().meta({ description: "Only keys of this kind." }),
});

// ── Request bodies ─────────────────────────────────────────────────────────────────────────
const projectNameField = projectNameSchema.meta({ description: "Display name, 1–64 characters." });
const environmentSlugField = environmentSlugSchema.meta({
  description: "2–24 characters: a lowercase letter, then letters, digits or dashes (e.g. staging).",
});

export const createProjectBody = z.strictObject({ name: projectNameField }).meta({ id: "CreateProject" });
export const updateProjectBody = z.strictObject({ name: projectNameField }).meta({ id: "UpdateProject" });
export const createEnvironmentBody = z.strictObject({ slug: environmentSlugField }).meta({ id: "CreateEnvironment" });
export const updateEnvironmentBody = z.strictObject({ slug: environmentSlugField }).meta({ id: "UpdateEnvironment" });
export const createApiKeyBody = z
  .strictObject({
    name: keyNameSchema.meta({ description: "What the key is for, 1–64 characters (e.g. server-key)." }),
    kind: z
      .enum(KEY_KINDS, { error: "kind must be publishable or secret." })
      .meta({ description: "publishable (pk_, client-side, read-only) or secret (sk_, server-side, full access)." }),
  })
  .meta({ id: "CreateApiKey" });

// ── Key verification (POST /api/v1/keys/verify) ─────────────────────────────────────────────
export const MAX_VERIFY_SCOPES = 30;
export const verifyKeyBody = z
  .strictObject({
    key: z
      .string({ error: "key must be a string." })
      .min(1, { error: "key is required." })
      .max(200, { error: "key must be at most 200 characters." })
      .meta({ description: "The key or token to verify, as your client presented it: pk_…, sk_… or at_…." }),
    scopes: z
      .array(z.enum(ALL_SCOPES as [string, ...string[]], { error: "Unknown scope." }))
      .max(MAX_VERIFY_SCOPES, { error: `At most ${MAX_VERIFY_SCOPES} scopes.` })
      .optional()
      .meta({ description: "Scopes the key must hold; when one is missing the answer is INSUFFICIENT_SCOPE." }),
    environment: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,23}$/, { error: "environment must be an environment name, e.g. prod." })
      .optional()
      .meta({ description: "The environment the key must belong to (e.g. prod); another one answers WRONG_ENVIRONMENT. Not checked for access tokens." }),
  })
  .meta({ id: "VerifyKeyRequest" });

export const VERIFY_CODES = [
  "VALID",
  "MALFORMED",
  "NOT_FOUND",
  "REVOKED",
  "EXPIRED",
  "WRONG_ENVIRONMENT",
  "INSUFFICIENT_SCOPE",
  "RATE_LIMITED",
] as const;
export type VerifyCode = (typeof VERIFY_CODES)[number];

export const keyVerificationDto = z
  .object({
    valid: z.boolean().meta({ description: "True only when code is VALID." }),
    code: z.enum(VERIFY_CODES).meta({
      description:
        "VALID; MALFORMED (checksum mismatch: a typo or truncation); NOT_FOUND (unknown, or outside what the caller may see); REVOKED (deleted); EXPIRED; WRONG_ENVIRONMENT (another environment than the calling secret key's, or than `environment`); INSUFFICIENT_SCOPE (lacks a requested scope); RATE_LIMITED (the key's own per-second budget is spent).",
    }),
    keyId: z.string().nullable().meta({ description: "The key's or token's id; null unless the key is known to the caller." }),
    kind: z.enum(["publishable", "secret", "access_token"]).nullable().meta({ description: "What the key is; null unless known." }),
    projectId: z.string().nullable().meta({ description: "The key's public Project ID (proj_…); null for access tokens and unknown keys." }),
    environment: z.string().nullable().meta({ description: "The key's environment; null for access tokens and unknown keys." }),
    scopes: z.array(z.string()).meta({ description: "What the key may do: its effective scopes; empty unless known." }),
    expiresAt: z.iso.datetime().nullable().meta({ description: "When the key expires; null if never (or unknown)." }),
    meta: z.record(z.string(), z.unknown()).meta({ description: "Metadata attached to the key; empty for now." }),
  })
  .meta({ id: "KeyVerification" });

// ── Responses ──────────────────────────────────────────────────────────────────────────────
const timestamp = z.iso.datetime();

export const projectDto = z
  .object({
    id: projectIdSchema,
    name: z.string().meta({ description: "The project's display name." }),
    slug: z.string().meta({ description: "URL slug used by the console, unique in the organization." }),
    environments: z.array(z.string()).meta({ description: "Names of the project's environments." }),
    createdAt: timestamp.meta({ description: "When the project was created." }),
  })
  .meta({ id: "Project" });

export const environmentDto = z
  .object({ slug: environmentParamSchema, createdAt: timestamp.meta({ description: "When the environment was created." }) })
  .meta({ id: "Environment" });

export const apiKeyDto = z
  .object({
    id: keyIdSchema,
    name: z.string().meta({ description: "What the key is for." }),
    kind: z.enum(KEY_KINDS).meta({ description: "publishable (pk_) or secret (sk_)." }),
    environment: z.string().meta({ description: "The environment the key works in (and only there)." }),
    maskedKey: z.string().meta({ description: "Enough to recognise the key (e.g. sk_…x7Qa), never to use it." }),
    publishableKey: z.string().nullable().meta({ description: "The whole key, for publishable keys only." }),
    createdAt: timestamp.meta({ description: "When the key was created." }),
    lastUsedAt: timestamp.nullable().meta({ description: "Last authenticated request with the key; null if never used." }),
  })
  .meta({ id: "ApiKey" });

export const createdApiKeyDto = apiKeyDto
  .extend({
    key: z.string().meta({ description: "The full key. Returned once, in this response only: store it now." }),
  })
  .meta({ id: "CreatedApiKey" });

export function listDto<Item extends z.ZodType>(item: Item, id: string) {
  return z
    .object({ data: z.array(item), nextCursor: z.string().nullable().meta({ description: "Pass as cursor for the next page; null on the last." }) })
    .meta({ id });
}

export const errorDto = z
  .object({
    error: z.object({
      code: z.string().meta({ description: "Stable machine-readable code, e.g. NOT_FOUND, INSUFFICIENT_SCOPE." }),
      message: z.string().meta({ description: "For people; may change." }),
      details: z.record(z.string(), z.unknown()).optional().meta({ description: "Extra context, e.g. fieldErrors or requiredScope." }),
    }),
  })
  .meta({ id: "Error" });

// ── Mappers from DAL rows ──────────────────────────────────────────────────────────────────
export function toProjectDto(project: { publicId: string; name: string; slug: string; createdAt: Date; environments: { slug: string }[] }) {
  return {
    id: project.publicId,
    name: project.name,
    slug: project.slug,
    environments: project.environments.map((env) => env.slug),
    createdAt: project.createdAt.toISOString(),
  } satisfies z.infer<typeof projectDto>;
}

export function toEnvironmentDto(environment: { slug: string; createdAt: Date }) {
  return { slug: environment.slug, createdAt: environment.createdAt.toISOString() } satisfies z.infer<typeof environmentDto>;
}

export function toApiKeyDto(key: {
  id: string;
  name: string;
  kind: (typeof KEY_KINDS)[number];
  environment: string;
  maskedKey: string;
  publicValue: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
}) {
  return {
    id: key.id,
    name: key.name,
    kind: key.kind,
    environment: key.environment,
    maskedKey: key.maskedKey,
    publishableKey: key.publicValue,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
  } satisfies z.infer<typeof apiKeyDto>;
}
