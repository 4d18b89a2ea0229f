import path from "node:path";
import { defineConfig } from "prisma/config";

// The Prisma 6.19 CLI falls back to downloading native engines when the datasource url cannot be
// resolved; a placeholder keeps every command offline. The app itself never reads this value.
process.env.DATABASE_URL ??= "postgresql://keyward@localhost:5432/keyward";

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  experimental: { adapter: true },
  // The Wasm schema engine + a driver adapter: no native engine download (see ENVIRONMENT.md).
  engine: "js",
  async adapter() {
    const { PGlite } = await import("@electric-sql/pglite");
    const { pgliteAdapter } = await import("./lib/db/connection");
    return pgliteAdapter(new PGlite());
  },
});
