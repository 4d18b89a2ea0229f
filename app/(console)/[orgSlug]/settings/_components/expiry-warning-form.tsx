"use client";

import { DaysFieldForm } from "@/components/forms/days-field-form";
import { EXPIRY_WARNING_MAX_DAYS, EXPIRY_WARNING_MIN_DAYS } from "@/lib/validations/organizations";
import { updateExpiryWarningAction } from "../actions";

export function ExpiryWarningForm({ orgSlug, days, canEdit }: { orgSlug: string; days: number; canEdit: boolean }) {
  return (
    <DaysFieldForm
      label="Warn this far ahead"
      action={updateExpiryWarningAction.bind(null, { orgSlug })}
      days={days}
      min={EXPIRY_WARNING_MIN_DAYS}
      max={EXPIRY_WARNING_MAX_DAYS}
      canEdit={canEdit}
      hint={`Between ${EXPIRY_WARNING_MIN_DAYS} and ${EXPIRY_WARNING_MAX_DAYS} days. Keys and tokens expiring within this window are flagged in the lists and in a banner.`}
      readOnlyHint="Only owners and admins can change organization settings."
      savedMessage={(days) => ["Expiry warnings saved", `Keys and tokens are flagged ${days} ${days === 1 ? "day" : "days"} before they expire.`]}
      errorTitle="Could not save the expiry warnings"
    />
  );
}
