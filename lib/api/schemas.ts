import { z } from "zod";
import { grantSchema, grantsSchema, keyContextSchema } from "@/lib/access/permissions";
import { ALL_SCOPES } from "@/lib/auth/scopes";
import type { AccessTokenRow } from "@/lib/dal/access-tokens";
import type { ApiKeyRow } from "@/lib/dal/api-keys";
import type { KeyRoleRow } from "@/lib/dal/key-roles";
import { KEY_KINDS } from "@/lib/keys/format";
import { ROLL_OVERLAPS } from "@/lib/keys/rotation";
import { keyNameSchema, keyPrefixSchema, roleIdListSchema } from "@/lib/validations/keys";
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
export const roleIdSchema = z.string().regex(/^[a-z0-9]{20,32}$/).meta({ description: "The role's id.", example: "cmf0c9r2a0004wxyz5678ijkl" });

export const projectPath = z.object({ projectId: projectIdSchema });
export const environmentPath = projectPath.extend({ environment: environmentParamSchema });
export const keyPath = environmentPath.extend({ keyId: keyIdSchema });
export const rolePath = projectPath.extend({ roleId: roleIdSchema });

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

const keyNameField = keyNameSchema.meta({ description: "What the key is for, 1–64 characters (e.g. server-key)." });
const roleIdsField = roleIdListSchema.meta({
  description:
    "Ids of roles of this project (at most 20). A secret key with roles may only do what they grant; without roles it keeps a secret key's full rights. Publishable keys carry no roles.",
  example: ["cmf0c9r2a0004wxyz5678ijkl"],
});
const contextField = keyContextSchema.meta({
  description:
    'Flat key-value pairs (strings, numbers or booleans; at most 32) that row filters compare with, e.g. a role\'s `customerId = context.customerId`. Nested objects and arrays are refused. Secret keys only.',
  example: { customerId: "cus_42", region: "eu" },
});
/** An instant with an explicit offset; the DAL refuses one that is not in the future. */
const instantField = z.iso.datetime({ offset: true, error: "Send an ISO 8601 date-time, e.g. 2027-01-31T00:00:00Z." }).transform((value) => new Date(value));

export const createApiKeyBody = z
  .strictObject({
    name: keyNameField,
    kind: z
      .enum(KEY_KINDS, { error: "kind must be publishable or secret." })
      .meta({ description: "publishable (pk_, client-side, read-only) or secret (sk_, server-side, full access)." }),
    prefix: keyPrefixSchema.optional().meta({
      description: 'A custom prefix, 2–16 lowercase letters, digits or underscores: "acme" gives keys like acme_sk_…. The trailing underscore is added for you.',
      example: "acme",
    }),
    roleIds: roleIdsField.optional(),
    context: contextField.optional(),
    expiresAt: instantField.optional().meta({ description: "When the key stops working; must be in the future. Omit for a key that never expires." }),
  })
  .meta({ id: "CreateApiKey" });

export const updateApiKeyBody = z
  .strictObject({
    name: keyNameField.optional(),
    roleIds: roleIdsField.optional().meta({ description: "Replaces the key's roles; [] removes them all, restoring a secret key's full rights." }),
    context: contextField.optional().meta({ description: "Replaces the key's context ({} clears it). Flat key-value pairs only." }),
    expiresAt: instantField
      .nullable()
      .optional()
      .meta({ description: "A new expiry in the future, or null for never. On an expired (or rolled) key this makes it work again." }),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    error: "Send at least one of name, roleIds, context or expiresAt.",
  })
  .meta({ id: "UpdateApiKey" });

/** The body of a roll: the same choice of overlap for keys and tokens, described for each. */
function rollBody(id: string, what: "key" | "token") {
  return z
    .strictObject({
      overlap: z.enum(ROLL_OVERLAPS, { error: `overlap must be one of ${ROLL_OVERLAPS.join(", ")}.` }).meta({
        description: `How long the old ${what} keeps working: "now" (not at all), "1h", "24h", "7d", or "first_use_1h" (until one hour after the new ${what} is first used). Never past its own expiry.`,
      }),
    })
    .meta({ id });
}
export const rollApiKeyBody = rollBody("RollApiKey", "key");
export const rollAccessTokenBody = rollBody("RollAccessToken", "token");

