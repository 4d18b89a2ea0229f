export * from "./auth";
export * from "./keys";
export * from "./projects";
