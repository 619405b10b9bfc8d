import { DEPLOYMENT_SKUS } from "../config/schema";
import { type ArmModel, mergeArm } from "./armCompare";
import { newCustomerCutoff } from "./lifecycle";
import { REGION_NAME_PATTERN } from "../config/patterns";
import { type CatalogEntry, catalogEntry, dayStartMs, type ModelCatalog } from "./modelCatalog";

/** One deployment of a team's config, as `codex-boundary:models[index]` names it. */
export interface PlannedDeployment {
  index: number;
  name: string;
  model: string;
  version: string;
  sku: string;
}

export interface AccessRequest {
  deployments: readonly PlannedDeployment[];
  location: string;
  /** ARM's Models - List for the stack's subscription and location. */
  arm: readonly ArmModel[];
  catalog: ModelCatalog;
  nowMs: number;
}

export type AccessProblemKind =
  | "registration-required"
  | "past-new-customer-cutoff"
  | "sku-not-offered"
  | "version-not-offered"
  | "model-not-offered";

export interface AccessProblem {
  kind: AccessProblemKind;
  /** The config path of the value to change, e.g. `codex-boundary:models[0].sku`. */
  path: string;
  model: string;
  version: string;
  sku: string;
  location: string;
  /** What ARM says, in a few words. */
  problem: string;
  fix: string;
}

interface Registration {
  required: boolean;
  url?: string;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * Whether Microsoft requires a registration (limited access) for the entry, and the address of the page that says so
 * (the catalog source its `registration` fact cites).
 */
export function registrationOf(entry: CatalogEntry, catalog: ModelCatalog): Registration {
  if (entry.registration !== "required") return { required: false };
  const url = catalog.sources[entry.sources.registration]?.url;
  return url !== undefined && url !== "" ? { required: true, url } : { required: true };
}

function list(values: readonly string[], none: string): string {
  return values.length === 0 ? none : values.join(", ");
}

/** Each deployment's model, version and SKU against what ARM offers the subscription in the location: one problem per miss. Pure. */
export function accessProblems(request: AccessRequest): AccessProblem[] {
  const arm = mergeArm(request.arm);
  const offered = [...arm.values()];
  const location = request.location;
  return request.deployments.flatMap((d): AccessProblem[] => {
    const at = (key: string) => `codex-boundary:models[${d.index}].${key}`;
    const base = { model: d.model, version: d.version, sku: d.sku, location };
    const found = arm.get(`${d.model}@${d.version}`);
    if (found !== undefined) {
      if (found.skus.has(d.sku)) return [];
      const skus = [...found.skus.keys()].filter((s) => (DEPLOYMENT_SKUS as readonly string[]).includes(s)).sort();
      return [
        {
          kind: "sku-not-offered",
          path: at("sku"),
          ...base,
          problem: `ARM offers ${d.model} ${d.version} in ${location}, but not as ${d.sku}`,
          fix: `set sku to one ARM offers there: ${list(skus, "none of this project's deployment types")}`,
        },
      ];
    }
    const entry = catalogEntry(d.model, d.version, request.catalog);
    const otherVersions = offered
      .filter((m) => m.name === d.model && m.skus.has(d.sku))
      .map((m) => m.version)
      .sort()
      .reverse();
    const registration = entry === undefined ? { required: false } : registrationOf(entry, request.catalog);
    if (registration.required) {
      return [
        {
          kind: "registration-required",
          path: at("model"),
          ...base,
          problem: `ARM does not list ${d.model} ${d.version} for this subscription in ${location}, and Microsoft requires a registration for ${d.model}`,
          fix: `apply for access for this subscription at Microsoft's registration form (${registration.url ?? "the catalog records no form address: see the model's page on Microsoft Learn"}), then run this check again`,
        },
      ];
    }
    const cutoff = entry === undefined ? null : newCustomerCutoff(entry);
    if (cutoff !== null && request.nowMs >= dayStartMs(cutoff)) {
      return [
        {
          kind: "past-new-customer-cutoff",
          path: at("version"),
          ...base,
          problem: `ARM does not list ${d.model} ${d.version} for this subscription in ${location}: since ${cutoff} Azure offers it only to subscriptions that already deployed it`,
          fix: `deploy a newer version: ${otherVersions.length > 0 ? `ARM offers ${d.model} ${otherVersions.join(", ")} as ${d.sku} there` : `ARM offers no other version of ${d.model} as ${d.sku} there; pick another model it lists`}`,
        },
      ];
    }
    if (otherVersions.length > 0) {
      return [
        {
          kind: "version-not-offered",
          path: at("version"),
          ...base,
          problem: `ARM does not list ${d.model} ${d.version} for this subscription in ${location}`,
          fix: `use a version ARM offers as ${d.sku} there: ${otherVersions.join(", ")}`,
        },
      ];
    }
    const models = offered
      .filter((m) => m.skus.has(d.sku))
      .map((m) => `${m.name} ${m.version}`)
      .sort();
    return [
      {
        kind: "model-not-offered",
        path: at("model"),
        ...base,
        problem: `ARM offers no version of ${d.model} as ${d.sku} to this subscription in ${location}`,
        fix: `deploy a model ARM offers as ${d.sku} there (${list(models, "none")}), or choose another location`,
      },
    ];
  });
}

export function renderAccessProblem(p: AccessProblem): string {
  return `${p.path}: ${p.model} ${p.version} as ${p.sku} in ${p.location}: ${p.problem}; fix: ${p.fix}`;
}

/** What the access check reads of one stack: its region and deployments, or what is wrong with them. */
export interface StackModels {
  location: string;
  deployments: PlannedDeployment[];
  problems: string[];
}

/**
 * The region and model deployments of a stack's flat config (`codex-boundary:<key>` -> text, objects as JSON, as
 * the Pulumi CLI hands them to the program). Reads only what the check needs; the full schema is the plan's job.
 */
export function stackModels(values: Readonly<Record<string, string>>): StackModels {
  const problems: string[] = [];
  const location = values["codex-boundary:location"] ?? values["azure-native:location"] ?? "";
  if (!REGION_NAME_PATTERN.test(location))
    problems.push(
      `codex-boundary:location: must be an Azure region name such as swedencentral (got ${JSON.stringify(location)})`,
    );
  const raw = values["codex-boundary:models"];
  let list: unknown;
  try {
    list = raw === undefined ? undefined : JSON.parse(raw);
  } catch {
    list = raw;
  }
  if (!Array.isArray(list) || list.length === 0) {
    problems.push("codex-boundary:models: must list the stack's model deployments (name, model, version, sku)");
    return { location, deployments: [], problems };
  }
  const deployments = list.flatMap((item: unknown, index): PlannedDeployment[] => {
    const fields = record(item) ?? {};
    const missing = (["name", "model", "version", "sku"] as const).filter(
      (key) => typeof fields[key] !== "string" || fields[key] === "",
    );
    if (missing.length > 0) {
      problems.push(
        `codex-boundary:models[${index}]: ${missing.join(", ")} must be text (got ${JSON.stringify(item)})`,
      );
      return [];
    }
    return [
      {
        index,
        name: String(fields.name),
        model: String(fields.model),
        version: String(fields.version),
        sku: String(fields.sku),
      },
    ];
  });
  return { location, deployments, problems };
}
