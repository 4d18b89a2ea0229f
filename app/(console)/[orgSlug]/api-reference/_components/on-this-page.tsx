import { MethodBadge } from "./method-badge";
import type { ReferenceGroup } from "./reference.utils";

const linkClass =
  "block rounded-md px-2 py-1 text-muted-foreground outline-none transition-colors hover:bg-accent hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring";

/** In-page navigation for wide screens; narrower ones read the page top to bottom. */
export function OnThisPage({ groups, sections }: { groups: ReferenceGroup[]; sections: { id: string; title: string }[] }) {
  return (
    <nav aria-label="On this page" className="hidden xl:block">
      <div className="sticky top-6 grid max-h-[calc(100dvh-3rem)] gap-4 overflow-y-auto pb-6 text-sm">
        <p className="px-2 text-xs font-medium tracking-wide text-muted-foreground uppercase">On this page</p>
        <ul className="grid gap-0.5">
          {sections.map((section) => (
            <li key={section.id}>
              <a href={`#${section.id}`} className={linkClass}>
                {section.title}
              </a>
            </li>
          ))}
        </ul>
        {groups.map((group) => (
          <div key={group.anchor} className="grid gap-1">
            <a href={`#${group.anchor}`} className="px-2 text-xs font-semibold text-foreground outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring">
              {group.tag.name}
            </a>
            <ul className="grid gap-0.5">
              {group.operations.map((entry) => (
                <li key={entry.anchor}>
                  <a href={`#${entry.anchor}`} className={`${linkClass} flex items-start gap-2`}>
                    <MethodBadge method={entry.method} size="sm" className="mt-0.5" />
                    <span className="min-w-0">{entry.operation.summary}</span>
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </nav>
  );
}
