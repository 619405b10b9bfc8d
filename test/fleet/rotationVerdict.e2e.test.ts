import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { parse, stringify } from "yaml";
import { type CatalogEntry, MODEL_CATALOG, retirementOf } from "../../lib/models/modelCatalog";
import { generatedPlatformConfig, generatedTeamConfig } from "../../scripts/fleet/generateFleet";
import { fakePulumi, pulumiCalls } from "../support/fakePulumi";
import { PROJECT_DIR } from "../support/stackFiles";
import { checkout, type JobRun, runJob, stub } from "../support/workflowRunner";

// rotate-keys.yml's scheduled run with stub CLIs: the `fleet` job runs the real fleet check (the stub npm hands
// `npm run fleet` to scripts/fleet.ts on the checkout's stack files, on a day inside a model's 30-day window), and
// each `rotate` matrix job reads only its own stack's verdict.

const KV = "azurekeyvault://kv-platform-state.vault.azure.net/keys/pulumi-state";
const DEPLOYER = "deployer-1111";
const shared = {
  AZURE_TENANT_ID: "tenant",
  AZURE_SUBSCRIPTION_ID: "sub",
  PULUMI_BACKEND_URL: "azblob://state?storage_account=cbstate",
  PULUMI_SECRETS_PROVIDER: KV,
};
const deployer = {
  ...shared,
  DEPLOY_AZURE_CLIENT_ID: DEPLOYER,
  CODEX_BOUNDARY_GITHUB_TOKEN: "github-write-token-not-real",
};
const environments = { "keys-rotation": deployer, production: deployer };
const DAY = 86_400_000;

/** The generated team's second model; the day the check runs is 10 days before it retires (dates from the catalog as shipped). */
const retiring = {
  name: "gpt-5-mini",
  model: "gpt-5-mini",
  version: "2025-08-07",
  sku: "GlobalStandard",
  capacity: 20,
};
const retiresOn = retirementOf(retiring.model, retiring.version);
const asOfMs = (retiresOn?.getTime() ?? 0) - 10 * DAY;
const AS_OF = new Date(asOfMs).toISOString().slice(0, 10);
/** The catalog model offered as GlobalStandard in eastus2 that lives longest: nothing to gate on that day. */
const longLived = [...MODEL_CATALOG.models]
  .filter((e: CatalogEntry) => e.lifecycle === "GA" && (e.skus.GlobalStandard ?? []).includes("eastus2"))
  .sort((a, b) => (b.retirementDate ?? "9999").localeCompare(a.retirementDate ?? "9999"))[0];

const stackFile = (index: number, overrides: Record<string, unknown>) =>
  `${stringify({ config: generatedTeamConfig(index, overrides) })}`;
const files = {
  // Every model of this team retires within 30 days of the check.
  "team-0": stackFile(0, {
    models: [{ name: "codex", model: "gpt-5-mini", version: "2025-08-07", sku: "GlobalStandard", capacity: 20 }],
    codex: { defaultModel: "codex", runnerLabels: ["self-hosted", "codex-runner"] },
  }),
  // A mistake in this team's file: it cannot be planned.
  "team-1": stackFile(1, { location: "Sweden Central" }),
  "team-2": stackFile(2, {
    models: [
      { name: "codex", model: longLived?.model, version: longLived?.version, sku: "GlobalStandard", capacity: 20 },
    ],
    codex: { defaultModel: "codex", runnerLabels: ["self-hosted", "codex-runner"] },
  }),
};
/** platform.yaml admitting the three generated teams (team-1 still cannot be planned: its location is malformed). */
const platformFile = stringify(generatedPlatformConfig([0, 1, 2].map((i) => generatedTeamConfig(i))));
const STACKS = Object.keys(files);

function estate() {
  const root = mkdtempSync(join(tmpdir(), "cb-rotation-"));
  const bin = join(root, "bin");
  fakePulumi(root, bin);
  const tsx = join(PROJECT_DIR, "node_modules", ".bin", "tsx");
  const fleet = join(PROJECT_DIR, "scripts", "fleet.ts");
  stub(
    bin,
    "npm",
    `#!/bin/sh\nprintf '%s\\n' "$*" >> "${root}/npm-calls"\nif [ "$1 $2 $3 $4" = "run --silent fleet --" ]; then shift 4; exec "${tsx}" "${fleet}" --stacks-dir "$PWD" --as-of ${AS_OF} "$@"; fi\n`,
  );
  mkdirSync(join(root, "backends", "azblob", "stacks"), { recursive: true });
  for (const stack of STACKS) writeFileSync(join(root, "backends", "azblob", "stacks", stack), KV);
  let checkouts = 0;
  const run = (job: string, extra: Partial<JobRun> = {}, workflow = "rotate-keys.yml") => {
    const cwd = join(root, `checkout-${++checkouts}`);
    checkout(cwd, files, platformFile);
    return runJob({
      workflow,
      job,
      cwd,
      environments,
      env: {
        PATH: `${bin}:${process.env.PATH ?? "/usr/bin:/bin"}`,
        HOME: root,
        RUNNER_TEMP: mkdtempSync(join(root, "runner-temp-")),
      },
      loginLog: join(root, "logins"),
      ...extra,
    });
  };
  const ups = () => pulumiCalls(root).filter((c) => c.startsWith("up "));
  return { root, run, ups };
}

