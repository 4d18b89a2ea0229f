import { Skeleton } from "@/components/ui/skeleton";

// The tables' column widths (_components/tokens-table.tsx), so the skeleton lines up with them.
const COLUMNS = "grid min-w-[62rem] grid-cols-[17%_8rem_minmax(0,1fr)_9rem_7rem_7rem_9rem_3.5rem] items-center [&>*]:mx-3";

/** One table section: heading with count and search box, column headers, a few rows. */
function SectionSkeleton({ rows }: { rows: number }) {
  return (
    <div className="overflow-hidden rounded-xl border">
      <div className="flex items-start justify-between gap-4 border-b p-6 py-5">
        <div className="grid gap-2">
          <Skeleton className="h-5 w-40" />
          <Skeleton className="h-4 w-80 max-w-full" />
        </div>
        <Skeleton className="h-8 w-56" />
      </div>
      <div className={`${COLUMNS} border-b py-3.5`}>
        {["w-12", "w-10", "w-28", "w-20", "w-16", "w-14", "w-14"].map((width, i) => (
          <Skeleton key={i} className={`h-3 ${width}`} />
        ))}
      </div>
      <div className="grid divide-y">
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className={`${COLUMNS} py-3`}>
            <div className="grid gap-1.5">
              <Skeleton className="h-4 w-3/4" />
              <Skeleton className="h-3 w-1/3" />
            </div>
            <Skeleton className="h-5 w-24" />
            <div className="flex gap-1 overflow-hidden">
              <Skeleton className="h-5 w-20 shrink-0" />
              <Skeleton className="h-5 w-16 shrink-0" />
              <Skeleton className="h-5 w-7 shrink-0" />
            </div>
            <div className="grid gap-1.5">
              <Skeleton className="h-4 w-24" />
              <Skeleton className="h-3 w-12" />
            </div>
            <Skeleton className="h-4 w-14" />
            <Skeleton className="h-4 w-16" />
            <Skeleton className="h-4 w-20" />
            <Skeleton className="size-8 justify-self-end" />
          </div>
        ))}
      </div>
    </div>
  );
}

// In the (list) route group so that this boundary wraps the list only: around [tokenId] it would
// start streaming before that page decides on notFound(), and its 404 would go out as a 200.
export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading access tokens">
      <div className="flex flex-col gap-4 border-b px-6 py-6 sm:flex-row sm:items-end sm:justify-between lg:px-10">
        <div className="grid gap-2">
          <Skeleton className="h-8 w-48" />
          <Skeleton className="h-4 w-[32rem] max-w-full" />
        </div>
        <Skeleton className="h-9 w-44" />
      </div>
      <div className="grid gap-8 px-6 py-8 lg:px-10">
        <SectionSkeleton rows={3} />
        <SectionSkeleton rows={2} />
      </div>
    </div>
  );
}