const roleNameField = z
  .string({ error: "Enter a name for the role." })
  .trim()
  .min(1, { error: "Enter a name for the role." })
  .max(64, { error: "Keep the name under 64 characters." })
  .regex(/^[^\p{Cc}]*$/u, { error: "The name cannot contain control characters." })
  .meta({ description: "Unique in the project, 1–64 characters (e.g. support-readonly)." });
const roleDescriptionField = z
  .string({ error: "description must be a string." })
  .trim()
  .max(280, { error: "Keep the description under 280 characters." })
  .regex(/^[^\p{Cc}]*$/u, { error: "The description cannot contain control characters." })
  .meta({ description: "What the role is for, up to 280 characters." });
const grantsField = grantsSchema.meta({
  description:
    'What the role allows: per table (or "*" for every table), the actions (read, write, update, delete) and an optional row filter. A row filter is a list of conditions, all of which a row must meet: `{ "field": "customerId", "equals": { "context": "customerId" } }` compares with the key\'s context, `{ "equals": { "value": "open" } }` with a constant. 1–50 grants.',
  example: [{ table: "orders", actions: ["read", "update"], conditions: [{ field: "customerId", equals: { context: "customerId" } }] }],
});

export const createRoleBody = z
  .strictObject({ name: roleNameField, description: roleDescriptionField.default(""), grants: grantsField })
  .meta({ id: "CreateRole" });

export const updateRoleBody = z
  .strictObject({ name: roleNameField.optional(), description: roleDescriptionField.optional(), grants: grantsField.optional() })
  .refine((body) => Object.values(body).some((value) => value !== undefined), { error: "Send at least one of name, description or grants." })
  .meta({ id: "UpdateRole" });

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

const roleRefDto = z.object({ id: z.string().meta({ description: "The role's id." }), name: z.string().meta({ description: "The role's name." }) });
const verifiedRoleDto = roleRefDto.extend({
  projectId: projectIdSchema.meta({ description: "The project the role belongs to (for an access token, where it applies)." }),
});
const permissionDto = grantSchema.extend({
  projectId: projectIdSchema.meta({ description: "The project whose data this grant applies to." }),
  roleId: z.string().meta({ description: "The role this grant comes from." }),
});

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
    restricted: z.boolean().meta({
      description:
        "True when the key holds roles: it may then touch only what `permissions` grants. False means it holds no roles and its kind's defaults apply (`scopes` alone decide; `permissions` is empty and does not mean \"nothing\"). False for unknown keys.",
    }),
    roles: z.array(verifiedRoleDto).meta({ description: "The roles the key holds; empty when it holds none (or is unknown)." }),
    permissions: z.array(permissionDto).meta({
      description:
        "When `restricted`: the effective grants, the union of the key's roles' grants; a table and action no entry names is denied. For an access token, a project with no entry gets no data access at all. Empty when not restricted.",
    }),
    context: keyContextSchema.meta({
      description: "The key's context: the values its row filters' `context.<name>` conditions compare with. Empty when none (or unknown).",
      example: { customerId: "cus_42" },
    }),
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
    prefix: z.string().nullable().meta({ description: 'The custom prefix ("acme" for acme_sk_…); null for the default sk_/pk_.' }),
    roles: z.array(roleRefDto).meta({ description: "The key's roles, by name; empty: a secret key's full rights (or a publishable key's read access)." }),
    context: keyContextSchema.meta({ description: "The key's context, compared with by its roles' row filters.", example: { customerId: "cus_42" } }),
    expiresAt: timestamp.nullable().meta({ description: "When the key stops (or stopped) working; null if never." }),
    status: z.enum(["active", "expired"]).meta({ description: "expired once expiresAt has passed: the key is refused but stays listed." }),
    rolledToId: z.string().nullable().meta({ description: "Set once the key was rolled: the id of the key that replaced it." }),
    rolledFromId: z.string().nullable().meta({ description: "Set on a replacement: the id of the key it replaced." }),
    createdAt: timestamp.meta({ description: "When the key was created." }),
    lastUsedAt: timestamp.nullable().meta({ description: "Last authenticated request with the key; null if never used." }),
  })
  .meta({ id: "ApiKey" });

export const createdApiKeyDto = apiKeyDto
  .extend({
    key: z.string().meta({ description: "The full key. Returned once, in this response only: store it now." }),
  })
  .meta({ id: "CreatedApiKey" });

export const rolledApiKeyDto = createdApiKeyDto
  .extend({
    previous: apiKeyDto.meta({ description: "The replaced key, with its new expiresAt (and rolledToId set)." }),
  })
  .meta({ id: "RolledApiKey" });

