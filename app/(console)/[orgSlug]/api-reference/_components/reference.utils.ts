import type {
  HttpMethod,
  JsonSchema,
  OpenApiDocument,
  OpenApiOperation,
  OpenApiParameter,
  OpenApiResponse,
} from "@/lib/api/openapi";

/**
 * Reads the generated OpenAPI document into what the API Reference page shows. Everything here
 * is derived from the document, so the page cannot say something the API does not do.
 */

export interface ReferenceOperation {
  method: HttpMethod;
  path: string;
  anchor: string;
  operation: OpenApiOperation;
}

export interface ReferenceGroup {
  tag: { name: string; description: string };
  anchor: string;
  operations: ReferenceOperation[];
}

export interface FieldRow {
  name: string;
  type: TypeLabel;
  required: boolean;
  description?: string;
  constraints: string[];
}

/** A type as shown: its text, and the component it names (for a link), if any. */
export interface TypeLabel {
  text: string;
  component?: string;
}

const COMPONENT_PREFIX = "#/components/schemas/";
const RESPONSE_PREFIX = "#/components/responses/";

export const slugId = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
export const operationAnchor = (operationId: string) => `op-${operationId}`;
export const schemaAnchor = (name: string) => `schema-${name}`;

/** Operations in document order, grouped by their (first) tag in the document's tag order. */
export function operationsByTag(doc: OpenApiDocument): ReferenceGroup[] {
  const groups: ReferenceGroup[] = doc.tags.map((tag) => ({ tag, anchor: `tag-${slugId(tag.name)}`, operations: [] }));
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const group = groups.find((candidate) => candidate.tag.name === operation.tags[0]);
      group?.operations.push({ method: method.toUpperCase() as HttpMethod, path, anchor: operationAnchor(operation.operationId), operation });
    }
  }
  return groups.filter((group) => group.operations.length > 0);
}

export function componentName(ref: string): string | undefined {
  return ref.startsWith(COMPONENT_PREFIX) ? ref.slice(COMPONENT_PREFIX.length) : undefined;
}

