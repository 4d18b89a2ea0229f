import { z } from "zod";
import { ALL_SCOPES } from "@/lib/auth/scopes";
import { slugSchema } from "./projects";

export const ACCESS_TOKEN_TYPES = ["BEARER_TOKEN", "API_KEY"] as const;
export const EXPIRY_PRESETS = ["7", "30", "90", "365", "custom", "never"] as const;
export const DEFAULT_EXPIRY_PRESET = "90";
/** The longest lifetime a custom expiry date may have. */
export const MAX_TOKEN_LIFETIME_DAYS = 5 * 365;

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
 */
export const createAccessTokenFormSchema = z
  .object({
    orgSlug: slugSchema,
    name: tokenNameSchema,
    type: tokenTypeSchema,
    scopes: scopeListSchema,
    expiry: z.enum(EXPIRY_PRESETS, { error: "Choose when the token expires." }),
    expiresOn: z.string().trim().optional(),
  })
  .superRefine((value, issue) => {
    if (value.expiry !== "custom") return;
    const date = parseExpiryDate(value.expiresOn);
    if (!date) issue.addIssue({ code: "custom", path: ["expiresOn"], message: "Pick an expiry date." });
    else if (date.getTime() <= Date.now()) issue.addIssue({ code: "custom", path: ["expiresOn"], message: "The expiry date must be in the future." });
    else if (date.getTime() > Date.now() + MAX_TOKEN_LIFETIME_DAYS * 86_400_000)
      issue.addIssue({ code: "custom", path: ["expiresOn"], message: "Tokens can live at most 5 years." });
  });
export type CreateAccessTokenForm = z.infer<typeof createAccessTokenFormSchema>;

function parseExpiryDate(value: string | undefined): Date | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T23:59:59.999Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The expiry timestamp of a validated form: null for "never". */
export function expiryFromForm(form: Pick<CreateAccessTokenForm, "expiry" | "expiresOn">, now = new Date()): Date | null {
  if (form.expiry === "never") return null;
  if (form.expiry === "custom") return parseExpiryDate(form.expiresOn);
  return new Date(now.getTime() + Number(form.expiry) * 86_400_000);
}

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
