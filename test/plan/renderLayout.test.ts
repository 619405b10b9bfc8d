import { describe, expect, test } from "vitest";
import { BOUNDARY_POLICIES } from "../../lib/policy/rules";
import type { PolicyVerdict } from "../../lib/policy/report";
import {
  type PlanDocument,
  planVerdicts,
  renderComplianceReport,
  renderText,
  renderTree,
  toPlanDocument,
} from "../../lib/plan/render";
import type { CapturedRun } from "../../lib/plan/types";
import { dayMs } from "../support/clock";

const STACK = "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev";
const COMP = "urn:pulumi:dev::p::x:C::comp";

function resource(urn: string, type: string, name: string, parent: string | null) {
  return { urn, type, name, parent, dependsOn: [], inputs: {} };
}

function verdict(partial: Partial<PolicyVerdict>): PolicyVerdict {
  return {
    name: "p",
    enforcement: "mandatory",
    scope: "resource",
    verdict: "pass",
    violations: [],
    examined: [],
    description: "does a thing",
    remediation: "fix it",
    ...partial,
  };
}

/** The stack has one component (its last and only child), which has one child. */
const chain: PlanDocument = {
  project: "p",
  stack: "dev",
  resources: [
    resource(STACK, "pulumi:pulumi:Stack", "p-dev", null),
    resource(COMP, "x:C", "comp", STACK),
    resource("urn:a", "azure:A", "first", COMP),
  ],
  outputs: { endpoint: "https://x", developerFiles: { "a.txt": "x" } },
  policies: [],
};
const WIDTH = "pulumi:pulumi:Stack".length;
const TREE = [
  `     ${"Type".padEnd(WIDTH)} Name`,
  ` +   ${"pulumi:pulumi:Stack".padEnd(WIDTH)} p-dev`,
  ` +   ${"└─ x:C".padEnd(WIDTH)} comp`,
  ` +   ${"   └─ azure:A".padEnd(WIDTH)} first`,
];
const COMPLIANCE_WITH_TWO_ADVISORIES = [
  "Compliance report (the same rules as the policy pack):",
  "  [PASS] ok (mandatory, each resource before it is created) - looked at 0 resource(s)",
  "         does a thing",
  "  [ADVISE] cmk (advisory, each resource before it is created) - looked at 0 resource(s)",
  "         does a thing",
  "         fix: fix it",
  "  [ADVISE] logs (advisory, each resource before it is created) - looked at 0 resource(s)",
  "         does a thing",
  "         fix: fix it",
  "  All mandatory controls pass.",
  "  2 advisory finding(s), opt-outs or recommendations not followed: cmk, logs.",
];
const twoAdvisories = [
  verdict({ name: "ok" }),
  verdict({ name: "cmk", enforcement: "advisory", verdict: "fail" }),
  verdict({ name: "logs", enforcement: "advisory", verdict: "fail" }),
];

describe("tree under a last child", () => {
  test("the children of a component that is its parent's last child are indented with blanks, not a │ rule", () => {
    expect(renderTree(chain)).toEqual(TREE);
  });
});

describe("compliance summary", () => {
  test("advisory failures alone block nothing: all mandatory controls pass, and every finding is named, comma-separated", () => {
    expect(renderComplianceReport(twoAdvisories)).toEqual(COMPLIANCE_WITH_TWO_ADVISORIES);
  });

  test("two failing mandatory controls beside a failing advisory one count as two", () => {
    const lines = renderComplianceReport([
      verdict({ name: "a", verdict: "fail" }),
      verdict({ name: "b", verdict: "fail" }),
      verdict({ name: "c", enforcement: "advisory", verdict: "fail" }),
    ]);
    expect(lines.slice(-2)).toEqual([
      "  2 mandatory control(s) fail: pulumi up with the policy pack would be blocked.",
      "  1 advisory finding(s), opt-outs or recommendations not followed: c.",
    ]);
  });
});

describe("text plan, whole", () => {
  test("every section in order, one blank line between sections, placeholders comma-separated, files written without a notice", () => {
    const text = renderText(chain, {
      placeholders: ["codex-boundary:a", "codex-boundary:b"],
      filesWritten: ["out/dev/a"],
      verdicts: twoAdvisories,
    });
    expect(text).toBe(
      [
        "Plan for p/dev (offline: Pulumi mock engine, nothing sent to Azure or GitHub)",
        "",
        ...TREE,
        "",
        "Resources: 3 to create",
        "    1  azure:A",
        "    1  pulumi:pulumi:Stack",
        "    1  x:C",
        "",
        "Outputs:",
        "  endpoint: https://x",
        "",
        ...COMPLIANCE_WITH_TWO_ADVISORIES,
        "",
        "Secure config values stand in as placeholders (the offline plan cannot decrypt them): codex-boundary:a, codex-boundary:b",
        "",
        "Developer files written:",
        "  out/dev/a",
        "",
      ].join("\n"),
    );
  });

  test("an empty placeholder notice and no files add nothing after the compliance report", () => {
    const text = renderText(chain, { placeholders: [], filesWritten: [], verdicts: [], placeholderNotice: [] });
    expect(
      text.endsWith("\nCompliance report (the same rules as the policy pack):\n  All mandatory controls pass.\n"),
    ).toBe(true);
  });

  test("a placeholder notice is set off by one blank line", () => {
    const text = renderText(chain, { placeholders: [], filesWritten: [], verdicts: [], placeholderNotice: ["NOTICE"] });
    expect(text.endsWith("\n  All mandatory controls pass.\n\nNOTICE\n")).toBe(true);
  });
});

describe("verdicts of a captured run", () => {
  const run: CapturedRun = {
    project: "p",
    stack: "dev",
    resources: [
      {
        urn: "urn:acct",
        type: "azure-native:cognitiveservices:Account",
        name: "account",
        parent: null,
        dependsOn: [],
        custom: true,
        inputs: {
          accountName: "aif",
          properties: { publicNetworkAccess: "Enabled", networkAcls: { defaultAction: "Deny" } },
        },
        aliases: [],
      },
    ],
    outputs: {},
  };

  test("every control of the policy pack is evaluated in order; a public account fails private-only, naming the account", () => {
    const verdicts = planVerdicts(run, dayMs("2026-11-25"));
    expect(verdicts.map((v) => v.name)).toEqual(BOUNDARY_POLICIES.map((p) => p.name));
    const privateOnly = verdicts.find((v) => v.name === "ai-and-vault-private-only");
    expect(privateOnly?.verdict).toBe("fail");
    expect(privateOnly?.examined).toEqual(["urn:acct"]);
    expect(privateOnly?.violations).toEqual([
      { urn: "urn:acct", message: 'publicNetworkAccess is "Enabled", must be "Disabled"' },
    ]);
  });

  test("the plan document carries the pack's verdicts, name, enforcement, verdict and violations", () => {
    const policies = toPlanDocument(run, planVerdicts(run, dayMs("2026-11-25"))).policies;
    expect(policies.map((p) => p.name)).toEqual(BOUNDARY_POLICIES.map((p) => p.name));
    expect(policies.find((p) => p.name === "ai-and-vault-private-only")).toMatchObject({
      enforcement: "mandatory",
      verdict: "fail",
    });
    expect(policies.find((p) => p.name === "ai-account-has-private-endpoint")?.violations).toEqual([
      { urn: "urn:acct", message: "no private endpoint connects to this account" },
    ]);
  });
});
