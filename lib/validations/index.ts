export * from "./auth";
export * from "./access-tokens";
export * from "./keys";
export * from "./projects";
