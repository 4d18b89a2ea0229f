import { z } from "zod";

/** URL slugs: organizations and projects. Lowercase, digits and dashes; validated as user input. */
export const slugSchema = z
  .string()
  .min(1)
  .max(48)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, { error: "Use lowercase letters, digits and dashes." });

export const environmentSlugSchema = z
  .string({ error: "Enter an environment name." })
  .trim()
  .toLowerCase()
  .min(2, { error: "Use at least 2 characters." })
  .max(24, { error: "Use at most 24 characters." })
  .regex(/^[a-z][a-z0-9-]*$/, { error: "Start with a letter; then letters, digits or dashes (e.g. staging)." });

export const projectNameSchema = z
  .string({ error: "Enter a project name." })
  .trim()
  .min(1, { error: "Enter a project name." })
  .max(64, { error: "Keep the name under 64 characters." })
  .regex(/^[^\p{Cc}]*$/u, { error: "The name cannot contain control characters." });

export const createEnvironmentSchema = z.object({
  orgSlug: slugSchema,
  projectSlug: slugSchema,
  slug: environmentSlugSchema,
});

export const createProjectSchema = z.object({
  orgSlug: slugSchema,
  name: projectNameSchema,
});

/** Turns a display name into a URL slug ("My Project" → "my-project"). */
export function slugify(name: string, fallback: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  return slug || fallback;
}
