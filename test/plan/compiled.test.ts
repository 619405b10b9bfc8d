import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { BOUNDARY_POLICIES } from "../../lib/policy/rules";
import type { PlanDocument } from "../../lib/plan/render";
import { startPolicyAnalyzer } from "../support/policyAnalyzer";
import { planStack, PROJECT_DIR } from "../support/runStack";

// `pulumi up` runs the tsc output (Pulumi.yaml main: dist/stacks/index.js), not the TypeScript the plan runs
// through tsx. Compile the program the same way and check it registers exactly what the plan shows.
const buildRoot = join(PROJECT_DIR, ".test-build");
const outDir = mkdtempSync(`${buildRoot}-`);

beforeAll(() => {
  // What `npm run build` does, into a scratch directory.
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json", "--outDir", outDir], {
    cwd: PROJECT_DIR,
    stdio: "pipe",
  });
  for (const file of ["PulumiPolicy.yaml", "package.json"]) copyFileSync(join(PROJECT_DIR, "policies", file), join(outDir, "policies", file));
}, 120_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** Inputs without the dynamic providers' serialized code, which differs between tsc and esbuild output by design. */
function comparable(doc: PlanDocument): PlanDocument {
  return {
    ...doc,
    resources: doc.resources.map((r) => {
      const { __provider: _provider, ...inputs } = r.inputs;
      return { ...r, inputs };
    }),
  };
}

test("the compiled entry point (what pulumi up runs) registers exactly the resources of the offline plan", async () => {
  const script = `
    const { captureProgram } = require(${JSON.stringify(join(outDir, "lib/plan/capture.js"))});
    const { loadStackConfig } = require(${JSON.stringify(join(outDir, "lib/plan/stackFiles.js"))});
    const { toPlanDocument } = require(${JSON.stringify(join(outDir, "lib/plan/render.js"))});
    const entry = ${JSON.stringify(join(outDir, "stacks/index.js"))};
    captureProgram({
      project: "codex-boundary",
      stack: "dev",
      config: loadStackConfig(${JSON.stringify(PROJECT_DIR)}, "dev"),
      loadProgram: async () => require(entry),
    }).then((run) => process.stdout.write(JSON.stringify(toPlanDocument(run))));
  `;
  const compiled = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: PROJECT_DIR, encoding: "utf8", timeout: 120_000 })) as PlanDocument;
  const inProcess = await planStack({ stack: "dev" });
  const entry: unknown = await import(join(outDir, "stacks/index.js"));
  expect(typeof (entry as { default: unknown }).default).toBe("function");
  expect(comparable(compiled)).toEqual(comparable(inProcess));
  for (const resource of compiled.resources) {
    const provider = resource.inputs.__provider;
    if (provider !== undefined) {
      expect(typeof provider).toBe("string");
      expect(String(provider)).not.toMatch(/mock-key/);
    }
  }
});

test("the compiled policy pack (--policy-pack dist/policies) serves the same controls", async () => {
  const analyzer = await startPolicyAnalyzer(join(outDir, "policies"));
  try {
    expect((await analyzer.policies()).map((p) => [p.name, p.enforcement])).toEqual(BOUNDARY_POLICIES.map((p) => [p.name, p.enforcement]));
  } finally {
    analyzer.stop();
  }
});
