// Stands in for the `server-only` package under vitest. The real module throws unless it is
// bundled for React Server Components, which tests never are; its only job is that build-time
// guard, so an empty module loses nothing here.
export {};
