import { ConfigError } from "../../lib/config/parse";
import { parseAdmitted } from "../support/platformFiles";

/** Only the keys the config schema requires; nothing that has a default. A fresh object per call: tests edit it. */
export function minimalConfig(): Record<string, unknown> {
  return {
    team: "payments",
    costCenter: "CC-1",
    location: "eastus2",
    dataBoundary: "global",
    models: [{ name: "codex", model: "gpt-5.3-codex", version: "2026-02-24", sku: "GlobalStandard", capacity: 10 }],
    github: { owner: "contoso" },
    access: {
      userGroupIds: ["3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b"],
      adminGroupIds: ["9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"],
    },
    budget: { amount: 100, contactEmails: ["finops@contoso.com"], startMonth: "2026-12" },
    networking: { mode: "create", addressSpace: "10.60.0.0/24" },
  };
}

/** The problem lines (`path: message`) of a config, or [] when it parses; any other error is thrown. */
export function configProblems(raw: Record<string, unknown>, nowMs: number): string[] {
  try {
    parseAdmitted(raw, undefined, nowMs);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((p) => `${p.path}: ${p.message}`);
  }
}
