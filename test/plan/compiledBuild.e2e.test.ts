import { execFile, execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, test } from "vitest";
import { BOUNDARY_POLICIES } from "../../lib/policy/rules";
import type { PlanDocument } from "../../lib/plan/render";
import { ARM_API_VERSION, FakeArm, SUBSCRIPTION } from "../support/fakeArm";
import { startPolicyAnalyzer } from "../support/policyAnalyzer";
import { clockEnv, FIXTURE_DAY, NEVER_EXPIRES_MS } from "../support/clock";
import { planStack, PROJECT_DIR } from "../support/runStack";

// `pulumi up` runs the tsc output (Pulumi.yaml main: dist/stacks/index.js), not the TypeScript the plan runs
// through tsx. Compile the program the same way and check it registers exactly what the plan shows.
const buildRoot = join(PROJECT_DIR, ".test-build");
const outDir = mkdtempSync(`${buildRoot}-`);
let compiled: PlanDocument;

beforeAll(() => {
  // What `npm run build` does, into a scratch directory.
  execFileSync(
    process.execPath,
    [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json", "--outDir", outDir],
    {
      cwd: PROJECT_DIR,
      stdio: "pipe",
    },
  );
  for (const file of ["PulumiPolicy.yaml", "package.json"])
    copyFileSync(join(PROJECT_DIR, "policies", file), join(outDir, "policies", file));
  // The offline-plan harness is a tool, not part of the build: it runs from TypeScript (tsx), the program from dist.
  const script = `
    const { captureProgram } = require(${JSON.stringify(join(PROJECT_DIR, "tools/plan/capture.ts"))});
    const { loadStackConfig } = require(${JSON.stringify(join(PROJECT_DIR, "tools/plan/stackFiles.ts"))});
    const { planVerdicts, toPlanDocument } = require(${JSON.stringify(join(outDir, "lib/plan/render.js"))});
    const { fixedClock } = require(${JSON.stringify(join(outDir, "lib/clock.js"))});
    // stacks/index.js is program(systemClock); the same compiled program on the fixture day, to compare with the plan.
    const clock = fixedClock(${JSON.stringify(FIXTURE_DAY)});
    const { program } = require(${JSON.stringify(join(outDir, "stacks/program.js"))});
    // stacks/index.js reads platform.yaml in the directory Pulumi runs it in: the project's.
    const { readPlatformFile } = require(${JSON.stringify(join(outDir, "stacks/platformFile.js"))});
    captureProgram({
      project: "codex-boundary",
      stack: "dev",
      config: loadStackConfig(${JSON.stringify(PROJECT_DIR)}, "dev"),
      loadProgram: async () => () => program(clock, () => readPlatformFile(${JSON.stringify(PROJECT_DIR)})),
    }).then((run) => process.stdout.write(JSON.stringify(toPlanDocument(run, planVerdicts(run, clock.nowMs())))));
  `;
  compiled = JSON.parse(
    execFileSync(process.execPath, ["--import", "tsx", "-e", script], {
      cwd: PROJECT_DIR,
      encoding: "utf8",
      timeout: 120_000,
    }),
  ) as PlanDocument;
}, 180_000);
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
    expect((await analyzer.policies()).map((p) => [p.name, p.enforcement])).toEqual(
      BOUNDARY_POLICIES.map((p) => [p.name, p.enforcement]),
    );
  } finally {
    analyzer.stop();
  }
});

test("the key regeneration provider as stored in state regenerates through ARM with the default Azure credential", async () => {
  const regeneration = compiled.resources.find(
    (r) => r.type === "pulumi-nodejs:dynamic/keys:KeyRegeneration" && r.name === "key-rotation-regeneration",
  );
  const serialized = regeneration?.inputs.__provider;
  expect(typeof serialized).toBe("string");

  const arm = new FakeArm();
  await arm.start();
  const work = mkdtempSync(join(tmpdir(), "cb-dynprov-"));
  try {
    // A signed-in Azure CLI (what azure/login leaves on a runner): DefaultAzureCredential falls through to it.
    const bin = join(work, "bin");
    mkdirSync(bin);
    writeFileSync(
      join(bin, "az"),
      `#!/bin/sh\necho "$@" > "${work}/az-args"\necho '{"accessToken":"cli-token","expires_on":${NEVER_EXPIRES_MS / 1000},"tokenType":"Bearer"}'\n`,
    );
    chmodSync(join(bin, "az"), 0o755);
    writeFileSync(join(work, "provider.js"), String(serialized));
    const inputs = {
      subscriptionId: SUBSCRIPTION,
      resourceGroupName: "rg-codex-dev",
      accountName: "aif-codex-dev",
      keyName: "Key1",
      trigger: "scheduled:g3",
      armEndpoint: arm.endpoint,
    };
    // How Pulumi's dynamic provider host loads a provider: require-from-string on the stored code, then handler().
    const host = `
      const { createRequire } = require("node:module");
      const requireFromString = createRequire(require.resolve("@pulumi/pulumi"))("require-from-string");
      const provider = requireFromString(require("node:fs").readFileSync(${JSON.stringify(join(work, "provider.js"))}, "utf8")).handler();
      provider.create(${JSON.stringify(inputs)}).then((result) => process.stdout.write(JSON.stringify(result)));
    `;
    const env: NodeJS.ProcessEnv = {
      ...clockEnv(),
      PATH: `${bin}:${process.env.PATH ?? ""}`,
      HOME: work,
      NODE_EXTRA_CA_CERTS: arm.caFile(),
    };
    const { stdout } = await promisify(execFile)(process.execPath, ["-e", host], {
      cwd: PROJECT_DIR,
      env,
      timeout: 120_000,
    });

    expect(JSON.parse(stdout)).toEqual({ id: "aif-codex-dev/Key1/scheduled:g3", outs: inputs });
    const base = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-codex-dev/providers/Microsoft.CognitiveServices/accounts/aif-codex-dev`;
    expect(arm.calls.map((c) => [c.method, c.path, c.apiVersion, c.authorization])).toEqual([
      ["POST", `${base}/regenerateKey`, ARM_API_VERSION, "Bearer cli-token"],
      ["POST", `${base}/listKeys`, ARM_API_VERSION, "Bearer cli-token"],
    ]);
    expect(arm.calls[0]?.body).toEqual({ keyName: "Key1" });
    expect(readFileSync(join(work, "az-args"), "utf8")).toContain(
      `account get-access-token --output json --resource ${arm.endpoint}`,
    );
  } finally {
    await arm.stop();
    rmSync(work, { recursive: true, force: true });
  }
});
