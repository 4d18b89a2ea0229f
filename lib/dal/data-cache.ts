import "server-only";
import { watchDataChanges } from "@/lib/db";

/**
 * Pages of the data API's hottest read (`GET /v1/data/{table}` by time, no filters), kept in
 * memory on the embedded database. PGlite runs in the server's own thread, so every query costs
 * the request path's CPU: under load a list of a few rows took well over half of each request's
 * time (bench:http), and reads repeat far more often than writes.
 *
 * Exact, not time-based. Every statement that changes DataRow or DataTable, whoever runs it (the
 * data API, the console's cascading deletes, a script), fires a trigger that NOTIFYs, and PGlite
 * hands the notification to `clear()` before the writing statement's caller resumes: no read
 * that starts after a write returned can be answered from before it. A page loaded before a
 * change but arriving after its notification is not stored (the generation moved on).
 *
 * On a PostgreSQL server, nothing is cached: other instances write too, and their notifications
 * would arrive after their writes had returned. Hold one per connection (connectionScoped).
 */
const MAX_BYTES = 32 * 1024 * 1024;
/** A page larger than this (up to 100 rows of up to 64 KiB) is served but not kept. */
const MAX_PAGE_BYTES = 1024 * 1024;

export interface DataCacheStats {
  status: "starting" | "on" | "off";
  pages: number;
  bytes: number;
  hits: number;
  misses: number;
}

export class PageCache<T> {
  private status: DataCacheStats["status"] = "starting";
  private generation = 0;
  private readonly pages = new Map<string, { value: T; bytes: number }>();
  private bytes = 0;
  private hits = 0;
  private misses = 0;

  constructor() {
    watchDataChanges(() => this.clear()).then(
      (watching) => {
        // Pages loaded while the subscription was being set up may predate a change it missed.
        this.clear();
        this.status = watching ? "on" : "off";
      },
      (error: unknown) => {
        this.status = "off";
        console.error("[data] watching data changes failed; data pages are not cached:", error instanceof Error ? error.message : error);
      },
    );
  }

  async read(key: string, load: () => Promise<{ value: T; bytes: number }>): Promise<T> {
    if (this.status !== "on") return (await load()).value;
    const hit = this.pages.get(key);
    if (hit) {
      // Most recently used last: Map keeps insertion order, so eviction takes the first.
      this.pages.delete(key);
      this.pages.set(key, hit);
      this.hits += 1;
      return hit.value;
    }
    this.misses += 1;
    const generation = this.generation;
    const loaded = await load();
    if (generation === this.generation && loaded.bytes <= MAX_PAGE_BYTES) this.store(key, loaded);
    return loaded.value;
  }

  stats(): DataCacheStats {
    return { status: this.status, pages: this.pages.size, bytes: this.bytes, hits: this.hits, misses: this.misses };
  }

  private store(key: string, page: { value: T; bytes: number }): void {
    const previous = this.pages.get(key);
    if (previous) {
      this.pages.delete(key);
      this.bytes -= previous.bytes;
    }
    this.pages.set(key, page);
    this.bytes += page.bytes;
    for (const [oldest, { bytes }] of this.pages) {
      if (this.bytes <= MAX_BYTES) break;
      this.pages.delete(oldest);
      this.bytes -= bytes;
    }
  }

  private clear(): void {
    this.generation += 1;
    this.pages.clear();
    this.bytes = 0;
  }
}
