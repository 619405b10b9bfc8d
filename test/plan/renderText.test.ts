import { describe, expect, test } from "vitest";
import type { PolicyVerdict } from "../../lib/policy/report";
import {
  countByType,
  type PlanDocument,
  renderComplianceReport,
  renderText,
  displayType,
  renderTree,
  toPlanDocument,
  toPolicyResources,
} from "../../lib/plan/render";
import type { CapturedRun } from "../../lib/plan/types";

const STACK = "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev";
const COMP = "urn:pulumi:dev::p::x:C::comp";

function resource(urn: string, type: string, name: string, parent: string | null) {
  return { urn, type, name, parent, dependsOn: [], inputs: {} };
}

const doc: PlanDocument = {
  project: "p",
  stack: "dev",
  resources: [
    resource(STACK, "pulumi:pulumi:Stack", "p-dev", null),
    resource(COMP, "x:C", "comp", STACK),
    resource("urn:a", "azure:A", "first", COMP),
    resource("urn:b", "azure:B", "second", COMP),
    resource("urn:c", "azure:A", "other", STACK),
  ],
  outputs: {},
  policies: [],
};

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

describe("plan tree and counts", () => {
  test("resources counted by type, most common first, ties by type name", () => {
    expect(countByType(doc)).toEqual([
      ["azure:A", 2],
      ["azure:B", 1],
      ["pulumi:pulumi:Stack", 1],
      ["x:C", 1],
    ]);
  });

  test("a component's children sit under it with tree branches; the last child gets └─", () => {
    const width = "pulumi:pulumi:Stack".length;
    expect(renderTree(doc)).toEqual([
      `     ${"Type".padEnd(width)} Name`,
      ` +   ${"pulumi:pulumi:Stack".padEnd(width)} p-dev`,
      ` +   ${"├─ x:C".padEnd(width)} comp`,
      ` +   ${"│  ├─ azure:A".padEnd(width)} first`,
      ` +   ${"│  └─ azure:B".padEnd(width)} second`,
      ` +   ${"└─ azure:A".padEnd(width)} other`,
    ]);
  });

  test("names start in one column at any type length, the header's Name above them", () => {
    for (const length of [1, 40, 57, 61, 120]) {
      const long = "t".repeat(length);
      const lines = renderTree({
        ...doc,
        resources: [resource("s", "pulumi:pulumi:Stack", "root", null), resource("u", long, "n", "s")],
      });
      const columns = lines.map(
        (line) => [...line].length - (line.endsWith("Name") ? 4 : line.split(" ").at(-1)!.length),
      );
      expect(new Set(columns).size, `type length ${length}`).toBe(1);
    }
  });

  test("provider tokens are shown as pulumi preview shows them: the module file part dropped only when it repeats the name", () => {
    expect(displayType("github:index/actionsVariable:ActionsVariable")).toBe("github:index:ActionsVariable");
    expect(displayType("azure-native:network:Subnet")).toBe("azure-native:network:Subnet");
    expect(displayType("random:index/randomString:RandomString")).toBe("random:index:RandomString");
    expect(displayType("pkg:mod/other:Name")).toBe("pkg:mod/other:Name");
  });
});

describe("compliance report", () => {
  test("each control: PASS / FAIL / ADVISE, enforcement, scope, what it examined, violations and the fix only on failure", () => {
    const lines = renderComplianceReport([
      verdict({ name: "ok", examined: ["u1", "u2"] }),
      verdict({
        name: "bad",
        scope: "stack",
        verdict: "fail",
        violations: [{ urn: "u1", message: "wrong" }] as PolicyVerdict["violations"],
      }),
      verdict({ name: "opt", enforcement: "advisory", verdict: "fail", violations: [] }),
    ]);
    expect(lines).toEqual([
      "Compliance report (the same rules as the policy pack):",
      "  [PASS] ok (mandatory, each resource before it is created) - looked at 2 resource(s)",
      "         does a thing",
      "  [FAIL] bad (mandatory, across the stack) - looked at 0 resource(s)",
      "         does a thing",
      "         - u1: wrong",
      "         fix: fix it",
      "  [ADVISE] opt (advisory, each resource before it is created) - looked at 0 resource(s)",
      "         does a thing",
      "         fix: fix it",
      "  1 mandatory control(s) fail: pulumi up with the policy pack would be blocked.",
      "  1 advisory finding(s), opt-outs or recommendations not followed: opt.",
    ]);
  });

  test("all passing: the summary says so and names no advisory finding; an advisory pass is not a finding", () => {
    const lines = renderComplianceReport([verdict({ name: "ok" }), verdict({ name: "adv", enforcement: "advisory" })]);
    expect(lines.at(-1)).toBe("  All mandatory controls pass.");
    expect(lines.some((l) => l.includes("fix:"))).toBe(false);
  });
});

