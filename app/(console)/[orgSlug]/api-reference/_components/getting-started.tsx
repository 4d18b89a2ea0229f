import { ArrowRight, Download, KeyRound } from "lucide-react";
import Link from "next/link";
import type { Route } from "next";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import type { OpenApiDocument } from "@/lib/api/openapi";
import { CodeBlock } from "@/components/console/code-block";
import { InlineText } from "./rich-text";
import { authHeader } from "./reference.utils";

export const OPENAPI_DOCUMENT_PATH = "/api/v1/openapi.json";

/** Where the API is, and how to call it with each kind of access token. */
export function GettingStarted({ doc, origin, orgSlug, id }: { doc: OpenApiDocument; origin: string; orgSlug: string; id: string }) {
  const baseUrl = `${origin}/api/v1`;
  const schemes = doc.components.securitySchemes;
  const examples = [
    { key: "bearer", title: "Bearer token", type: "BEARER_TOKEN", description: schemes.bearerAuth?.description ?? "" },
    { key: "apiKey", title: "API key header", type: "API_KEY", description: schemes.apiKeyAuth?.description ?? "" },
  ] as const;

  return (
    <section id={id} aria-labelledby={`${id}-heading`} className="scroll-mt-6">
      <Card className="gap-5">
        <CardHeader>
          <h2 id={`${id}-heading`} data-slot="card-title" className="text-base leading-tight font-semibold tracking-tight">
            Getting started
          </h2>
          <CardDescription>
            Authenticate with an organization access token. Each token has a type that decides the header it is sent in, and scopes that decide what it may do.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid grid-cols-1 gap-6">
          <div className="grid gap-2">
            <h3 className="text-sm font-medium" id={`${id}-base-url`}>
              Base URL
            </h3>
            <div className="flex max-w-xl items-center gap-1 rounded-lg border bg-muted/50 py-1 pr-1 pl-3 dark:bg-muted/40">
              <code aria-labelledby={`${id}-base-url`} className="min-w-0 flex-1 truncate font-mono text-sm">
                {baseUrl}
              </code>
              <CopyButton value={baseUrl} aria-label="Copy base URL" />
            </div>
          </div>

          <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
            {examples.map((example) => (
              <div key={example.key} className="grid min-w-0 content-start gap-2">
                <h3 className="flex flex-wrap items-center gap-2 text-sm font-medium">
                  {example.title}
                  <code className="rounded border bg-muted px-1.5 font-mono text-xs text-muted-foreground">{example.type}</code>
                </h3>
                <p className="text-sm text-muted-foreground">
                  <InlineText text={example.description} />
                </p>
                <CodeBlock
                  label={`curl example with ${example.title.toLowerCase()}`}
                  code={`export KEYWARD_TOKEN="at_…"\ncurl "${baseUrl}/projects" \\\n  -H "${authHeader(example.key)}"`}
                />
              </div>
            ))}
          </div>

          <div className="flex flex-wrap items-center gap-2">
            <Button asChild size="sm">
              <Link href={`/${orgSlug}/access-tokens` as Route}>
                <KeyRound aria-hidden />
                Create an access token
                <ArrowRight aria-hidden />
              </Link>
            </Button>
            <Button asChild size="sm" variant="outline">
              <a href={OPENAPI_DOCUMENT_PATH} download="keyward-openapi.json">
                <Download aria-hidden />
                Download OpenAPI document
              </a>
            </Button>
            <span className="text-xs text-muted-foreground">
              OpenAPI {doc.openapi} · version {doc.info.version}
            </span>
          </div>
        </CardContent>
      </Card>
    </section>
  );
}
