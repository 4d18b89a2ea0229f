import { z } from "zod";
import { KEY_KINDS } from "@/lib/keys/format";
import { ROLL_OVERLAPS } from "@/lib/keys/rotation";
import { checkCustomExpiry, contextFieldSchema, editCredentialSchema, EXPIRY_PRESETS, optionalPrefixSchema, roleIdListSchema } from "./credentials";
import { environmentSlugSchema, slugSchema } from "./projects";

export const keyNameSchema = z
  .string({ error: "Enter a name for the key." })
  .trim()
  .min(1, { error: "Enter a name for the key." })
  .max(64, { error: "Keep the name under 64 characters." })
  .regex(/^[^\p{Cc}]*$/u, { error: "The name cannot contain control characters." });

export const keyKindSchema = z.enum(KEY_KINDS, { error: "Choose publishable or secret." });

export { keyPrefixSchema, roleIdListSchema } from "./credentials";

const expiryFields = {
  expiry: z.enum(EXPIRY_PRESETS, { error: "Choose when the key expires." }).default("never"),
  expiresOn: z.string().trim().optional(),
};

/**
 * What "Create API Key" submits. The form and the server action parse the same schema. Only a
 * secret key's dialog has Key Prefix, Roles and Context; a publishable key's leaves them empty.
 */
export const createApiKeySchema = z
  .object({
    orgSlug: slugSchema,
    projectSlug: slugSchema,
    environment: environmentSlugSchema,
    kind: keyKindSchema,
    name: keyNameSchema,
    prefix: optionalPrefixSchema,
    roleIds: roleIdListSchema.default([]),
    context: contextFieldSchema,
    ...expiryFields,
  })
  .superRefine(checkCustomExpiry);
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;

export const apiKeyIdSchema = z.string().min(1).max(64).regex(/^[a-z0-9]+$/, { error: "Not a key id." });

export const deleteApiKeySchema = z.object({
  orgSlug: slugSchema,
  projectSlug: slugSchema,
  keyId: apiKeyIdSchema,
  // Trimmed like the name was at creation, so "Confirm Delete" works for what the user sees.
  confirmName: z.string({ error: "Type the key's name to confirm." }).trim().min(1, { error: "Type the key's name to confirm." }).max(64),
});
export type DeleteApiKeyInput = z.infer<typeof deleteApiKeySchema>;

export const keyListParamsSchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export const KEY_PAGE_SIZE = 10;

/** "⋯" → "Edit" of a secret key. */
export const editApiKeySchema = editCredentialSchema(keyNameSchema);

export const rollOverlapSchema = z.enum(ROLL_OVERLAPS, { error: "Choose how long the old key keeps working." });

export const keyTargetSchema = z.object({ orgSlug: slugSchema, projectSlug: slugSchema, environment: environmentSlugSchema, keyId: apiKeyIdSchema });
