import { z } from "zod";
import { DalError, type DalErrorCode } from "@/lib/dal/errors";

/** What every server action returns to `useActionState`. */
export type ActionState<Data = undefined> =
  | { status: "idle" }
  | { status: "error"; code: DalErrorCode | "VALIDATION" | "INTERNAL"; message: string; fieldErrors?: Record<string, string[]> }
  | { status: "success"; data: Data };

export const IDLE: ActionState<never> = { status: "idle" };

export function validationError(error: z.ZodError): ActionState<never> {
  const { fieldErrors, formErrors } = z.flattenError(error);
  return {
    status: "error",
    code: "VALIDATION",
    message: formErrors[0] ?? "Check the highlighted fields.",
    fieldErrors: fieldErrors as Record<string, string[]>,
  };
}

/**
 * Maps a thrown error to fixed, user-facing copy. DAL errors carry their own safe messages;
 * anything else (a database failure, a bug) is logged here and never shown.
 */
export function errorState(error: unknown, action: string): ActionState<never> {
  if (error instanceof DalError) {
    return { status: "error", code: error.code, message: error.message, fieldErrors: error.fieldErrors };
  }
  console.error(`[action] ${action} failed:`, error);
  return { status: "error", code: "INTERNAL", message: "Something went wrong on our side. Please try again." };
}

export const NOT_FOUND_STATE: ActionState<never> = {
  status: "error",
  code: "NOT_FOUND",
  message: "Not found. It may have been deleted, or you no longer have access.",
};
