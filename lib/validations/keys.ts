import { z } from "zod";
import { CUSTOM_PREFIX_PATTERN, KEY_KINDS } from "@/lib/keys/format";
import { environmentSlugSchema, slugSchema } from "./projects";

export const keyNameSchema = z
  .string({ error: "Enter a name for the key." })
  .trim()
  .min(1, { error: "Enter a name for the key." })
  .max(64, { error: "Keep the name under 64 characters." })
  .regex(/^[^\p{Cc}]*$/u, { error: "The name cannot contain control characters." });

export const keyKindSchema = z.enum(KEY_KINDS, { error: "Choose publishable or secret." });

/** What the "Add Key" dialog submits. The form and the server action parse the same schema. */
export const createApiKeySchema = z.object({
  orgSlug: slugSchema,
  projectSlug: slugSchema,
  environment: environmentSlugSchema,
  kind: keyKindSchema,
  name: keyNameSchema,
});
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

/**
 * "Key Prefix": 2–16 lowercase letters, digits or underscores. A trailing underscore is the
 * separator and is added for you, so "acme" and "acme_" both give acme_sk_….
 */
export const keyPrefixSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9_]{2,16}$/, { error: "Use 2–16 lowercase letters, digits or underscores." })
  .transform((prefix) => prefix.replace(/_+$/, ""))
  .refine((prefix) => CUSTOM_PREFIX_PATTERN.test(prefix), { error: "Use at least 2 letters or digits before the underscore." });

export const roleIdListSchema = z
  .array(z.string().regex(/^[a-z0-9]{1,64}$/, { error: "Not a role id." }))
  .max(20, { error: "At most 20 roles." })
  .refine((ids) => new Set(ids).size === ids.length, { error: "List each role once." });
