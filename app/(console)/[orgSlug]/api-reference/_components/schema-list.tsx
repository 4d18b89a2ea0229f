import { Card } from "@/components/ui/card";
import type { OpenApiDocument } from "@/lib/api/openapi";
import { FieldTable } from "./field-table";
import { fieldsOf, schemaAnchor } from "./reference.utils";

/** The objects responses return, so field types in the tables above can link to them. */
export function SchemaList({ doc, names }: { doc: OpenApiDocument; names: string[] }) {
  return (
    <div className="grid grid-cols-1 gap-6">
      {names.map((name) => (
        <section key={name} id={schemaAnchor(name)} aria-labelledby={`${schemaAnchor(name)}-heading`} className="scroll-mt-6">
          <Card className="gap-4 py-5">
            <h3 id={`${schemaAnchor(name)}-heading`} className="px-6 font-mono text-sm font-semibold">
              {name}
            </h3>
            <div className="px-6">
              <FieldTable rows={fieldsOf(doc, { $ref: `#/components/schemas/${name}` })} caption={`Fields of ${name}`} nameHeader="Field" />
            </div>
          </Card>
        </section>
      ))}
    </div>
  );
}