/** The schema itself, following one component $ref. */
export function resolveSchema(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  const name = typeof schema.$ref === "string" ? componentName(schema.$ref) : undefined;
  return (name && doc.components.schemas[name]) || schema;
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function typeOf(schema: JsonSchema): TypeLabel {
  if (typeof schema.$ref === "string") {
    const name = componentName(schema.$ref);
    return name ? { text: name, component: name } : { text: "object" };
  }
  const members = (schema.anyOf ?? schema.oneOf)?.filter(isSchema);
  if (members?.length) {
    const labels = members.map(typeOf);
    return { text: labels.map((label) => label.text).join(" | "), component: labels.find((label) => label.component)?.component };
  }
  if (Array.isArray(schema.type)) return { text: schema.type.join(" | ") };
  if (schema.type === "array" && isSchema(schema.items)) {
    const item = typeOf(schema.items);
    return { text: `${item.text}[]`, component: item.component };
  }
  return { text: typeof schema.type === "string" ? schema.type : "any" };
}

const code = (value: unknown) => `\`${typeof value === "string" ? value : JSON.stringify(value)}\``;

function range(min: unknown, max: unknown, unit = ""): string | undefined {
  const suffix = unit ? ` ${unit}` : "";
  if (typeof min === "number" && typeof max === "number") return `${min}–${max}${suffix}`;
  if (typeof min === "number") return `At least ${min}${suffix}`;
  if (typeof max === "number") return `At most ${max}${suffix}`;
  return undefined;
}

/** Validation rules in words, with values as `code` for the page's inline-code rendering. */
export function constraintsOf(schema: JsonSchema): string[] {
  const members = (schema.anyOf ?? schema.oneOf)?.filter(isSchema);
  if (members?.length) return members.flatMap(constraintsOf);
  const rules: string[] = [];
  if (Array.isArray(schema.enum)) rules.push(`One of ${schema.enum.map(code).join(", ")}`);
  if (schema.format === "date-time") rules.push("ISO 8601 date-time (UTC)");
  const length = range(schema.minLength, schema.maxLength, "characters");
  if (length) rules.push(length);
  const value = range(schema.minimum, schema.maximum);
  if (value) rules.push(value);
  if (typeof schema.pattern === "string") rules.push(`Matches ${code(schema.pattern)}`);
  if (schema.default !== undefined) rules.push(`Default ${code(schema.default)}`);
  return rules;
}

/**
 * The properties of an object schema (following a component $ref) as table rows. Inline nested
 * objects are flattened into dotted names (`error.code`); named components are linked instead.
 */
export function fieldsOf(doc: OpenApiDocument, schema: JsonSchema, prefix = ""): FieldRow[] {
  const resolved = resolveSchema(doc, schema);
  const required = new Set(resolved.required ?? []);
  return Object.entries(resolved.properties ?? {}).flatMap(([name, property]) => {
    if (!isSchema(property)) return [];
    const row: FieldRow = {
      name: `${prefix}${name}`,
      type: typeOf(property),
      required: required.has(name),
      description: typeof property.description === "string" ? property.description : undefined,
      constraints: constraintsOf(property),
    };
    const nested = property.$ref === undefined && property.properties ? fieldsOf(doc, property, `${row.name}.`) : [];
    return [row, ...nested];
  });
}

export function parameterRows(parameters: readonly OpenApiParameter[] | undefined, location: "path" | "query"): FieldRow[] {
  return (parameters ?? [])
    .filter((parameter) => parameter.in === location)
    .map((parameter) => ({
      name: parameter.name,
      type: typeOf(parameter.schema),
      required: parameter.required,
      description: parameter.description,
      constraints: [...constraintsOf(parameter.schema), ...(parameter.example !== undefined ? [`Example ${code(parameter.example)}`] : [])],
    }));
}

export interface ResponseRow {
  status: string;
  description: string;
  schema?: TypeLabel;
  /** A shared error response (components/responses), worded the same for every operation. */
  shared: boolean;
}

export function responseRows(doc: OpenApiDocument, operation: OpenApiOperation): ResponseRow[] {
  return Object.entries(operation.responses).map(([status, entry]) => {
    const response: OpenApiResponse | undefined =
      "$ref" in entry ? doc.components.responses[entry.$ref.slice(RESPONSE_PREFIX.length)] : entry;
    const schema = response?.content?.["application/json"]?.schema;
    return { status, description: response?.description ?? "", schema: schema ? typeOf(schema) : undefined, shared: "$ref" in entry };
  });
}

/** Components that responses return (directly, in a list, or nested), in document order. */
export function responseComponents(doc: OpenApiDocument): string[] {
  const seen = new Set<string>();
  const visit = (schema: JsonSchema | undefined) => {
    const name = schema ? typeOf(schema).component : undefined;
    if (!name || seen.has(name)) return;
    seen.add(name);
    for (const field of fieldsOf(doc, { $ref: `${COMPONENT_PREFIX}${name}` })) {
      if (field.type.component) visit({ $ref: `${COMPONENT_PREFIX}${field.type.component}` });
    }
  };
  for (const item of Object.values(doc.paths)) {
    for (const operation of Object.values(item)) {
      for (const row of responseRows(doc, operation)) if (row.schema?.component) visit({ $ref: `${COMPONENT_PREFIX}${row.schema.component}` });
    }
  }
  return Object.keys(doc.components.schemas).filter((name) => seen.has(name));
}

const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

export type TokenHeader = "bearer" | "apiKey";

export function authHeader(kind: TokenHeader): string {
  return kind === "bearer" ? "Authorization: Bearer $KEYWARD_TOKEN" : "X-API-Key: $KEYWARD_TOKEN";
}

/**
 * A runnable curl command: path parameters filled from their examples, the body from the
 * request example. The token is read from $KEYWARD_TOKEN so a copied command holds no secret.
 */
export function curlExample(origin: string, method: HttpMethod, path: string, operation: OpenApiOperation, header: TokenHeader = "bearer"): string {
  const url = path.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const example = operation.parameters?.find((parameter) => parameter.in === "path" && parameter.name === name)?.example;
    return encodeURIComponent(typeof example === "string" ? example : `<${name}>`);
  });
  const lines = [`curl${method === "GET" ? "" : ` -X ${method}`} "${origin}${url}"`, `-H "${authHeader(header)}"`];
  const body = operation.requestBody?.content["application/json"]?.example;
  if (body !== undefined) lines.push(`-H "Content-Type: application/json"`, `-d ${shellQuote(JSON.stringify(body))}`);
  return lines.join(" \\\n  ");
}
