import { availabilityOf } from "../models/availability";
import {
  type CatalogEntry,
  catalogEntry,
  describeSource,
  MODEL_CATALOG,
  type ModelCatalog,
} from "../models/modelCatalog";
import {
  newCustomerCutoff,
  pastNewCustomerWindow,
  RETIREMENT_ADVISE_DAYS,
  RETIREMENT_FAIL_DAYS,
  retirementStage,
} from "../models/lifecycle";
import { retirementWhen, successorText, upgradeCommand } from "../models/retirementNotice";
import { isDeploymentSku } from "../config/schema";
import { type BoundaryPolicy, ofType, type PolicyResource, record, text, TYPES, type Violation } from "./types";

interface DeployedModel {
  resource: PolicyResource;
  model: string;
  version: string;
  sku: string;
  entry: CatalogEntry | undefined;
}

function deployedModels(resources: readonly PolicyResource[], catalog: ModelCatalog = MODEL_CATALOG): DeployedModel[] {
  return ofType(resources, TYPES.deployment).map((resource) => {
    const model = record(record(resource.props.properties).model);
    const name = text(model.name);
    const version = text(model.version);
    return {
      resource,
      model: name,
      version,
      sku: text(record(resource.props.sku).name),
      entry: catalogEntry(name, version, catalog),
    };
  });
}

/** The account a deployment belongs to (by name; the only one when names are unknown), for its region. */
function locationOf(d: DeployedModel, resources: readonly PolicyResource[]): string {
  const accounts = ofType(resources, TYPES.account);
  const account =
    accounts.find(
      (a) => text(a.props.accountName) !== "" && text(a.props.accountName) === text(d.resource.props.accountName),
    ) ?? (accounts.length === 1 ? accounts[0] : undefined);
  return text(account?.props.location);
}

function retirementMessage(
  d: DeployedModel & { entry: CatalogEntry },
  location: string,
  nowMs: number,
  catalog: ModelCatalog,
): string {
  const stage = retirementStage(d.entry, nowMs);
  const gone = stage === "retired" ? ": it answers 410 Gone" : "";
  const gated =
    stage === "retired" || stage === "imminent"
      ? "; pulumi up refuses adding or changing to it, and leaves a deployment of it as it is"
      : "";
  return `${d.model} ${d.version} ${retirementWhen(d.entry.retirementDate, nowMs)}${gone}; successor: ${successorText(d, location, nowMs, catalog)}${gated} (${describeSource(d.entry.sources.retirementDate, catalog)})`;
}

function retirementCheck(stages: readonly string[], catalog: ModelCatalog) {
  return (resources: readonly PolicyResource[], context: { nowMs: number }): Violation[] =>
    deployedModels(resources, catalog).flatMap((d) => {
      if (d.entry === undefined || !stages.includes(retirementStage(d.entry, context.nowMs))) return [];
      return [
        {
          urn: d.resource.urn,
          message: retirementMessage({ ...d, entry: d.entry }, locationOf(d, resources), context.nowMs, catalog),
        },
      ];
    });
}

/** The two retirement controls, judged against `catalog` (the shipped one in the pack; tests pass others). */
export function retirementPolicies(catalog: ModelCatalog): BoundaryPolicy[] {
  // Advisory on purpose: the pack sees only the planned resources, not what the last update deployed, so it cannot
  // tell a deployment left as it is (which must keep deploying and rotating) from one being added. Adding or changing
  // to such a version is refused by the program's retirement gate (lib/models/retirementGate.ts), which can.
  const retirementImminent: BoundaryPolicy = {
    name: "model-not-retiring",
    description: `Recommendation: no deployment uses a model version that retires within ${RETIREMENT_FAIL_DAYS} days (from its retirement day Azure answers 410 Gone, and the date is never extended). Adding or changing to one is refused by pulumi up itself; one left as deployed is named here and blocks nothing.`,
    remediation: `Move to the successor the message names: ${upgradeCommand("<stack>")}, then point codex.defaultModel at it.`,
    enforcement: "advisory",
    // Per stack: the successor is looked up in the region of the deployment's account, another resource.
    scope: "stack",
    appliesTo: [TYPES.account, TYPES.deployment],
    check: retirementCheck(["imminent", "retired"], catalog),
  };

  const retirementSoon: BoundaryPolicy = {
    name: "model-retirement-ahead",
    description: `Recommendation: plan the move off a model version that retires within ${RETIREMENT_ADVISE_DAYS} days.`,
    remediation: `Add the successor the message names now (${upgradeCommand("<stack>")}), move codex.defaultModel to it, then remove the old one before its retirement date.`,
    enforcement: "advisory",
    scope: "stack",
    appliesTo: [TYPES.account, TYPES.deployment],
    check: retirementCheck(["soon"], catalog),
  };
  return [retirementImminent, retirementSoon];
}

const newCustomerWindow: BoundaryPolicy = {
  name: "model-offered-to-new-subscriptions",
  description:
    "Recommendation: deploy model versions launched less than 12 months ago: after that Azure no longer offers a GA version to subscriptions that never deployed it, so a first deployment in a new subscription can be refused.",
  remediation:
    "Use a newer model version from lib/models/catalog.json, or deploy into a subscription that already runs this version.",
  enforcement: "advisory",
  scope: "resource",
  appliesTo: [TYPES.deployment],
  check(resources, context) {
    return deployedModels(resources).flatMap((d) => {
      if (d.entry === undefined || !pastNewCustomerWindow(d.entry, context.nowMs)) return [];
      return [
        {
          urn: d.resource.urn,
          message: `${d.model} ${d.version} launched ${d.entry.launchDate}: since ${newCustomerCutoff(d.entry)} subscriptions that never deployed it may be refused (${describeSource("lifecycle-policy")})`,
        },
      ];
    });
  },
};

const availabilityUnverified: BoundaryPolicy = {
  name: "model-availability-verified",
  description:
    "Recommendation: every deployment's model, version and SKU is one the model catalog lists for the account's region. Where the catalog's sources do not cover the region or the model, nothing checked it before deployment.",
  remediation:
    "Check with `npm run models -- --check --subscription <id> --location <region>` and add what ARM reports to lib/models/catalog.json with its source (docs/models.md).",
  enforcement: "advisory",
  scope: "stack",
  appliesTo: [TYPES.account, TYPES.deployment],
  check(resources) {
    return deployedModels(resources).flatMap((d) => {
      const location = locationOf(d, resources);
      if (d.entry === undefined)
        return [
          {
            urn: d.resource.urn,
            message: `${d.model} ${d.version} is not in the model catalog: availability and retirement unchecked`,
          },
        ];
      if (location === "" || !isDeploymentSku(d.sku))
        return [
          {
            urn: d.resource.urn,
            message: `${d.model} ${d.version}: the account's region or the SKU is unknown, availability unchecked`,
          },
        ];
      const availability = availabilityOf(d.entry, d.sku, location);
      return availability.kind === "unverified"
        ? [
            {
              urn: d.resource.urn,
              message: `${d.model} ${d.version} as ${d.sku} in ${location}: unchecked, ${availability.reason}`,
            },
          ]
        : [];
    });
  },
};

export const MODEL_POLICIES: readonly BoundaryPolicy[] = [
  ...retirementPolicies(MODEL_CATALOG),
  newCustomerWindow,
  availabilityUnverified,
];
