import { z } from "zod";

export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .max(254, { error: "That email address is too long." })
  .pipe(z.email({ error: "Enter a valid email address, like you@company.com." }));

export const signUpSchema = z.object({
  name: z
    .string({ error: "Enter your name." })
    .trim()
    .min(1, { error: "Enter your name." })
    .max(80, { error: "Keep your name under 80 characters." }),
  email: emailSchema,
  password: z
    .string({ error: "Choose a password." })
    .min(10, { error: "Use at least 10 characters." })
    // Argon2 accepts more, but unbounded input is a cheap way to burn server CPU.
    .max(256, { error: "Use at most 256 characters." }),
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "Enter your password." }).min(1, { error: "Enter your password." }).max(256),
});
export type SignInInput = z.infer<typeof signInSchema>;
