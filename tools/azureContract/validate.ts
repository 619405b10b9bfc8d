import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import type { AzureContract, ContractEntry } from "./extract";
import type { JsonSchema } from "./toJsonSchema";

/** Pulumi types this check does not cover, and why. Anything else without a contract is a failure. */
export const OUT_OF_SCOPE_TYPES: ReadonlyArray<{ prefix: string; reason: string }> = [
  { prefix: "pulumi:pulumi:Stack", reason: "the stack itself, not an Azure resource" },
  { prefix: "pulumi:providers:", reason: "provider configuration, not a request to ARM" },
  { prefix: "codex-boundary:", reason: "component resources: they only group children" },
  { prefix: "github:", reason: "GitHub, not Azure" },
  { prefix: "random:", reason: "local random values, never sent anywhere" },
  {
    prefix: "pulumi-nodejs:dynamic/",
    reason: "dynamic providers: their ARM request bodies are checked through their request contract",
  },
];

/** The generic azure-native resource, whose body's shape depends on the ARM type and API version it names. */
export const GENERIC_RESOURCE_TYPE = "azure-native:resources:Resource";

/** Inputs of the generic resource that build its URL, not its body. */
const GENERIC_ROUTING_INPUTS = new Set([
  "resourceGroupName",
  "resourceProviderNamespace",
  "parentResourcePath",
  "resourceType",
  "resourceName",
  "apiVersion",
]);

export function isOutOfScope(type: string): boolean {
  return OUT_OF_SCOPE_TYPES.some((entry) => type.startsWith(entry.prefix));
}

function describe(error: ErrorObject): string {
  const at = error.instancePath === "" ? "(top level)" : error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties":
      return `${at}: unknown property "${String(params.additionalProperty)}"`;
    case "required":
      return `${at}: missing required property "${String(params.missingProperty)}"`;
    case "enum":
      return `${at}: must be one of ${(params.allowedValues as unknown[]).map(String).join(", ")}`;
    case "not":
      return `${at}: uses a part of the API whose spec file is not in the contract (see "unextracted")`;
    default:
      return `${at}: ${error.message ?? error.keyword}`;
  }
}

/** Validates planned inputs and request bodies against the extracted contract with ajv (no values in messages). */
export class ContractValidator {
  private readonly ajv = new Ajv({ allErrors: true, strict: true, unicodeRegExp: false });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly contract: AzureContract) {}

  private validator(key: string, schema: JsonSchema): ValidateFunction {
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile({ ...schema, $defs: this.contract.$defs });
      this.compiled.set(key, validate);
    }
    return validate;
  }

  private check(key: string, schema: JsonSchema, value: unknown): string[] {
    const validate = this.validator(key, schema);
    return validate(value) ? [] : (validate.errors ?? []).map(describe);
  }

  /** The contract entry for a resource: by type token, or for the generic resource by its ARM type and API version. */
  entryFor(type: string, inputs: Record<string, unknown>): { key: string; entry: ContractEntry } | undefined {
    if (type === GENERIC_RESOURCE_TYPE) {
      const key = `${String(inputs.resourceProviderNamespace)}/${String(inputs.resourceType)}@${String(inputs.apiVersion)}`;
      const entry = this.contract.resources[key];
      return entry ? { key, entry } : undefined;
    }
    const entry = this.contract.resources[type];
    return entry ? { key: type, entry } : undefined;
  }

  /** Problems with one planned resource's inputs; a type with no contract is itself a problem. */
  resourceProblems(type: string, inputs: Record<string, unknown>): string[] {
    const found = this.entryFor(type, inputs);
    if (!found)
      return [
        `no extracted Azure contract for ${type}${type === GENERIC_RESOURCE_TYPE ? ` (${String(inputs.resourceProviderNamespace)}/${String(inputs.resourceType)} at ${String(inputs.apiVersion)})` : ""}`,
      ];
    if (type === GENERIC_RESOURCE_TYPE) {
      // The generic resource carries the ARM body as-is under its own input names; check the body part.
      const body = Object.fromEntries(Object.entries(inputs).filter(([key]) => !GENERIC_ROUTING_INPUTS.has(key)));
      if (!found.entry.body)
        return [`the contract for ${found.key} holds no wire body to check a generic resource against`];
      return this.check(`body:${found.key}`, found.entry.body, body);
    }
    return this.check(found.key, found.entry.schema, inputs);
  }

  /** Problems with a request made outside azure-native (name as in contract.requests). */
  requestProblems(name: string, part: "inputs" | "body", value: unknown): string[] {
    const entry = this.contract.requests[name];
    if (!entry) return [`no extracted Azure contract for the request ${name}`];
    const schema = part === "inputs" ? entry.schema : entry.body;
    if (!schema) return [`the contract for the request ${name} holds no wire body`];
    return this.check(`${part}:request:${name}`, schema, value);
  }
}
