import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { InlineText } from "./rich-text";
import { schemaAnchor, type FieldRow } from "./reference.utils";

function TypeText({ row }: { row: FieldRow }) {
  if (!row.type.component) return <>{row.type.text}</>;
  return (
    <a href={`#${schemaAnchor(row.type.component)}`} className="text-primary underline-offset-4 hover:underline">
      {row.type.text}
    </a>
  );
}

function Details({ row }: { row: FieldRow }) {
  return (
    <>
      {row.description ? (
        <p>
          <InlineText text={row.description} />
        </p>
      ) : null}
      {row.constraints.length ? (
        <ul className="mt-0.5 flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-muted-foreground">
          {row.constraints.map((rule) => (
            <li key={rule} className="min-w-0 break-words">
              <InlineText text={rule} />
            </li>
          ))}
        </ul>
      ) : null}
      {!row.description && !row.constraints.length ? <span className="text-muted-foreground">—</span> : null}
    </>
  );
}

const requiredText = (row: FieldRow) =>
  row.required ? <span className="font-medium text-foreground">Required</span> : <span className="text-muted-foreground">Optional</span>;

/**
 * Parameters or body fields: name, type, whether required, and what the server accepts. A table
 * from `sm` up; a stacked list on phones, where four columns do not fit.
 */
export function FieldTable({ rows, caption, nameHeader = "Name" }: { rows: FieldRow[]; caption: string; nameHeader?: string }) {
  return (
    <div className="overflow-hidden rounded-lg border">
      <ul aria-label={caption} className="divide-y sm:hidden">
        {rows.map((row) => (
          <li key={row.name} className="grid gap-1 px-3 py-2.5 text-sm">
            <div className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
              <span className="font-mono text-[0.8125rem] font-medium break-all">{row.name}</span>
              <span className="font-mono text-xs text-muted-foreground">
                <TypeText row={row} />
              </span>
              <span className="text-xs">{requiredText(row)}</span>
            </div>
            <Details row={row} />
          </li>
        ))}
      </ul>
      <Table className="hidden table-fixed sm:table">
        <caption className="sr-only">{caption}</caption>
        <TableHeader className="bg-muted/40">
          <TableRow className="hover:bg-transparent">
            <TableHead className="w-[30%]">{nameHeader}</TableHead>
            <TableHead className="w-[18%]">Type</TableHead>
            <TableHead className="w-[13%]">Required</TableHead>
            <TableHead>Description</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.name} className="hover:bg-transparent">
              <TableCell className="align-top font-mono text-[0.8125rem] font-medium break-all whitespace-normal">{row.name}</TableCell>
              <TableCell className="align-top font-mono text-xs break-words whitespace-normal text-muted-foreground">
                <TypeText row={row} />
              </TableCell>
              <TableCell className="align-top text-xs">{requiredText(row)}</TableCell>
              <TableCell className="align-top text-sm whitespace-normal">
                <Details row={row} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
