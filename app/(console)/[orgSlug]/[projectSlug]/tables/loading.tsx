import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading tables">
      <div className="grid gap-2 border-b px-6 py-6 lg:px-10">
        <Skeleton className="h-8 w-32" />
        <Skeleton className="h-4 w-80 max-w-full" />
      </div>
      <div className="px-6 py-8 lg:px-10">
        <div className="rounded-xl border">
          <div className="grid gap-2 border-b p-6">
            <Skeleton className="h-5 w-40" />
            <Skeleton className="h-4 w-96 max-w-full" />
          </div>
          <div className="grid gap-3 p-6">
            {Array.from({ length: 3 }, (_, i) => (
              <Skeleton key={i} className="h-8 w-full" />
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}
