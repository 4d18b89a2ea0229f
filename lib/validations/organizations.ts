import { z } from "zod";
import { slugSchema } from "./projects";

export const EXPIRY_WARNING_MIN_DAYS = 1;
export const EXPIRY_WARNING_MAX_DAYS = 90;

export const expiryWarningDaysSchema = z.coerce
  .number({ error: "Enter a number of days." })
  .int({ error: "Enter a whole number of days." })
  .min(EXPIRY_WARNING_MIN_DAYS, { error: `Warn at least ${EXPIRY_WARNING_MIN_DAYS} day ahead.` })
  .max(EXPIRY_WARNING_MAX_DAYS, { error: `Warn at most ${EXPIRY_WARNING_MAX_DAYS} days ahead.` });

export const expiryWarningSchema = z.object({ orgSlug: slugSchema, days: expiryWarningDaysSchema });
