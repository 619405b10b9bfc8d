import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, test } from "vitest";
import { aliasPath } from "../../lib/azurePolicy/aliases";
import type { BaselineDefinition } from "../../lib/azurePolicy/baseline";
import { BASELINE_INITIATIVE, BASELINE_SOURCES } from "../../lib/azurePolicy/baselineSources";
import { BASELINE } from "../../lib/azurePolicy/report";
import { main } from "../../scripts/refreshPolicyBaseline";
import { runMain } from "../support/cliIo";

const ISSUE_IDS = [
  "71ef260a",
  "6c53d030",
  "e15effd4",
  "fa298e57",
  "b0eb591a",
  "67121cc7",
  "2571b7c3",
  "14de9e63",
  "55eff01b",
  "db630ad5",
  "55d1f543",
  "6b359d8f",
];
const BUILT_IN_FIELDS = new Set(["type", "name", "kind", "location", "id", "fullname", "tags", "identity.type"]);

/** Every field a rule names: `field` keys and `field('...')` inside expressions. */
function fieldsOf(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (typeof value === "string") for (const m of value.matchAll(/field\('([^']+)'\)/g)) out.add(m[1]!);
  else if (Array.isArray(value)) for (const v of value) fieldsOf(v, out);
  else if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k.toLowerCase() === "field" && typeof v === "string") {
        // A field that is an expression is checked through the field() calls inside it.
        if (v.startsWith("[")) fieldsOf(v, out);
        else out.add(v);
      } else if (k !== "operations") fieldsOf(v, out);
    }
  }
  return out;
}

describe("the committed baseline", () => {
  test("holds the issue's definitions and ALZ's two, each with its ID, version and source commit", () => {
    const names = BASELINE.definitions.map((d) => d.name);
    for (const id of ISSUE_IDS)
      expect(
        names.some((n) => n.startsWith(id)),
        id,
      ).toBe(true);
    expect(names).toEqual(expect.arrayContaining(["Deny-Subnet-Without-Nsg", "Deny-Private-DNS-Zones"]));
    for (const d of BASELINE.definitions) {
      expect(d.source.commit, d.name).toMatch(/^[0-9a-f]{40}$/);
      expect(d.version, d.name).toMatch(/^\d+\.\d+\.\d+/);
      expect(d.id.endsWith(`/providers/Microsoft.Authorization/policyDefinitions/${d.name}`), d.name).toBe(true);
    }
    expect(
      new Set(
        BASELINE.definitions.filter((d) => d.source.repository === "Azure/azure-policy").map((d) => d.source.commit),
      ),
    ).toEqual(new Set(["f4a50bacae07ddb096943c597669bcae494a6e29"]));
  });

  test("every alias the baseline's rules name is in the alias table", () => {
    const missing = BASELINE.definitions.flatMap((d) =>
      [...fieldsOf(d.policyRule)]
        .filter((f) => !BUILT_IN_FIELDS.has(f.toLowerCase()) && aliasPath(f) === undefined)
        .map((f) => `${d.name}: ${f}`),
    );
    expect(missing).toEqual([]);
  });

  test("ALZ's ARM-template escaping is undone: the rule reads as the tenant's deployed definition", () => {
    const nsg = BASELINE.definitions.find((d) => d.name === "Deny-Subnet-Without-Nsg")!;
    expect(nsg.policyRule.then.effect).toBe("[parameters('effect')]");
    expect(JSON.stringify(nsg.policyRule)).not.toContain("[[");
  });
});

/** Writes the committed definitions back as the repositories' files, ALZ's with its `[[` escaping. */
function writeCheckout(repository: string, definitions: BaselineDefinition[], initiative?: object): string {
  const dir = mkdtempSync(join(tmpdir(), "cb-policy-src-"));
  for (const source of BASELINE_SOURCES.filter((s) => s.repository === repository)) {
    const d = definitions.find((x) => x.source.path === source.path)!;
    const escape = (v: unknown): unknown =>
      typeof v === "string" && v.startsWith("[")
        ? `[${v}`
        : Array.isArray(v)
          ? v.map(escape)
          : typeof v === "object" && v !== null
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, escape(x)]))
            : v;
    const properties = {
      displayName: d.displayName,
      mode: d.mode,
      metadata: { version: d.version },
      parameters: d.parameters,
      policyRule: d.policyRule,
    };
    const file =
      repository === "Azure/Enterprise-Scale"
        ? { name: d.name, type: "Microsoft.Authorization/policyDefinitions", properties: escape(properties) }
        : { name: d.name, id: d.id, properties: { ...properties, version: d.version } };
    mkdirSync(dirname(join(dir, source.path)), { recursive: true });
    writeFileSync(join(dir, source.path), JSON.stringify(file));
  }
  if (initiative !== undefined) {
    mkdirSync(dirname(join(dir, BASELINE_INITIATIVE.path)), { recursive: true });
    writeFileSync(join(dir, BASELINE_INITIATIVE.path), JSON.stringify(initiative));
  }
  const git = (...args: string[]) => execFileSync("git", ["-C", dir, ...args], { stdio: "pipe" });
  git("init", "-q");
  git("add", ".");
  git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "baseline");
  return dir;
}

test("npm run policy:baseline re-reads the definitions from checkouts, with their commits and MCSB v2's literal parameters", async () => {
  const initiative = {
    properties: {
      policyDefinitions: BASELINE.definitions
        .filter((d) => d.assignedParameters?.source !== undefined)
        .map((d) => ({
          policyDefinitionId: d.id,
          parameters: {
            ...Object.fromEntries(Object.entries(d.assignedParameters!.values).map(([k, v]) => [k, { value: v }])),
            fromSet: { value: "[parameters('x')]" },
          },
        })),
    },
  };
  const azurePolicy = writeCheckout("Azure/azure-policy", BASELINE.definitions, initiative);
  const enterpriseScale = writeCheckout("Azure/Enterprise-Scale", BASELINE.definitions);
  const out = join(mkdtempSync(join(tmpdir(), "cb-policy-out-")), "baseline.json");
  const { code, stdout, stderr } = await runMain(main, [
    "--azure-policy",
    azurePolicy,
    "--enterprise-scale",
    enterpriseScale,
    "--out",
    out,
  ]);
  expect(stderr).toBe("");
  expect(code).toBe(0);
  expect(stdout).toContain(`wrote ${BASELINE.definitions.length} definitions`);
  const commit = (dir: string) => execFileSync("git", ["-C", dir, "rev-parse", "HEAD"], { encoding: "utf8" }).trim();
  const written = JSON.parse(readFileSync(out, "utf8")) as { definitions: BaselineDefinition[] };
  const withCommits = (d: BaselineDefinition): BaselineDefinition => {
    const c = commit(d.source.repository === "Azure/azure-policy" ? azurePolicy : enterpriseScale);
    return {
      ...d,
      source: { ...d.source, commit: c },
      ...(d.assignedParameters?.source === undefined
        ? {}
        : {
            assignedParameters: {
              ...d.assignedParameters,
              source: { ...d.assignedParameters.source, commit: commit(azurePolicy) },
            },
          }),
    };
  };
  expect(written.definitions).toEqual(BASELINE.definitions.map(withCommits));

  const missing = await runMain(main, [
    "--azure-policy",
    join(azurePolicy, "nope"),
    "--enterprise-scale",
    enterpriseScale,
    "--out",
    out,
  ]);
  expect(missing.code).toBe(2);
  expect((await runMain(main, [])).code).toBe(2);
});
