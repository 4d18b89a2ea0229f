import { AlertCircle } from "lucide-react";

/**
 * The form-level error, announced politely. The live region is always in the DOM (so a later
 * message is announced) but `display: contents` keeps it from taking a grid row while empty.
 */
export function FormError({ message }: { message?: string | null }) {
  return (
    <div aria-live="polite" role="status" className="contents">
      {message ? (
        <p className="flex items-start gap-2 rounded-md border border-destructive/30 bg-destructive/10 px-3 py-2 text-sm text-destructive">
          <AlertCircle className="mt-0.5 size-4 shrink-0" aria-hidden />
          {message}
        </p>
      ) : null}
    </div>
  );
}
