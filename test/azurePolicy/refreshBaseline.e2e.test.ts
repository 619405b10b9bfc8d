import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { expect, test } from "vitest";
import type { BaselineDefinition } from "../../lib/azurePolicy/baseline";
import { BASELINE_INITIATIVE, BASELINE_SOURCES } from "../../lib/azurePolicy/baselineSources";
import { BASELINE } from "../../lib/azurePolicy/report";
import { main } from "../../scripts/refreshPolicyBaseline";
import { runMain } from "../support/cliIo";

// Spawns git (a real checkout with a commit), so this is an e2e test.

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
