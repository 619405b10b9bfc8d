import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { entraActive, keyFlowActive, keyOnlySettingProblems } from "../../lib/config/authMode";

import { federatedCredentialName, federatedSubject, oidcIssuer } from "../../lib/azure/federation";
import { FIXTURES_DIR } from "../support/stackFiles";
import { configProblems } from "./minimalConfig";
import { parseAdmitted } from "../support/platformFiles";

const NOW = Date.parse("2026-11-25T00:00:00Z");
const ASSIGNMENT =
  "/providers/Microsoft.Management/managementGroups/contoso/providers/Microsoft.Authorization/policyAssignments/ai-disable-local-auth";

function fixture(): Record<string, unknown> {
  const doc = parse(readFileSync(join(FIXTURES_DIR, "Pulumi.entra.yaml"), "utf8")) as {
    config: Record<string, unknown>;
  };
  return Object.fromEntries(
    Object.entries(doc.config).flatMap(([k, v]) =>
      k.startsWith("codex-boundary:") ? [[k.slice("codex-boundary:".length), v]] : [],
    ),
  );
}

function problems(raw: Record<string, unknown>): string[] {
  return configProblems(raw, NOW);
}

describe("codex-boundary:auth", () => {
  test("key is the default: a stack file without auth parses as key mode, not switching", () => {
    const { auth, ...raw } = fixture();
    expect(auth).toEqual({ mode: "entra" });
    expect(parseAdmitted(raw, "test", NOW).auth).toEqual({ mode: "key", switching: false });
  });

  test("the entra fixture parses", () => {
    expect(problems(fixture())).toEqual([]);
  });

  test("an unknown mode names the path and the allowed values", () => {
    expect(problems({ ...fixture(), auth: { mode: "oauth" } })).toEqual([
      expect.stringMatching(/^auth\.mode: must be one of "key", "entra"/),
    ]);
  });

  test("key-only settings in entra mode are errors naming each setting, all at once", () => {
    const found = problems({
      ...fixture(),
      keyRotation: { periodDays: 30 },
      policy: { keyAuthExemption: { policyAssignmentId: ASSIGNMENT, expiresOn: "2027-06-30" } },
    });
    expect(found).toHaveLength(2);
    expect(found.find((p) => p.startsWith("keyRotation: "))).toMatch(/key-mode setting.*no API key to rotate/);
    expect(found.find((p) => p.startsWith("policy.keyAuthExemption: "))).toMatch(/key-mode setting.*nothing to exempt/);
  });

  test("while switching, the key's settings stay valid (both credentials work)", () => {
    expect(
      problems({ ...fixture(), auth: { mode: "entra", switching: true }, keyRotation: { periodDays: 30 } }),
    ).toEqual([]);
    expect(problems({ ...fixture(), auth: { mode: "key" }, keyRotation: { periodDays: 30 } })).toEqual([]);
  });

  test("more repositories than an identity takes federated credentials (20) is an error in entra mode only", () => {
    const repositories = Array.from({ length: 21 }, (_, i) => ({ name: `repo-${i}` }));
    const raw = { ...fixture(), github: { owner: "contoso", repositories } };
    expect(problems(raw)).toEqual([
      expect.stringMatching(
        /^github\.repositories: lists 21 repositories, but Azure allows at most 20 federated identity credentials/,
      ),
    ]);
    expect(problems({ ...raw, auth: { mode: "key" } })).toEqual([]);
    expect(problems({ ...raw, github: { owner: "contoso", repositories: repositories.slice(0, 20) } })).toEqual([]);
  });
});

describe("GitHub OIDC trust", () => {
  test("issuer: github.com's, or the GHES host's /_services/token (platform.yaml github.host)", () => {
    expect(oidcIssuer("github.com")).toBe("https://token.actions.githubusercontent.com");
    expect(oidcIssuer("GitHub.com")).toBe("https://token.actions.githubusercontent.com");
    expect(oidcIssuer("ghe.contoso.com")).toBe("https://ghe.contoso.com/_services/token");
  });

  test("subject: the environment when there is one, else the default branch (main unless named)", () => {
    expect(federatedSubject("contoso", { name: "api", environment: "codex" })).toBe(
      "repo:contoso/api:environment:codex",
    );
    expect(federatedSubject("contoso", { name: "api" })).toBe("repo:contoso/api:ref:refs/heads/main");
    expect(federatedSubject("contoso", { name: "api", defaultBranch: "trunk" })).toBe(
      "repo:contoso/api:ref:refs/heads/trunk",
    );
  });

  test("credential names follow Azure's rule and keep look-alike repository names apart", () => {
    const rule = /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,119}$/;
    for (const name of ["a", "docs.site", "x".repeat(100), "a_b-c"])
      expect(federatedCredentialName(name)).toMatch(rule);
    expect(federatedCredentialName("a.b")).not.toBe(federatedCredentialName("a-b"));
    expect(federatedCredentialName("docs.site")).toBe(federatedCredentialName("docs.site"));
  });
});

describe("auth mode helpers", () => {
  /** The refusal names the setting, why it does not apply and both ways out. */
  const KEY_ROTATION_IN_ENTRA = expect.stringMatching(
    /^is a key-mode setting: .*auth\.mode entra.*remove keyRotation.*auth\.switching: true/,
  ) as string;

  test("keyRotation written in entra mode is refused; switching, key mode or no keyRotation pass", () => {
    expect(keyOnlySettingProblems({ auth: { mode: "entra" }, keyRotation: {} })).toEqual([
      { path: "keyRotation", message: KEY_ROTATION_IN_ENTRA },
    ]);
    expect(
      keyOnlySettingProblems({ auth: { mode: "entra", switching: false }, keyRotation: { periodDays: 30 } }),
    ).toEqual([{ path: "keyRotation", message: KEY_ROTATION_IN_ENTRA }]);
    expect(keyOnlySettingProblems({ auth: { mode: "entra", switching: true }, keyRotation: {} })).toEqual([]);
    expect(keyOnlySettingProblems({ auth: { mode: "entra", switching: "true" }, keyRotation: {} })).toEqual([
      { path: "keyRotation", message: KEY_ROTATION_IN_ENTRA },
    ]);
    expect(keyOnlySettingProblems({ auth: { mode: "key" }, keyRotation: {} })).toEqual([]);
    expect(keyOnlySettingProblems({ auth: { mode: "entra" } })).toEqual([]);
    expect(keyOnlySettingProblems({ keyRotation: {} })).toEqual([]);
    expect(keyOnlySettingProblems({ auth: null, keyRotation: {} })).toEqual([]);
    expect(keyOnlySettingProblems({ auth: "entra", keyRotation: {} })).toEqual([]);
  });

  test("the key's lifecycle runs in key mode or while switching; the CI identity in entra mode or while switching", () => {
    expect([
      keyFlowActive({ mode: "key", switching: false }),
      keyFlowActive({ mode: "entra", switching: false }),
      keyFlowActive({ mode: "entra", switching: true }),
    ]).toEqual([true, false, true]);
    expect([
      entraActive({ mode: "entra", switching: false }),
      entraActive({ mode: "key", switching: false }),
      entraActive({ mode: "key", switching: true }),
    ]).toEqual([true, false, true]);
  });
});
