import type { Metadata } from "next";
import { headers } from "next/headers";
import { PageHeader } from "@/components/console/page-header";
import { apiGuide, buildOpenApiDocument, type OpenApiDocument } from "@/lib/api/openapi";
import { requireMember } from "@/lib/dal/session";
import { Conventions } from "./_components/conventions";
import { GettingStarted } from "./_components/getting-started";
import { OnThisPage } from "./_components/on-this-page";
import { OperationCard } from "./_components/operation-card";
import { requestOrigin } from "@/lib/navigation/request-origin";
import { operationsByTag, responseComponents } from "./_components/reference.utils";
import { RichText } from "./_components/rich-text";
import { SchemaList } from "./_components/schema-list";

export const metadata: Metadata = { title: "API Reference" };

// The same document /api/v1/openapi.json serves, built once per process.
let cachedDocument: OpenApiDocument | undefined;

const SECTIONS = { start: "getting-started", conventions: "conventions", schemas: "schemas" } as const;

export default async function ApiReferencePage({ params }: PageProps<"/[orgSlug]/api-reference">) {
  const { orgSlug } = await params;
  const ctx = await requireMember(orgSlug);
  const origin = requestOrigin(await headers());
  const doc = (cachedDocument ??= buildOpenApiDocument());
  const groups = operationsByTag(doc);
  // Authentication is covered by Getting started, with commands to copy.
  const guide = apiGuide().filter((section) => section.id !== "authentication");
  const schemaNames = responseComponents(doc);

  return (
    <>
      <PageHeader
        title="API Reference"
        description="Manage projects, environments and API keys over HTTP. Generated from the schemas the API validates requests with, so it always matches this server."
      />
      <div className="px-6 py-8 lg:px-10 xl:grid xl:grid-cols-[15rem_minmax(0,1fr)] xl:gap-10">
        <OnThisPage
          groups={groups}
          sections={[
            { id: SECTIONS.start, title: "Getting started" },
            { id: SECTIONS.conventions, title: "Conventions" },
            { id: SECTIONS.schemas, title: "Response objects" },
          ]}
        />
        <div className="grid min-w-0 grid-cols-1 gap-12">
          <div className="grid grid-cols-1 gap-6">
            <GettingStarted id={SECTIONS.start} doc={doc} origin={origin} orgSlug={ctx.organizationSlug} />
            <Conventions id={SECTIONS.conventions} sections={guide} />
          </div>

          {groups.map((group) => (
            <section key={group.anchor} id={group.anchor} aria-labelledby={`${group.anchor}-heading`} className="grid scroll-mt-6 grid-cols-1 gap-5">
              <div className="grid gap-1">
                <h2 id={`${group.anchor}-heading`} className="text-xl font-semibold tracking-tight">
                  {group.tag.name}
                </h2>
                <RichText text={group.tag.description} />
              </div>
              <div className="grid grid-cols-1 gap-6">
                {group.operations.map((entry) => (
                  <OperationCard key={entry.anchor} doc={doc} entry={entry} origin={origin} />
                ))}
              </div>
            </section>
          ))}

          <section id={SECTIONS.schemas} aria-labelledby={`${SECTIONS.schemas}-heading`} className="grid scroll-mt-6 grid-cols-1 gap-5">
            <div className="grid gap-1">
              <h2 id={`${SECTIONS.schemas}-heading`} className="text-xl font-semibold tracking-tight">
                Response objects
              </h2>
              <RichText text="The JSON objects the operations above return. Fields may be added over time; ignore the ones you do not know." />
            </div>
            <SchemaList doc={doc} names={schemaNames} />
          </section>
        </div>
      </div>
    </>
  );
}
