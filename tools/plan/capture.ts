import * as pulumi from "@pulumi/pulumi";
import { deserializeProperties } from "@pulumi/pulumi/runtime/rpc";
import type { CapturedResource, CapturedRun } from "../../lib/plan/types";
import {
  type AliasRequest,
  aliasUrn,
  DuplicateUrnError,
  duplicateUrnErrors,
  ROOT_STACK_TYPE,
} from "../../lib/plan/urns";
import { createPlanMocks } from "./mocks";
import type { StackConfig } from "./stackFiles";

export type StackProgram = () => Promise<Record<string, unknown>>;

interface AliasMessage {
  getUrn(): string;
  getSpec():
    | {
        getName(): string;
        getType(): string;
        getStack(): string;
        getProject(): string;
        getParenturn(): string;
        getNoparent(): boolean;
      }
    | undefined;
}
interface RegisterRequest {
  getAliasesList(): AliasMessage[];
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getObject(): Parameters<typeof deserializeProperties>[0];
  getDependenciesList(): string[];
  getProtect(): boolean | undefined;
  getRetainondelete(): boolean | undefined;
  getIgnorechangesList(): string[];
}
interface RegisterResponse {
  getUrn(): string;
  getObject(): Parameters<typeof deserializeProperties>[0] | undefined;
}
interface OutputsRequest {
  getUrn(): string;
  getOutputs(): Parameters<typeof deserializeProperties>[0] | undefined;
}
type Callback<T> = (err: unknown, response: T) => void;
interface PatchableMonitor {
  registerResource(req: RegisterRequest, callback: Callback<RegisterResponse | undefined>): Promise<void>;
  registerResourceOutputs(req: OutputsRequest, callback: Callback<unknown>): void;
}

const RANDOM_STRING_TYPE = "random:index/randomString:RandomString";

/** The mock's result for a RandomString (not a RandomPassword: nothing secret is kept); `pulumi up` draws another. */
function randomStandIn(type: string, response: RegisterResponse): { standIn?: string } {
  if (type !== RANDOM_STRING_TYPE) return {};
  const state = response.getObject();
  const result = state ? (deserializeProperties(state) as Record<string, unknown>).result : undefined;
  return typeof result === "string" ? { standIn: result } : {};
}

function aliasRequest(alias: AliasMessage): AliasRequest {
  const spec = alias.getSpec();
  if (spec === undefined) return { urn: alias.getUrn() };
  return {
    spec: {
      name: spec.getName(),
      type: spec.getType(),
      stack: spec.getStack(),
      project: spec.getProject(),
      parentUrn: spec.getParenturn(),
      noParent: spec.getNoparent(),
    },
  };
}

/**
 * Runs a stack program under Pulumi's mock engine and records every registration.
 * setMocks comes first; the program module must be imported only after it (loadProgram does that),
 * because resources created before setMocks bypass the mocks and hang.
 */
export async function captureProgram(options: {
  project: string;
  stack: string;
  config: StackConfig;
  loadProgram: () => Promise<StackProgram>;
  mocks?: pulumi.runtime.Mocks;
  /** Run as `pulumi preview` does (pulumi.runtime.isDryRun() is true). */
  preview?: boolean;
}): Promise<CapturedRun> {
  const { project, stack, config } = options;
  await pulumi.runtime.setMocks(
    options.mocks ?? createPlanMocks(),
    project,
    stack,
    options.preview ?? false,
    "organization",
  );
  pulumi.runtime.setAllConfig(config.values, config.secretKeys);

  const resources: CapturedResource[] = [];
  let stackOutputs: Record<string, unknown> = {};
  const monitor = pulumi.runtime.getMonitor() as unknown as PatchableMonitor;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) =>
    register(req, (err, response) => {
      if (!err && response) {
        const parent = req.getParent() === "" ? null : req.getParent();
        const self = { stack, project, parentUrn: parent, type: req.getType(), name: req.getName() };
        resources.push({
          urn: response.getUrn(),
          type: req.getType(),
          name: req.getName(),
          parent,
          dependsOn: [...new Set(req.getDependenciesList())].sort(),
          custom: req.getCustom(),
          inputs: deserializeProperties(req.getObject()) as Record<string, unknown>,
          aliases: req.getAliasesList().map((alias) => aliasUrn(aliasRequest(alias), self)),
          ...(req.getProtect() === true ? { protect: true as const } : {}),
          ...(req.getRetainondelete() === true ? { retainOnDelete: true as const } : {}),
          ...(req.getIgnorechangesList().length > 0 ? { ignoreChanges: req.getIgnorechangesList() } : {}),
          ...randomStandIn(req.getType(), response),
        });
      }
      callback(err, response);
    });
  const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
  monitor.registerResourceOutputs = (req, callback) => {
    const outputs = req.getOutputs();
    const resource = resources.find((r) => r.urn === req.getUrn());
    if (resource && outputs) {
      const values = deserializeProperties(outputs) as Record<string, unknown>;
      if (resource.type === ROOT_STACK_TYPE) stackOutputs = values;
      else resource.outputs = values;
    }
    registerOutputs(req, callback);
  };

  const program = await options.loadProgram();
  let failure: unknown;
  await pulumi.runtime
    .runInPulumiStack(async () => {
      try {
        return await program();
      } catch (error) {
        failure = error;
        return {};
      }
    })
    .catch((error: unknown) => {
      failure ??= error;
    });
  await pulumi.runtime.disconnect();
  if (failure !== undefined) throw failure;
  // The mock monitor keeps the last of two resources with one URN; the engine refuses the program.
  const duplicates = duplicateUrnErrors(resources);
  if (duplicates.length > 0) throw new DuplicateUrnError(duplicates);
  // Registrations complete in an order the event loop picks; sort so that every run prints the same.
  resources.sort(
    (a, b) => Number(b.type === ROOT_STACK_TYPE) - Number(a.type === ROOT_STACK_TYPE) || a.urn.localeCompare(b.urn),
  );
  return { project, stack, resources, outputs: stackOutputs };
}
