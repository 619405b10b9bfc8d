import { deref, type SpecReader, type SwaggerParameter } from "./swagger";
import { objectSchema, SchemaConverter, type JsonSchema } from "./toJsonSchema";
import type { RequestTarget, ResourceTarget } from "./targets";

/** Where a spec file came from: its path in Azure/azure-rest-api-specs and the commit (or index id) it was read at. */
export interface SpecSource {
  path: string;
  commit: string;
  /** True when the cached file holds the needed parts of the spec only (see docs/azure-contract.md). */
  excerpt?: boolean;
}

export interface ContractEntry {
  /** The API version azure-native (or the SDK) sends. */
  apiVersion: string;
  /** Only when another version's spec file stood in for apiVersion's (see targets.ts SPEC_SUBSTITUTIONS). */
  specApiVersion?: string;
  source: { path: string; commit: string };
  operation: string;
  /** Path parameters that are inputs too (azure-native takes them as resource inputs). */
  pathParameters: string[];
  /** Input schema as azure-native takes it (flattened, client names): path parameters plus the request body. */
  schema: JsonSchema;
  /** The request body alone with wire names, as sent to ARM (kept for requests made outside azure-native). */
  body?: JsonSchema;
}

export interface AzureContract {
  generatedBy: string;
  repository: string;
  sources: SpecSource[];
  resources: Record<string, ContractEntry>;
  requests: Record<string, ContractEntry>;
  /** Spec files read in place of others: { read: used instead }. */
  substitutions: Record<string, string>;
  /** References into spec files that were not cached: a plan that uses them fails validation. */
  unextracted: string[];
  $defs: Record<string, JsonSchema>;
}

/** Parameters azure-native fills from the provider configuration, never from resource inputs. */
const PROVIDER_PARAMETERS = new Set(["subscriptionId", "api-version"]);

function sourceOf(sources: SpecSource[], specPath: string): { path: string; commit: string } {
  const found = sources.find((s) => s.path === specPath);
  if (!found) throw new Error(`no recorded source (path and commit) for ${specPath}; add it to the cache manifest`);
  return { path: found.path, commit: found.commit };
}

interface Converters {
  inputs: SchemaConverter;
  wire?: SchemaConverter;
}

function extractEntry(
  read: SpecReader,
  converters: Converters,
  sources: SpecSource[],
  target: Omit<ResourceTarget, "token">,
): ContractEntry {
  const converter = converters.inputs;
  const doc = read(target.specPath);
  const operation = doc.paths?.[target.operationPath]?.[target.method];
  if (!operation) throw new Error(`${target.specPath} has no ${target.method.toUpperCase()} ${target.operationPath}`);
  const templateNames = [...target.operationPath.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? "");
  const ownName = templateNames[templateNames.length - 1];
  const inputs = { properties: {} as Record<string, JsonSchema>, required: [] as string[] };
  const pathParameters: string[] = [];
  let body: JsonSchema | undefined;
  for (const raw of operation.parameters ?? []) {
    const { file, node } = deref<SwaggerParameter>(read, target.specPath, raw);
    if (node.name === undefined || PROVIDER_PARAMETERS.has(node.name)) continue;
    if (node.in === "path") {
      inputs.properties[node.name] = converter.convert(file, { ...node, $ref: undefined, type: node.type ?? "string" });
      pathParameters.push(node.name);
      // azure-native names a resource itself when its own name is not given; every other path parameter is needed.
      if (node.name !== ownName || target.method === "post") inputs.required.push(node.name);
    } else if (node.in === "body" && node.schema !== undefined) {
      const resolved = deref(read, file, node.schema);
      const shape = converter.objectShape(resolved.file, resolved.node);
      if (converters.wire) body = objectSchema(converters.wire.objectShape(resolved.file, resolved.node));
      for (const [name, schema] of Object.entries(shape.properties))
        if (!(name in inputs.properties)) inputs.properties[name] = schema;
      inputs.required.push(...shape.required.filter((name) => !pathParameters.includes(name)));
    }
  }
  return {
    apiVersion: target.apiVersion,
    ...(target.specApiVersion !== undefined ? { specApiVersion: target.specApiVersion } : {}),
    source: sourceOf(sources, target.specPath),
    operation: `${target.method.toUpperCase()} ${target.operationPath}`,
    pathParameters,
    schema: objectSchema({ properties: inputs.properties, required: inputs.required, additionalProperties: false }),
    ...(body !== undefined ? { body } : {}),
  };
}

/** Builds the contract document from the spec files the reader returns (pure: no file or network access). */
export function extractContract(options: {
  read: SpecReader;
  sources: SpecSource[];
  resources: readonly ResourceTarget[];
  requests: readonly RequestTarget[];
  substitutions?: Readonly<Record<string, string>>;
}): AzureContract {
  const touched = new Set<string>();
  const substitutions = options.substitutions ?? {};
  const usedSubstitutions: Record<string, string> = {};
  const redirect = (path: string): string => {
    const actual = substitutions[path] ?? path;
    if (actual !== path) usedSubstitutions[path] = actual;
    return actual;
  };
  const read: SpecReader = Object.assign(
    (path: string) => {
      const doc = options.read(redirect(path));
      touched.add(redirect(path));
      return doc;
    },
    { redirect },
  );
  const defs: Record<string, JsonSchema> = {};
  const inputs = new SchemaConverter(read, { clientNames: true, prefix: "", defs });
  const wire = new SchemaConverter(read, { clientNames: false, prefix: "wire.", defs });
  const resources: Record<string, ContractEntry> = {};
  for (const target of options.resources)
    resources[target.token] = extractEntry(read, { inputs }, options.sources, target);
  const requests: Record<string, ContractEntry> = {};
  for (const target of options.requests)
    requests[target.name] = extractEntry(read, { inputs, wire }, options.sources, target);
  const sources = [...touched].sort().map((path) => ({
    ...sourceOf(options.sources, path),
    ...(options.sources.find((s) => s.path === path)?.excerpt ? { excerpt: true } : {}),
  }));
  return {
    generatedBy: "scripts/extractAzureContract.ts (docs/azure-contract.md)",
    repository: "Azure/azure-rest-api-specs",
    sources,
    resources,
    requests,
    substitutions: usedSubstitutions,
    unextracted: [...new Set([...inputs.unextracted, ...wire.unextracted])].sort(),
    $defs: Object.fromEntries(Object.entries(defs).sort(([a], [b]) => a.localeCompare(b))),
  };
}
