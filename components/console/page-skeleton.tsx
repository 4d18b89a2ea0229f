import { Skeleton } from "@/components/ui/skeleton";

/** The loading state of a console list page: its header, then `sections` card placeholders. */
export function PageSkeleton({ label, sections = 1 }: { label: string; sections?: number }) {
  return (
    <div aria-busy="true" aria-label={label}>
      <div className="grid gap-2 border-b px-6 py-6 lg:px-10">
        <Skeleton className="h-8 w-40" />
        <Skeleton className="h-4 w-80 max-w-full" />
      </div>
      <div className="grid gap-8 px-6 py-8 lg:px-10">
        {Array.from({ length: sections }, (_, section) => (
          <div key={section} className="rounded-xl border">
            <div className="grid gap-2 border-b p-6">
              <Skeleton className="h-5 w-48" />
              <Skeleton className="h-4 w-96 max-w-full" />
            </div>
            <div className="grid gap-3 p-6">
              {Array.from({ length: 3 }, (_, row) => (
                <Skeleton key={row} className="h-8 w-full" />
              ))}
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
