import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { main } from "../../scripts/plan";
import { FIXTURE_DAY } from "../support/clock";
import { runMain } from "../support/cliIo";
import { PROJECT_DIR } from "../support/stackFiles";
import { tempStackDir } from "../support/platformFiles";

interface PlanJson {
  resources: Array<{ urn: string; inputs: unknown }>;
  outputs: {
    codexWorkflows: Record<string, string>;
    codexProfiles: Record<string, string>;
    developerFiles: Record<string, string>;
  };
  rollout: unknown;
}

const DEV = readFileSync(join(PROJECT_DIR, "Pulumi.dev.yaml"), "utf8");

/** The dev stack file with a rollout block added (the dev file has none). */
function devWith(rollout: string[]): string {
  return `${DEV.trimEnd()}\n  codex-boundary:rollout:\n${rollout.map((line) => `    ${line}`).join("\n")}\n`;
}

async function plan(stackFile: string, json: boolean): Promise<{ status: number; stdout: string; stderr: string }> {
  const stackDir = tempStackDir(
    { "Pulumi.dev.yaml": stackFile },
    readFileSync(join(PROJECT_DIR, "platform.yaml"), "utf8"),
  );
  const out = mkdtempSync(join(tmpdir(), "cb-plan-out-"));
  const { code, stdout, stderr } = await runMain(main, [
    "--stack",
    "dev",
    "--stack-dir",
    stackDir,
    "--out",
    out,
    "--as-of",
    FIXTURE_DAY,
    ...(json ? ["--json"] : []),
  ]);
  return { status: code, stdout, stderr };
}

describe("the plan shows the rollout stage", () => {
  test("no rollout: the default stage, said to be the default; a repository held back: named, its workflow gone, no resource changed", async () => {
    const before = await plan(DEV, true);
    expect(before.status, before.stderr).toBe(0);
    const plain = JSON.parse(before.stdout) as PlanJson;
    expect(plain.rollout).toEqual({ stage: "ci-docs", source: "default", repositoriesBehind: [], codePaths: [] });
    expect(Object.keys(plain.outputs.codexWorkflows)).toEqual(["payments-api", "platform-tools"]);

    const held = await plan(devWith(["stage: ci-docs", "repositories:", "  contoso/platform-tools: local"]), true);
    expect(held.status, held.stderr).toBe(0);
    const doc = JSON.parse(held.stdout) as PlanJson;
    expect(doc.rollout).toEqual({
      stage: "ci-docs",
      source: "stack-file",
      repositoriesBehind: [{ repository: "contoso/platform-tools", stage: "local" }],
      codePaths: [],
    });
    expect(Object.keys(doc.outputs.codexWorkflows)).toEqual(["payments-api"]);
    expect(Object.keys(doc.outputs.developerFiles).filter((p) => p.startsWith("repos/platform-tools/"))).toEqual([]);
    // Moving a stage down changes kit outputs only: the key secret, variables and every other resource stay as planned.
    expect(doc.resources).toEqual(plain.resources);
    expect(doc.outputs.codexWorkflows["payments-api"]).toBe(plain.outputs.codexWorkflows["payments-api"]);

    const text = await plan(DEV, false);
    expect(text.stdout).toMatch(/^Rollout stage: ci-docs \(default\) \(the stack file has no rollout/m);
  });

  test("local: the text names the stage; no ci profile and no workflow in the outputs", async () => {
    const text = await plan(devWith(["stage: local"]), false);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout.split("\n")).toContain("Rollout stage: local");
    const doc = JSON.parse((await plan(devWith(["stage: local"]), true)).stdout) as PlanJson;
    expect(Object.keys(doc.outputs.codexProfiles).sort()).toEqual(["agent.config.toml", "chat.config.toml"]);
    expect(doc.outputs.codexWorkflows).toEqual({});
  });

  test("a repository beyond the team's stage stops the plan (exit 2) with the path, the value and the fix", async () => {
    const result = await plan(devWith(["stage: local", "repositories:", "  contoso/payments-api: ci-docs"]), false);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      "codex-boundary:rollout.repositories.contoso/payments-api: 'ci-docs' goes beyond the team's rollout.stage 'local'",
    );
    expect(result.stderr).toContain('(got "ci-docs")');
  });
});
