import { describe, expect, test } from "vitest";

import { minimalConfig } from "./minimalConfig";
import { parseAdmitted } from "../support/platformFiles";

/**
 * What a stack gets for every key it leaves out. Each default is the secure choice (the schema's rule: every opt-out is
 * a key someone has to write), so each is checked here with the key absent, not written out as the example stack does.
 */
const NOW = Date.parse("2026-11-25T09:30:00Z");

const parse = (raw: Record<string, unknown>) => parseAdmitted(raw, undefined, NOW);

describe("secure defaults for keys left out", () => {
  test("a config of only the required keys parses to exactly these values", () => {
    expect(parse(minimalConfig())).toStrictEqual({
      team: "payments",
      costCenter: "CC-1",
      location: "eastus2",
      dataBoundary: "global",
      // Foundry, no outbound host, and no public network access (the mandatory private-only policy passes).
      account: { kind: "AIServices", allowedFqdns: [], publicNetworkAccess: "Disabled" },
      auth: { mode: "key", switching: false },
      models: [
        {
          name: "codex",
          model: "gpt-5.3-codex",
          version: "2026-02-24",
          sku: "GlobalStandard",
          capacity: 10,
          versionUpgradeOption: "OnceCurrentVersionExpired",
        },
      ],
      // No full-access profile, and a dedicated runner label rather than bare self-hosted.
      codex: {
        defaultModel: "codex",
        reasoningEffort: "medium",
        allowFullAccess: false,
        runnerLabels: ["self-hosted", "codex-runner"],
      },
      github: { owner: "contoso", repositories: [], reviewers: { teamIds: [], userIds: [] } },
      access: {
        userGroupIds: ["3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b"],
        adminGroupIds: ["9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"],
      },
      budget: { amount: 100, contactEmails: ["finops@contoso.com"], startMonth: "2026-12" },
      keyRotation: { periodDays: 30, epoch: "2026-01-01", emergencies: [] },
      networking: { mode: "create", addressSpace: "10.60.0.0/24" },
      keyVault: { softDeleteRetentionDays: 90 },
      audit: { retentionDays: 90, categoryGroup: "allLogs" },
      policy: {},
      tags: {},
    });
  });

  test("each section written empty gets the same defaults as the section left out", () => {
    const config = parse({
      ...minimalConfig(),
      account: {},
      auth: {},
      codex: {},
      keyRotation: {},
      keyVault: {},
      audit: {},
      policy: {},
      tags: {},
      github: { owner: "contoso", reviewers: {} },
    });
    expect(config.account).toStrictEqual({ kind: "AIServices", allowedFqdns: [], publicNetworkAccess: "Disabled" });
    expect(config.auth).toStrictEqual({ mode: "key", switching: false });
    expect(config.codex).toStrictEqual({
      defaultModel: "codex",
      reasoningEffort: "medium",
      allowFullAccess: false,
      runnerLabels: ["self-hosted", "codex-runner"],
    });
    expect(config.keyRotation).toStrictEqual({ periodDays: 30, epoch: "2026-01-01", emergencies: [] });
    expect(config.keyVault).toStrictEqual({ softDeleteRetentionDays: 90 });
    expect(config.audit).toStrictEqual({ retentionDays: 90, categoryGroup: "allLogs" });
    expect(config.github.reviewers).toStrictEqual({ teamIds: [], userIds: [] });
  });

  test("writing one key of a section keeps the secure default of the others", () => {
    const config = parse({
      ...minimalConfig(),
      account: { kind: "OpenAI" },
      codex: { reasoningEffort: "high" },
      auth: { mode: "entra" },
      github: { owner: "contoso", reviewers: { teamIds: [7] } },
    });
    expect(config.account.publicNetworkAccess).toBe("Disabled");
    expect(config.account.allowedFqdns).toStrictEqual([]);
    expect(config.codex.allowFullAccess).toBe(false);
    expect(config.codex.runnerLabels).toStrictEqual(["self-hosted", "codex-runner"]);
    expect(config.auth.switching).toBe(false);
    expect(config.github.reviewers).toStrictEqual({ teamIds: [7], userIds: [] });
  });

  test("a repository left at its defaults gets the key in the 'codex' environment, not a repository secret", () => {
    const config = parse({ ...minimalConfig(), github: { owner: "contoso", repositories: [{ name: "api" }] } });
    expect(config.github.repositories).toStrictEqual([
      { name: "api", environment: "codex", allowRepositorySecret: false },
    ]);
  });

  test("a repository's defaultBranch appears only when written", () => {
    const config = parse({
      ...minimalConfig(),
      github: { owner: "contoso", repositories: [{ name: "api", defaultBranch: "release/1.x" }] },
    });
    expect(config.github.repositories).toStrictEqual([
      { name: "api", environment: "codex", allowRepositorySecret: false, defaultBranch: "release/1.x" },
    ]);
  });

  test("the explicit opt-outs are kept as written", () => {
    const config = parse({
      ...minimalConfig(),
      account: { publicNetworkAccess: "Enabled", allowedFqdns: ["login.microsoftonline.com"] },
      codex: { allowFullAccess: true, runnerLabels: ["self-hosted"] },
      github: { owner: "contoso", repositories: [{ name: "legacy", allowRepositorySecret: true }] },
    });
    expect(config.account).toStrictEqual({
      kind: "AIServices",
      allowedFqdns: ["login.microsoftonline.com"],
      publicNetworkAccess: "Enabled",
    });
    expect(config.codex.allowFullAccess).toBe(true);
    expect(config.codex.runnerLabels).toStrictEqual(["self-hosted"]);
    expect(config.github.repositories).toStrictEqual([
      { name: "legacy", environment: undefined, allowRepositorySecret: true },
    ]);
  });
});
