"use client";

import { DaysFieldForm } from "@/components/forms/days-field-form";
import { LOG_RETENTION_MAX_DAYS, LOG_RETENTION_MIN_DAYS } from "@/lib/validations/logs";
import { updateLogRetentionAction } from "../actions";

interface RetentionFormProps {
  orgSlug: string;
  projectSlug: string;
  days: number;
  /** Mirrors project:update; the server checks it again. */
  canEdit: boolean;
}

const plural = (days: number) => `${days} ${days === 1 ? "day" : "days"}`;

export function RetentionForm({ orgSlug, projectSlug, days, canEdit }: RetentionFormProps) {
  return (
    <DaysFieldForm
      label="Keep requests for"
      action={updateLogRetentionAction.bind(null, { orgSlug, projectSlug })}
      days={days}
      min={LOG_RETENTION_MIN_DAYS}
      max={LOG_RETENTION_MAX_DAYS}
      canEdit={canEdit}
      hint={`Between ${LOG_RETENTION_MIN_DAYS} and ${LOG_RETENTION_MAX_DAYS} days. Older requests are deleted automatically, about once an hour.`}
      readOnlyHint="Only owners and admins can change the retention."
      savedMessage={(kept) => ["Retention saved", `Requests are now kept for ${plural(kept)}.`]}
      errorTitle="Could not save the retention"
    />
  );
}
