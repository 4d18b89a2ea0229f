import { TriangleAlert } from "lucide-react";
import type { Route } from "next";
import Link from "next/link";
import type { z } from "zod";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";

/** A page's query string failed its schema: say which values and why, and offer a clean start. */
export function InvalidQueryAlert({ error, resetHref, resetLabel }: { error: z.ZodError; resetHref: string; resetLabel: string }) {
  return (
    <Alert variant="destructive">
      <TriangleAlert aria-hidden />
      <AlertTitle>This address has values the page cannot use</AlertTitle>
      <AlertDescription>
        <ul className="list-disc pl-4">
          {error.issues.map((issue) => (
            <li key={`${issue.path.join(".")}:${issue.message}`}>{issue.message}</li>
          ))}
        </ul>
        <Link href={resetHref as Route} className="font-medium underline underline-offset-4">
          {resetLabel}
        </Link>
      </AlertDescription>
    </Alert>
  );
}
