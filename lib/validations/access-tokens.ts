import { z } from "zod";
import { ALL_SCOPES } from "@/lib/auth/scopes";
import { checkCustomExpiry, contextFieldSchema, editCredentialSchema, EXPIRY_PRESETS, optionalPrefixSchema, roleIdListSchema } from "./credentials";
import { slugSchema } from "./projects";

export { EXPIRY_PRESETS, expiryFromForm, MAX_TOKEN_LIFETIME_DAYS } from "./credentials";

export const ACCESS_TOKEN_TYPES = ["BEARER_TOKEN", "API_KEY"] as const;
export const DEFAULT_EXPIRY_PRESET = "90";

export const tokenNameSchema = z
  .string({ error: "Enter a token name." })
  .trim()
  .min(1, { error: "Enter a token name." })
  .max(64, { error: "Keep the name under 64 characters." })
  .regex(/^[^\p{Cc}]*$/u, { error: "The name cannot contain control characters." });

export const tokenTypeSchema = z.enum(ACCESS_TOKEN_TYPES, { error: "Choose API_KEY or BEARER_TOKEN." });

export const scopeListSchema = z
  .array(z.enum(ALL_SCOPES as [string, ...string[]], { error: "Unknown scope." }), { error: "Choose at least one scope." })
  .min(1, { error: "Choose at least one scope." })
  .max(ALL_SCOPES.length, { error: "Too many scopes." });

/**
 * What "Create New Token" submits: the expiry as a preset, or a custom date (yyyy-mm-dd, UTC end
 * of day). The server turns it into a timestamp; "never" is checked against policy in the DAL.
 * Roles may come from any project of the organization; the Context arrives as the editor's rows.
 */
export const createAccessTokenFormSchema = z
  .object({
    orgSlug: slugSchema,
    name: tokenNameSchema,
    type: tokenTypeSchema,
    scopes: scopeListSchema,
    prefix: optionalPrefixSchema,
    roleIds: roleIdListSchema.default([]),
    context: contextFieldSchema,
    expiry: z.enum(EXPIRY_PRESETS, { error: "Choose when the token expires." }),
    expiresOn: z.string().trim().optional(),
  })
  .superRefine(checkCustomExpiry);
export type CreateAccessTokenForm = z.infer<typeof createAccessTokenFormSchema>;

/** "⋯" → "Edit" of a token. */
export const editAccessTokenSchema = editCredentialSchema(tokenNameSchema);

export const accessTokenIdSchema = z.string().min(1).max(64).regex(/^[a-z0-9]+$/, { error: "Not a token id." });

export const TOKEN_SORT_FIELDS = ["name", "createdAt", "lastUsedAt", "expiresAt"] as const;
export const TOKEN_PAGE_SIZE = 20;

/** The Access Tokens tables' URL state; anything unparseable falls back to the default. */
export const tokenListParamsSchema = z.object({
  sort: z.enum(TOKEN_SORT_FIELDS).catch("createdAt"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
  q: z.string().trim().max(64).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type TokenListParams = z.infer<typeof tokenListParamsSchema>;
