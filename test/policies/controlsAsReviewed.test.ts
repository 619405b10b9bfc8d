import { describe, expect, test } from "vitest";
import { CATALOG_AGE_POLICIES } from "../../lib/policy/catalogAge";
import { CREATE_ONLY_POLICIES } from "../../lib/policy/createOnly";
import { MODEL_POLICIES } from "../../lib/policy/models";
import { OPT_OUT_POLICIES } from "../../lib/policy/optOuts";
import { ARM_TEMPLATE_TYPES, PRIVILEGE_TYPES } from "../../lib/policy/privilege";
import { BOUNDARY_POLICIES } from "../../lib/policy/rules";
import { type BoundaryPolicy, TYPES } from "../../lib/policy/types";

/** The pack as a reviewer reads it in the compliance report: one section per control, in report order. */
function asReviewed(policies: readonly BoundaryPolicy[]): string {
  const sections = policies.map((p) =>
    [
      `## ${p.name}`,
      "",
      `- enforcement: ${p.enforcement}`,
      `- scope: ${p.scope}`,
      `- examines: ${p.appliesTo.join(", ")}`,
      "",
      p.description,
      "",
      `Fix: ${p.remediation}`,
    ].join("\n"),
  );
  return `# Boundary controls\n\n${sections.join("\n\n")}\n`;
}

describe("the controls as a reviewer reads them in the report", () => {
  test("name, enforcement, scope, resource types, description and fix of every control (reviewed as a diff)", async () => {
    await expect(asReviewed(BOUNDARY_POLICIES)).toMatchFileSnapshot("__snapshots__/boundaryControls.md");
  });

  test("the pack holds every control group once: boundary controls, opt-outs, model lifecycle, catalog age, create-only", () => {
    const grouped = [...OPT_OUT_POLICIES, ...MODEL_POLICIES, ...CATALOG_AGE_POLICIES, ...CREATE_ONLY_POLICIES];
    for (const p of grouped) expect(BOUNDARY_POLICIES, p.name).toContain(p);
    expect(BOUNDARY_POLICIES.length).toBeGreaterThan(grouped.length);
  });

  test("names are unique kebab-case ids; enforcement and scope take their allowed values", () => {
    const names = BOUNDARY_POLICIES.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const p of BOUNDARY_POLICIES) {
      expect(p.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(["mandatory", "advisory"], p.name).toContain(p.enforcement);
      expect(["resource", "stack"], p.name).toContain(p.scope);
    }
  });

  test("every control says what it guards and how to fix it, and examines at least one known resource type", () => {
    const known: string[] = [
      ...Object.values(TYPES),
      ...PRIVILEGE_TYPES,
      ...ARM_TEMPLATE_TYPES,
      "pulumi:providers:github",
      "github:*",
      "github:index/actionsEnvironmentSecret:ActionsEnvironmentSecret",
    ];
    for (const p of BOUNDARY_POLICIES) {
      expect(p.description.length, p.name).toBeGreaterThan(40);
      expect(p.remediation.length, p.name).toBeGreaterThan(20);
      expect(p.appliesTo.length, p.name).toBeGreaterThan(0);
      for (const type of p.appliesTo) expect(known, `${p.name}: ${type}`).toContain(type);
    }
  });

  test("a description says what the control checks, so a PASS line never reads like a finding (no 'Opt-out:' text)", () => {
    for (const p of BOUNDARY_POLICIES) expect(p.description, p.name).not.toMatch(/^opt-out\b/i);
  });
});

describe("no-key-in-github-variables: only a GitHub secret type keeps the key in its value", () => {
  const KEY = "0123456789abcdef0123456789abcdef";
  const noKeyInVariables = () => {
    const policy = BOUNDARY_POLICIES.find((p) => p.name === "no-key-in-github-variables");
    if (policy === undefined) throw new Error("no-key-in-github-variables is not in the pack");
    return policy;
  };
  const findings = (type: string) =>
    noKeyInVariables()
      .check(
        [{ urn: `urn:${type}`, type, name: "api-key", props: { secretName: "AZURE_OPENAI_API_KEY", value: KEY } }],
        { nowMs: 0 },
      )
      .map((v) => v.message);

  test("the key in the value of an Actions, organization, environment or Dependabot secret is where it belongs", () => {
    expect(findings("github:index/actionsSecret:ActionsSecret")).toEqual([]);
    expect(findings("github:index/actionsOrganizationSecret:ActionsOrganizationSecret")).toEqual([]);
    expect(findings("github:index/actionsEnvironmentSecret:ActionsEnvironmentSecret")).toEqual([]);
    expect(findings("github:index/dependabotSecret:DependabotSecret")).toEqual([]);
  });

  test("a type that merely contains a secret type's token (text before or after it) is no secret: its value is checked", () => {
    for (const type of [
      "github:github:index/actionsSecret:ActionsSecret",
      "github:index/actionsSecret:ActionsSecretVersion",
    ]) {
      const [finding, ...more] = findings(type);
      expect(more).toEqual([]);
      expect(finding).toContain("api-key");
      expect(finding).toContain("key-shaped material");
      expect(finding).not.toContain(KEY);
    }
  });
});
