import { Card, CardContent, CardDescription, CardHeader } from "@/components/ui/card";
import { RichText } from "./rich-text";

/** The document's cross-cutting rules (scopes, errors, paging, limits), one block each. */
export function Conventions({ id, sections }: { id: string; sections: { id: string; title: string; body: string }[] }) {
  return (
    <section id={id} aria-labelledby={`${id}-heading`} className="scroll-mt-6">
      <Card className="gap-5">
        <CardHeader>
          <h2 id={`${id}-heading`} data-slot="card-title" className="text-base leading-tight font-semibold tracking-tight">
            Conventions
          </h2>
          <CardDescription>What holds for every operation below.</CardDescription>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-1 gap-x-10 gap-y-5 lg:grid-cols-2">
            {sections.map((section) => (
              <div key={section.id} className="grid min-w-0 content-start gap-1.5">
                <dt className="text-sm font-medium">{section.title}</dt>
                <dd>
                  <RichText text={section.body} />
                </dd>
              </div>
            ))}
          </dl>
        </CardContent>
      </Card>
    </section>
  );
}
