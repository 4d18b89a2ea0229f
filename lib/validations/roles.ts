import { z } from "zod";
import { grantsSchema } from "@/lib/access/permissions";
import { slugSchema } from "./projects";

/*
 * The "New role" / "Edit role" form. The dialog parses the same schema for immediate messages,
 * the server action parses it again, and the DAL checks the grants once more before writing.
 */

export const roleNameSchema = z
  .string({ error: "Enter a name for the role." })
  .trim()
  .min(1, { error: "Enter a name for the role." })
  .max(64, { error: "Keep the name under 64 characters." })
  .regex(/^[^\p{Cc}]*$/u, { error: "The name cannot contain control characters." });

export const ROLE_DESCRIPTION_MAX = 280;

export const roleDescriptionSchema = z
  .string()
  .trim()
  .max(ROLE_DESCRIPTION_MAX, { error: `Keep the description under ${ROLE_DESCRIPTION_MAX} characters.` })
  .regex(/^[^\p{Cc}]*$/u, { error: "The description cannot contain control characters." })
  .default("");

export const roleFormSchema = z.object({
  name: roleNameSchema,
  description: roleDescriptionSchema,
  grants: grantsSchema,
});
export type RoleFormInput = z.infer<typeof roleFormSchema>;

export const roleIdSchema = z.string().regex(/^[a-z0-9]{1,64}$/, { error: "Not a role id." });

export const roleTargetSchema = z.object({
  orgSlug: slugSchema,
  projectSlug: slugSchema,
  roleId: roleIdSchema.optional(),
});
export type RoleTarget = z.infer<typeof roleTargetSchema>;

/**
 * Issue messages keyed by their full path ("grants.0.conditions.1.field"), first message per
 * path, so the grants editor can show each one next to the row and field it is about.
 * z.flattenError keeps only the top-level key, which would lump every grant together.
 */
export function errorsByPath(error: z.ZodError): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "form";
    errors[key] ??= [issue.message];
  }
  return errors;
}