export const accessTokenDto = z
  .object({
    id: z.string().meta({ description: "The access token's id.", example: "cmf0d1t7q0002mnop3456qrst" }),
    name: z.string().meta({ description: "What the token is for." }),
    type: z.enum(["API_KEY", "BEARER_TOKEN"]).meta({ description: "Where it is sent: BEARER_TOKEN in `Authorization: Bearer …`, API_KEY in `X-API-Key: …`." }),
    scopes: z.array(z.string()).meta({ description: "The scopes it carries (`*:*` for all). Its creator's current role caps what they grant." }),
    maskedToken: z.string().meta({ description: "Enough to recognise the token (e.g. at_…x7Qa), never to use it." }),
    prefix: z.string().nullable().meta({ description: 'The custom prefix ("acme" for acme_at_…); null for the default at_.' }),
    roles: z
      .array(roleRefDto.extend({ project: z.string().meta({ description: "The name of the project the role belongs to, where it limits the token." }) }))
      .meta({ description: "Roles limiting the token's data access in their projects; empty: its scopes decide alone." }),
    context: keyContextSchema.meta({ description: "The token's context, compared with by its roles' row filters.", example: { customerId: "cus_42" } }),
    expiresAt: timestamp.nullable().meta({ description: "When the token stops (or stopped) working; null if never." }),
    status: z.enum(["active", "revoked", "expired"]).meta({ description: "revoked or expired tokens are refused but stay listed in the console." }),
    rolledToId: z.string().nullable().meta({ description: "Set once the token was rolled: the id of the token that replaced it." }),
    rolledFromId: z.string().nullable().meta({ description: "Set on a replacement: the id of the token it replaced." }),
    createdAt: timestamp.meta({ description: "When the token was created." }),
    lastUsedAt: timestamp.nullable().meta({ description: "Last authenticated request with the token; null if never used." }),
  })
  .meta({ id: "AccessToken" });

export const rolledAccessTokenDto = accessTokenDto
  .extend({
    token: z.string().meta({ description: "The new token's full value. Returned once, in this response only: store it now." }),
    previous: accessTokenDto.meta({ description: "The token that made the call, with its new expiresAt (and rolledToId set)." }),
  })
  .meta({ id: "RolledAccessToken" });

export const roleDto = z
  .object({
    id: roleIdSchema,
    name: z.string().meta({ description: "The role's name, unique in the project." }),
    description: z.string().meta({ description: "What the role is for; may be empty." }),
    grants: grantsSchema.meta({ description: "What the role allows (see CreateRole.grants)." }),
    assignedCount: z.number().int().meta({ description: "Live keys and tokens holding the role. A role held by any cannot be deleted." }),
    createdAt: timestamp.meta({ description: "When the role was created." }),
    updatedAt: timestamp.meta({ description: "When the role was last changed." }),
  })
  .meta({ id: "Role" });

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

export function toApiKeyDto(key: ApiKeyRow) {
  return {
    id: key.id,
    name: key.name,
    kind: key.kind,
    environment: key.environment,
    maskedKey: key.maskedKey,
    publishableKey: key.publicValue,
    prefix: key.prefix,
    roles: key.roles.map((role) => ({ id: role.id, name: role.name })),
    context: key.context,
    expiresAt: key.expiresAt?.toISOString() ?? null,
    status: key.status,
    rolledToId: key.rolledToId,
    rolledFromId: key.rolledFromId,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
  } satisfies z.infer<typeof apiKeyDto>;
}

export function toRoleDto(role: KeyRoleRow) {
  return {
    id: role.id,
    name: role.name,
    description: role.description,
    grants: role.grants,
    assignedCount: role.assignedCount,
    createdAt: role.createdAt.toISOString(),
    updatedAt: role.updatedAt.toISOString(),
  } satisfies z.infer<typeof roleDto>;
}

export function toAccessTokenDto(token: AccessTokenRow) {
  return {
    id: token.id,
    name: token.name,
    type: token.type,
    scopes: token.scopes,
    maskedToken: token.maskedToken,
    prefix: token.prefix,
    roles: token.roles.map((role) => ({ id: role.id, name: role.name, project: role.project })),
    context: token.context,
    expiresAt: token.expiresAt?.toISOString() ?? null,
    status: token.status,
    rolledToId: token.rolledToId,
    rolledFromId: token.rolledFromId,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
  } satisfies z.infer<typeof accessTokenDto>;
}
