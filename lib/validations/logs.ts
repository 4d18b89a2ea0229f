import { z } from "zod";
import { slugSchema } from "./projects";

/** Rows per page of the request log (offset paging, newest first). */
export const LOG_PAGE_SIZE = 50;

export const LOG_RETENTION_MIN_DAYS = 1;
export const LOG_RETENTION_MAX_DAYS = 365;
export const DEFAULT_LOG_RETENTION_DAYS = 30;

/** Status classes the filter offers; an exact code (e.g. 404) is accepted too. */
export const STATUS_CLASSES = ["2xx", "4xx", "5xx"] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];
export type StatusFilter = StatusClass | number;

/** Time ranges the filter offers, as the `from` query value, and how far back each reaches. */
export const LOG_RANGES = { "1h": 3_600_000, "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000 } as const;
export type LogRange = keyof typeof LOG_RANGES;

export const statusFilterSchema = z.union([z.enum(STATUS_CLASSES), z.coerce.number().int().min(100).max(599)]);

/**
 * The Logs page's query string. Every value is user input: anything unusable is dropped (the
 * filter is off) rather than failing the page.
 */
export const logListParamsSchema = z.object({
  key: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/).optional().catch(undefined),
  status: statusFilterSchema.optional().catch(undefined),
  from: z.union([z.enum(Object.keys(LOG_RANGES) as [LogRange, ...LogRange[]]), z.iso.datetime()]).optional().catch(undefined),
  to: z.iso.datetime().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type LogListParams = z.infer<typeof logListParamsSchema>;

/** The `from` filter as a date: a range counts back from `now`, an ISO time is taken as is. */
export function fromDate(from: LogListParams["from"], now: Date): Date | undefined {
  if (from === undefined) return undefined;
  if (from in LOG_RANGES) return new Date(now.getTime() - LOG_RANGES[from as LogRange]);
  return new Date(from);
}

export const logRetentionDaysSchema = z.coerce
  .number({ error: "Enter a number of days." })
  .int({ error: "Enter a whole number of days." })
  .min(LOG_RETENTION_MIN_DAYS, { error: `Keep logs for at least ${LOG_RETENTION_MIN_DAYS} day.` })
  .max(LOG_RETENTION_MAX_DAYS, { error: `Keep logs for at most ${LOG_RETENTION_MAX_DAYS} days.` });

export const logRetentionSchema = z.object({
  orgSlug: slugSchema,
  projectSlug: slugSchema,
  days: logRetentionDaysSchema,
});