describe("text plan", () => {
  const withOutputs: PlanDocument = {
    ...doc,
    outputs: {
      endpoint: "https://x",
      script: "a\nb\nc",
      small: { a: 1 },
      big: { key: "v".repeat(200), other: 1 },
      list: Array.from({ length: 40 }, (_, i) => `item-${i}`),
      developerFiles: { "a.txt": "x" },
      n: 3,
    },
  };

  test("headline, tree, counts, outputs (long values shortened, developer files left out) and the compliance report", () => {
    const text = renderText(withOutputs, { placeholders: [], filesWritten: [], verdicts: [verdict({ name: "ok" })] });
    const lines = text.split("\n");
    expect(lines.slice(0, 3)).toEqual([
      "Plan for p/dev (offline: Pulumi mock engine, nothing sent to Azure or GitHub)",
      "",
      `     ${"Type".padEnd("pulumi:pulumi:Stack".length)} Name`,
    ]);
    expect(lines).toContain("Resources: 5 to create");
    expect(lines).toContain("    2  azure:A");
    expect(lines).toContain("    1  x:C");
    const list = JSON.stringify(withOutputs.outputs.list);
    expect(lines.slice(lines.indexOf("Outputs:") + 1, lines.indexOf("Outputs:") + 7)).toEqual([
      "  endpoint: https://x",
      "  script: (3 lines; see the files below)",
      '  small: {"a":1}',
      "  big: {key, other} (see --json)",
      `  list: {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39} (see --json)`,
      "  n: 3",
    ]);
    expect(list.length).toBeGreaterThan(160);
    expect(text).not.toContain("developerFiles");
    expect(lines).toContain("  All mandatory controls pass.");
    expect(text.endsWith("controls pass.\n")).toBe(true);
    expect(text).not.toContain("placeholders");
    expect(text).not.toContain("Developer files written");
  });

  test("a value of exactly 160 characters of JSON is printed whole; 161 is summarised by its keys", () => {
    const at160 = ["x".repeat(156)];
    const at161 = ["x".repeat(157)];
    const text = renderText(
      { ...doc, outputs: { at160, at161 } },
      { placeholders: [], filesWritten: [], verdicts: [] },
    );
    expect(text).toContain(`  at160: ${JSON.stringify(at160)}\n`);
    expect(text).toContain("  at161: {0} (see --json)\n");
  });

  test("no outputs but developer files: no Outputs section", () => {
    const text = renderText(
      { ...doc, outputs: { developerFiles: {} } },
      { placeholders: [], filesWritten: [], verdicts: [] },
    );
    expect(text).not.toContain("Outputs:");
  });

  test("placeholders, the placeholder notice and the written files are listed, the files as a preview when names are placeholders", () => {
    const text = renderText(doc, {
      placeholders: ["codex-boundary:secret"],
      filesWritten: ["out/dev/a", "out/dev/b"],
      verdicts: [],
      placeholderNotice: ["NOTICE 1", "NOTICE 2"],
    });
    const lines = text.split("\n");
    expect(lines).toContain(
      "Secure config values stand in as placeholders (the offline plan cannot decrypt them): codex-boundary:secret",
    );
    const at = lines.indexOf("NOTICE 1");
    expect(lines.slice(at - 1, at + 6)).toEqual([
      "",
      "NOTICE 1",
      "NOTICE 2",
      "",
      "Developer files written (a preview with placeholder names):",
      "  out/dev/a",
      "  out/dev/b",
    ]);
    const plain = renderText(doc, { placeholders: [], filesWritten: ["f"], verdicts: [], placeholderNotice: [] }).split(
      "\n",
    );
    expect(plain.slice(-4)).toEqual(["", "Developer files written:", "  f", ""]);
  });
});

describe("plan document", () => {
  const run: CapturedRun = {
    project: "p",
    stack: "dev",
    resources: [
      {
        urn: "u1",
        type: "t",
        name: "n",
        parent: null,
        dependsOn: ["u0"],
        custom: true,
        inputs: { b: 1, a: 2 },
        aliases: ["old"],
        outputs: { o: "x" },
        standIn: "s",
      },
      { urn: "u2", type: "t2", name: "n2", parent: "u1", dependsOn: [], custom: false, inputs: {}, aliases: [] },
    ],
    outputs: { out: 1 },
  };

  test("the document keeps urn, type, name, parent, dependsOn and inputs, and the verdicts' public fields only", () => {
    const v = verdict({ name: "ok", examined: ["u1"] });
    expect(toPlanDocument(run, [v])).toEqual({
      project: "p",
      stack: "dev",
      resources: [
        { urn: "u1", type: "t", name: "n", parent: null, dependsOn: ["u0"], inputs: { a: 2, b: 1 } },
        { urn: "u2", type: "t2", name: "n2", parent: "u1", dependsOn: [], inputs: {} },
      ],
      outputs: { out: 1 },
      policies: [{ name: "ok", enforcement: "mandatory", verdict: "pass", violations: [] }],
    });
  });

  test("policies see each resource's inputs merged with a component's registered outputs", () => {
    expect(toPolicyResources(run)).toEqual([
      { urn: "u1", type: "t", name: "n", props: { a: 2, b: 1, o: "x" } },
      { urn: "u2", type: "t2", name: "n2", props: {} },
    ]);
  });
});