const rotateAll = (fleet: ReturnType<typeof estate>, needs: JobRun["needs"]) =>
  Object.fromEntries(STACKS.map((stack) => [stack, fleet.run("rotate", { matrix: { stack }, needs })]));

describe("scheduled rotation on a day inside a model's 30-day window, with one broken stack", () => {
  const fleet = estate();
  let check: ReturnType<typeof fleet.run>;

  beforeAll(() => {
    expect(retiresOn, "the generated team's gpt-5-mini has a retirement date in the catalog").toBeDefined();
    expect(
      longLived?.retirementDate === null ||
        (longLived?.retirementDate ?? "") > new Date(asOfMs + 31 * DAY).toISOString().slice(0, 10),
      "a catalog model outlives the window",
    ).toBe(true);
    check = fleet.run("fleet");
  }, 240_000);

  test("the fleet check finishes and holds only the stack it cannot plan, saying why; the retiring one is named, not held", () => {
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toMatch(
      /::error::Stack team-1 fails the fleet check; its rotation is held: cannot be planned: 1 problem in stack 'team-1'; nothing was created: codex-boundary:location: .*"Sweden Central"\) Fix them in /,
    );
    expect(check.stdout).toContain(
      `gpt-5-mini 2025-08-07 retires on ${retiresOn?.toISOString().slice(0, 10)} (in 10 days;`,
    );
    expect(Object.keys(JSON.parse(check.outputs.held ?? "{}") as Record<string, string[]>)).toEqual(["team-1"]);
  });

  test("every other stack rotates, the retiring one included; the held one fails with the reason and runs no pulumi up", () => {
    const results = rotateAll(fleet, {
      stacks: { result: "success", outputs: { stacks: JSON.stringify(STACKS) } },
      fleet: { result: "success", outputs: check.outputs },
    });
    expect(results["team-0"]?.status, results["team-0"]?.stderr).toBe(0);
    expect(results["team-0"]?.stdout).toContain("The fleet check passes team-0.");
    expect(results["team-2"]?.status, results["team-2"]?.stderr).toBe(0);
    expect(results["team-1"]?.status).toBe(1);
    expect(results["team-1"]?.stdout).toMatch(
      /::error::Stack team-1 is held by the fleet check: cannot be planned: .*codex-boundary:location: /,
    );
    expect(results["team-1"]?.ran).toEqual(["Fleet verdict for this stack"]);
    expect(fleet.ups()).toEqual([
      expect.stringMatching(
        /^up --yes --stack team-0 --policy-pack dist\/policies --non-interactive \| client=deployer-1111 /,
      ),
      expect.stringMatching(/^up --yes --stack team-2 /),
    ]);
  });

  test("deploy.yml reads the same verdict: the held stack's deployment stops with the reason, the others deploy", () => {
    const before = fleet.ups().length;
    const needs = {
      stacks: { result: "success", outputs: { stacks: JSON.stringify(STACKS) } },
      plan: { result: "success", outputs: check.outputs },
    };
    const results = Object.fromEntries(
      STACKS.map((stack) => [stack, fleet.run("deploy", { matrix: { stack }, needs }, "deploy.yml")]),
    );
    expect(results["team-1"]?.status).toBe(1);
    expect(results["team-1"]?.stdout).toMatch(/::error::Stack team-1 is held by the fleet check: cannot be planned: /);
    expect(results["team-1"]?.ran).toEqual(["Fleet verdict for this stack"]);
    for (const stack of ["team-0", "team-2"]) expect(results[stack]?.status, results[stack]?.stderr).toBe(0);
    expect(
      fleet
        .ups()
        .slice(before)
        .map((c) => c.split(" | ")[0]),
    ).toEqual([
      "up --yes --stack team-0 --policy-pack dist/policies --non-interactive",
      "up --yes --stack team-2 --policy-pack dist/policies --non-interactive",
    ]);
  });
});

describe("when the fleet check cannot run", () => {
  test.each(["failure", "cancelled", ""])(
    "fleet result %j: every stack rotates, with a warning that it has no verdict",
    (result) => {
      const fleet = estate();
      const results = rotateAll(fleet, { fleet: { result, outputs: {} } });
      for (const stack of STACKS) {
        expect(results[stack]?.status, results[stack]?.stderr).toBe(0);
        expect(results[stack]?.stdout).toContain(
          `::warning::The fleet check did not finish (${result}): rotating ${stack} without its verdict.`,
        );
      }
      expect(fleet.ups()).toHaveLength(STACKS.length);
    },
  );

  test("the rotate job runs whatever the fleet job's outcome, unless the run is cancelled or the stack list failed", () => {
    const rotate = (
      parse(readFileSync(join(PROJECT_DIR, ".github", "workflows", "rotate-keys.yml"), "utf8")) as {
        jobs: Record<string, { if?: string; needs?: string[] }>;
      }
    ).jobs.rotate;
    expect(rotate?.needs).toEqual(["stacks", "fleet"]);
    expect(rotate?.if).toMatch(/^\$\{\{ !cancelled\(\) && /);
    expect(rotate?.if).toContain("needs.stacks.result == 'success'");
    expect(rotate?.if).not.toContain("needs.fleet");
  });
});
