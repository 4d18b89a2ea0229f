import { PageSkeleton } from "@/components/console/page-skeleton";

// In the (list) route group so that this boundary wraps the list only: around [keyId] it would
// start streaming before that page decides on notFound(), and its 404 would go out as a 200.
export default function Loading() {
  return <PageSkeleton label="Loading API keys" sections={2} />;
}
