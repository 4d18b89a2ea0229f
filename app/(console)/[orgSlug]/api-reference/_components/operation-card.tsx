import { ChevronRight, ShieldCheck } from "lucide-react";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { STATUS_TEXT, type OpenApiDocument } from "@/lib/api/openapi";
import { cn } from "@/lib/utils";
import { CodeBlock } from "@/components/console/code-block";
import { FieldTable } from "./field-table";
import { MethodBadge } from "./method-badge";
import { InlineText, RichText } from "./rich-text";
import { curlExample, fieldsOf, parameterRows, responseRows, schemaAnchor, type ReferenceOperation, type ResponseRow } from "./reference.utils";

function PathText({ path }: { path: string }) {
  return (
    <>
      {path.split(/(\{[^}]+\})/g).map((part, index) =>
        part.startsWith("{") ? (
          <span key={index} className="text-primary">
            {part}
          </span>
        ) : (
          part
        ),
      )}
    </>
  );
}

function Subsection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-1 gap-2.5">
      <h4 className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">{title}</h4>
      {children}
    </div>
  );
}

function statusTone(status: string): string {
  if (status.startsWith("2")) return "border-success/25 bg-success/10 text-success dark:border-success/30 dark:bg-success/15";
  return "border-border bg-muted/60 text-foreground";
}

function ResponseItem({ row }: { row: ResponseRow }) {
  return (
    <li className="flex gap-3 px-3 py-2.5 text-sm">
      <span className={cn("h-fit shrink-0 rounded-md border px-1.5 font-mono text-xs leading-5 font-semibold tabular-nums", statusTone(row.status))}>
        {row.status}
        <span className="sr-only"> {STATUS_TEXT[Number(row.status) as keyof typeof STATUS_TEXT] ?? ""}</span>
      </span>
      <span className="min-w-0 text-muted-foreground">
        <InlineText text={row.description} />
        {row.status.startsWith("2") && row.schema?.component ? (
          <span className="mt-1 block text-xs">
            Body:{" "}
            <a href={`#${schemaAnchor(row.schema.component)}`} className="font-mono text-primary underline-offset-4 hover:underline">
              {row.schema.component}
            </a>
          </span>
        ) : null}
      </span>
    </li>
  );
}

/**
 * Success and operation-specific answers in full; the shared error answers (worded the same on
 * every operation, and summarised under Conventions) fold away behind their status codes.
 */
function ResponseList({ rows, summary }: { rows: ResponseRow[]; summary: string }) {
  const shown = rows.filter((row) => !row.shared);
  const shared = rows.filter((row) => row.shared);
  return (
    <div className="overflow-hidden rounded-lg border">
      <ul className="divide-y">
        {shown.map((row) => (
          <ResponseItem key={row.status} row={row} />
        ))}
      </ul>
      {shared.length ? (
        <details className="group border-t">
          <summary
            className="flex cursor-pointer list-none flex-wrap items-center gap-2 px-3 py-2.5 text-sm text-muted-foreground outline-none select-none hover:bg-muted/40 focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-inset [&::-webkit-details-marker]:hidden"
            aria-label={`Other error responses of ${summary}: ${shared.map((row) => row.status).join(", ")}`}
          >
            <ChevronRight className="size-4 transition-transform group-open:rotate-90" aria-hidden />
            <span>Other errors</span>
            {shared.map((row) => (
              <span key={row.status} className={cn("rounded-md border px-1.5 font-mono text-xs leading-5 font-semibold tabular-nums", statusTone(row.status))}>
                {row.status}
              </span>
            ))}
          </summary>
          <ul className="divide-y border-t">
            {shared.map((row) => (
              <ResponseItem key={row.status} row={row} />
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

/** One endpoint: what it does, what it needs, what it answers, and a command to try it. */
export function OperationCard({ doc, entry, origin }: { doc: OpenApiDocument; entry: ReferenceOperation; origin: string }) {
  const { operation, method, path, anchor } = entry;
  const headingId = `${anchor}-heading`;
  const pathParams = parameterRows(operation.parameters, "path");
  const queryParams = parameterRows(operation.parameters, "query");
  const body = operation.requestBody?.content["application/json"]?.schema;
  const bodyFields = body ? fieldsOf(doc, body) : [];
  const responses = responseRows(doc, operation);
  // The scope sentence is shown as the chip; the rest of the description is prose.
  const description = operation.description.split("\n\nRequires the ")[0] ?? operation.description;
  const scope = operation["x-required-scope"];

  return (
    <section id={anchor} aria-labelledby={headingId} className="scroll-mt-6">
      <Card className="gap-0 overflow-hidden py-0">
        <header className="grid grid-cols-1 gap-3 border-b px-6 py-5">
          <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
            <h3 id={headingId} className="text-base leading-tight font-semibold tracking-tight">
              <a href={`#${anchor}`} className="outline-none hover:underline hover:underline-offset-4 focus-visible:underline">
                {operation.summary}
              </a>
            </h3>
            <span
              className="inline-flex items-center gap-1.5 rounded-md border bg-background px-2 py-0.5 text-xs text-muted-foreground"
              title="The access token must hold this scope (or *:*)"
            >
              <ShieldCheck className="size-3.5" aria-hidden />
              <span className="sr-only">Required scope:</span>
              <code className="font-mono font-medium text-foreground">{scope}</code>
            </span>
          </div>
          <div className="flex min-w-0 items-center gap-2.5">
            <MethodBadge method={method} />
            <code className="min-w-0 font-mono text-sm break-all text-foreground">
              <PathText path={path} />
            </code>
          </div>
          <RichText text={description} />
        </header>

        <div className="grid grid-cols-1 gap-6 px-6 py-6 2xl:grid-cols-[minmax(0,1fr)_minmax(0,28rem)]">
          <div className="grid min-w-0 content-start gap-6">
            {pathParams.length ? (
              <Subsection title="Path parameters">
                <FieldTable rows={pathParams} caption={`Path parameters of ${operation.summary}`} />
              </Subsection>
            ) : null}
            {queryParams.length ? (
              <Subsection title="Query parameters">
                <FieldTable rows={queryParams} caption={`Query parameters of ${operation.summary}`} />
              </Subsection>
            ) : null}
            {bodyFields.length ? (
              <Subsection title="Request body (JSON)">
                <FieldTable rows={bodyFields} caption={`Request body fields of ${operation.summary}`} nameHeader="Field" />
              </Subsection>
            ) : null}
            <Subsection title="Responses">
              <ResponseList rows={responses} summary={operation.summary} />
            </Subsection>
          </div>
          <div className="min-w-0">
            <Subsection title="Example">
              <CodeBlock code={curlExample(origin, method, path, operation)} label={`curl example for ${operation.summary}`} />
            </Subsection>
          </div>
        </div>
      </Card>
    </section>
  );
}
