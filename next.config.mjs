// @ts-check

// Each directive says why it is there. 'unsafe-inline' for scripts is what Next's inline
// bootstrap needs without a nonce-per-request proxy; everything else is locked to our origin.
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'" + (process.env.NODE_ENV === "development" ? " 'unsafe-eval'" : ""),
  "style-src 'self' 'unsafe-inline'", // Radix and next-themes set inline styles.
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'", // The console holds secrets: never framed (clickjacking).
  "form-action 'self'",
  "base-uri 'self'",
  "object-src 'none'",
].join("; ");

/** @type {import('next').NextConfig} */
const nextConfig = {
  typedRoutes: true,
  poweredByHeader: false,
  // `npm run typecheck` (next typegen && tsc) checks every file, tests included, as its own step.
  typescript: { ignoreBuildErrors: true },
  // Native and Wasm database drivers and the Argon2 binding load from node_modules at runtime
  // instead of being bundled (PGlite ships its own Wasm and data files).
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "@node-rs/argon2"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Content-Security-Policy", value: contentSecurityPolicy },
          { key: "X-Content-Type-Options", value: "nosniff" }, // No MIME sniffing of JSON as HTML.
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" }, // No paths to other sites.
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" }, // Unused powers off.
        ],
      },
    ];
  },
};

export default nextConfig;
