import { describe, expect, it } from "vitest";
import { API_OPERATIONS, buildOpenApiDocument } from "@/lib/api/openapi";
import { curlExample, fieldsOf, operationsByTag, responseComponents, responseRows } from "./reference.utils";

const doc = buildOpenApiDocument();

describe("API reference view", () => {
  it("shows every operation once, grouped by tag", () => {
    const groups = operationsByTag(doc);
    expect(groups.map((group) => group.tag.name)).toEqual(["Projects", "Environments", "API Keys", "Roles", "Access Tokens"]);
    expect(groups.flatMap((group) => group.operations.map((entry) => entry.operation.operationId)).sort()).toEqual(
      API_OPERATIONS.map((spec) => spec.operationId).sort(),
    );
  });

  it("builds a runnable curl command from the document's examples", () => {
    const operation = doc.paths["/api/v1/projects/{projectId}/environments/{environment}/keys"]?.post;
    expect(operation).toBeDefined();
    if (!operation) return;
    expect(curlExample("https://keys.example.com", "POST", "/api/v1/projects/{projectId}/environments/{environment}/keys", operation)).toBe(
      [
        'curl -X POST "https://keys.example.com/api/v1/projects/proj_4fJ2kq8ZpXc1NwLrT0aB/environments/dev/keys"',
        '-H "Authorization: Bearer $KEYWARD_TOKEN"',
        '-H "Content-Type: application/json"',
        `-d '{"name":"Checkout backend","kind":"secret","prefix":"acme","roleIds":["cmf0c9r2a0004wxyz5678ijkl"],"context":{"customerId":"cus_42"},"expiresAt":"2030-01-31T00:00:00Z"}'`,
      ].join(" \\\n  "),
    );
  });

  it("flattens inline objects and links named ones", () => {
    expect(fieldsOf(doc, { $ref: "#/components/schemas/Error" }).map((row) => row.name)).toEqual([
      "error",
      "error.code",
      "error.message",
      "error.details",
    ]);
    const list = fieldsOf(doc, { $ref: "#/components/schemas/ProjectList" });
    expect(list[0]?.type).toEqual({ text: "Project[]", component: "Project" });
    expect(responseComponents(doc)).toEqual(expect.arrayContaining(["Project", "ProjectList", "CreatedApiKey", "Error"]));
  });

  it("resolves shared error responses", () => {
    const operation = doc.paths["/api/v1/projects/{projectId}"]?.get;
    expect(operation && responseRows(doc, operation).map((row) => row.status)).toEqual(["200", "401", "403", "404", "429"]);
  });
});
