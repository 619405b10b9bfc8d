import { availabilityOf } from "../models/availability";
import { type CatalogEntry, catalogEntry, daysUntilRetirement, describeSource } from "../models/modelCatalog";
import { newCustomerCutoff, pastNewCustomerWindow, RETIREMENT_ADVISE_DAYS, RETIREMENT_FAIL_DAYS, replacementText, retirementStage } from "../models/lifecycle";
import { DEPLOYMENT_SKUS, type DeploymentSku } from "../config/schema";
import { type BoundaryPolicy, ofType, type PolicyResource, record, text, TYPES, type Violation } from "./types";

interface DeployedModel {
  resource: PolicyResource;
  model: string;
  version: string;
  sku: string;
  entry: CatalogEntry | undefined;
}

function deployedModels(resources: readonly PolicyResource[]): DeployedModel[] {
  return ofType(resources, TYPES.deployment).map((resource) => {
    const model = record(record(resource.props.properties).model);
    const name = text(model.name);
    const version = text(model.version);
    return { resource, model: name, version, sku: text(record(resource.props.sku).name), entry: catalogEntry(name, version) };
  });
}

function retirementMessage(d: DeployedModel & { entry: CatalogEntry }, nowMs: number): string {
  const days = daysUntilRetirement(d.entry, nowMs) ?? 0;
  const when = days <= 0 ? `retired on ${d.entry.retirementDate}` : `retires on ${d.entry.retirementDate} (in ${days} day${days === 1 ? "" : "s"})`;
  return `${d.model} ${d.version} ${when}; replacement: ${replacementText(d.entry)} (${describeSource(d.entry.sources.retirementDate)})`;
}

function retirementCheck(stages: readonly string[]) {
  return (resources: readonly PolicyResource[], context: { nowMs: number }): Violation[] =>
    deployedModels(resources).flatMap((d) => {
      if (d.entry === undefined || !stages.includes(retirementStage(d.entry, context.nowMs))) return [];
      return [{ urn: d.resource.urn, message: retirementMessage({ ...d, entry: d.entry }, context.nowMs) }];
    });
}

const retirementImminent: BoundaryPolicy = {
  name: "model-not-retiring",
  description: `No deployment uses a model version that retires within ${RETIREMENT_FAIL_DAYS} days: from its retirement day Azure answers 410 Gone, and the date is never extended.`,
  remediation: "Deploy the replacement the message names (or, where Microsoft names none, another model of lib/models/catalog.json that lives longer) and point codex.defaultModel at it.",
  enforcement: "mandatory",
  scope: "resource",
  appliesTo: [TYPES.deployment],
  check: retirementCheck(["imminent", "retired"]),
};

const retirementSoon: BoundaryPolicy = {
  name: "model-retirement-ahead",
  description: `Recommendation: plan the move off a model version that retires within ${RETIREMENT_ADVISE_DAYS} days.`,
  remediation: "Add the replacement deployment now, move codex.defaultModel to it, then remove the old one before its retirement date.",
  enforcement: "advisory",
  scope: "resource",
  appliesTo: [TYPES.deployment],
  check: retirementCheck(["soon"]),
};

const newCustomerWindow: BoundaryPolicy = {
  name: "model-offered-to-new-subscriptions",
  description:
    "Recommendation: deploy model versions launched less than 12 months ago: after that Azure no longer offers a GA version to subscriptions that never deployed it, so a first deployment in a new subscription can be refused.",
  remediation: "Use a newer model version from lib/models/catalog.json, or deploy into a subscription that already runs this version.",
  enforcement: "advisory",
  scope: "resource",
  appliesTo: [TYPES.deployment],
  check(resources, context) {
    return deployedModels(resources).flatMap((d) => {
      if (d.entry === undefined || !pastNewCustomerWindow(d.entry, context.nowMs)) return [];
      return [{
        urn: d.resource.urn,
        message: `${d.model} ${d.version} launched ${d.entry.launchDate}: since ${newCustomerCutoff(d.entry)} subscriptions that never deployed it may be refused (${describeSource("lifecycle-policy")})`,
      }];
    });
  },
};

function isSku(value: string): value is DeploymentSku {
  return (DEPLOYMENT_SKUS as readonly string[]).includes(value);
}

const availabilityUnverified: BoundaryPolicy = {
  name: "model-availability-verified",
  description:
    "Recommendation: every deployment's model, version and SKU is one the model catalog lists for the account's region. Where the catalog's sources do not cover the region or the model, nothing checked it before deployment.",
  remediation: "Check with `npm run models -- --check --subscription <id> --location <region>` and add what ARM reports to lib/models/catalog.json with its source (docs/models.md).",
  enforcement: "advisory",
  scope: "stack",
  appliesTo: [TYPES.account, TYPES.deployment],
  check(resources) {
    const accounts = ofType(resources, TYPES.account);
    return deployedModels(resources).flatMap((d) => {
      const account = accounts.find((a) => text(a.props.accountName) !== "" && text(a.props.accountName) === text(d.resource.props.accountName)) ?? (accounts.length === 1 ? accounts[0] : undefined);
      const location = text(account?.props.location);
      if (d.entry === undefined) return [{ urn: d.resource.urn, message: `${d.model} ${d.version} is not in the model catalog: availability and retirement unchecked` }];
      if (location === "" || !isSku(d.sku)) return [{ urn: d.resource.urn, message: `${d.model} ${d.version}: the account's region or the SKU is unknown, availability unchecked` }];
      const availability = availabilityOf(d.entry, d.sku, location);
      return availability.kind === "unverified" ? [{ urn: d.resource.urn, message: `${d.model} ${d.version} as ${d.sku} in ${location}: unchecked, ${availability.reason}` }] : [];
    });
  },
};

export const MODEL_POLICIES: readonly BoundaryPolicy[] = [retirementImminent, retirementSoon, newCustomerWindow, availabilityUnverified];
