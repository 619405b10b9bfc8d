import type { PlannedDeployment, StackFacts } from "../../lib/fleet/types";

export const SUB_A = "aaaaaaaa-0000-4000-8000-000000000001";
export const SUB_B = "bbbbbbbb-0000-4000-8000-000000000002";

export function deployment(partial: Partial<PlannedDeployment> = {}): PlannedDeployment {
  return {
    account: "aif-codex-x",
    name: "codex",
    model: "gpt-5.3-codex",
    version: "2026-02-24",
    sku: "GlobalStandard",
    capacity: 10,
    ...partial,
  };
}

/** One stack's facts as the plan would produce them; every field overridable. */
export function facts(stack: string, partial: Partial<StackFacts> = {}): StackFacts {
  return {
    stack,
    team: stack,
    subscription: SUB_A,
    subscriptionSource: "stack",
    region: "eastus2",
    dataBoundary: "global",
    authMode: "key",
    rollout: { stage: "ci-docs", source: "default", repositoriesBehind: [], codePaths: [] },
    resources: 40,
    verdict: "pass",
    mandatoryFailures: [],
    advisories: [],
    nextRotation: "2026-12-01",
    accounts: [`aif-codex-${stack}`],
    deployments: [deployment({ account: `aif-codex-${stack}` })],
    repositories: [`https://github.com/contoso/${stack}-app`],
    addressSpaces: [],
    generatedNames: [
      { scope: `subscription ${SUB_A}`, type: "azure-native:resources:ResourceGroup", name: `rg-codex-${stack}` },
    ],
    ...partial,
  };
}
