import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { DateCell } from "./date-cell";

/**
 * A detail page's "Details" card: label–value pairs in two aligned columns, like a payment's
 * details in Stripe's dashboard.
 */
export function DetailsCard({ items, label }: { items: { label: string; value: ReactNode }[]; label: string }) {
  return (
    <section aria-labelledby="details-heading">
      <Card className="gap-0 overflow-hidden py-0">
        {/* A title alone: CardHeader's grid keeps a row for a description this card has not. */}
        <h2 id="details-heading" className="border-b px-6 py-4 text-base leading-tight font-semibold tracking-tight">
          Details
        </h2>
        <dl aria-label={label} className="grid gap-x-8 gap-y-4 px-6 py-5 text-sm sm:grid-cols-[10rem_1fr]">
          {items.map((item) => (
            <div key={item.label} className="contents">
              <dt className="text-muted-foreground">{item.label}</dt>
              <dd className="-mt-3 min-w-0 sm:mt-0">{item.value}</dd>
            </div>
          ))}
        </dl>
      </Card>
    </section>
  );
}

/** "3 days ago by Ada Lovelace", the exact time on hover. */
export function WhenBy({ at, by, now }: { at: Date; by: string | null; now: Date }) {
  return (
    <span>
      <DateCell value={at} now={now} />
      {by ? <span className="text-muted-foreground"> by {by}</span> : null}
    </span>
  );
}
