import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { runAccessCli } from "../../tools/models/accessCli";
import { clockOn, NEVER_EXPIRES_MS } from "../support/clock";
import { FakeArm, SUBSCRIPTION } from "../support/fakeArm";
import { PROJECT_DIR } from "../support/stackFiles";
import { armItem } from "./armItems";
import { catalog, entry } from "./syntheticCatalog";

const TOKEN = "access-token";
const ENV = { ARM_SUBSCRIPTION_ID: SUBSCRIPTION };
const CATALOG = catalog([entry(), entry({ model: "m-two", version: "2026-03-01", launchDate: "2026-03-01" })]);

function stackDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "cb-access-"));
  for (const [stack, text] of Object.entries(files)) writeFileSync(join(dir, `Pulumi.${stack}.yaml`), text);
  return dir;
}

const TEAM = `config:
  codex-boundary:location: regiona
  codex-boundary:models:
    - { name: one, model: m-one, version: "2026-01-01", sku: GlobalStandard, capacity: 10 }
    - { name: two, model: m-two, version: "2026-03-01", sku: DataZoneStandard, capacity: 10 }
`;

async function access(arm: FakeArm, args: string[], env: Record<string, string> = ENV) {
  let stdout = "";
  let stderr = "";
  const clock = clockOn("2026-06-01");
  const code = await runAccessCli(["--access", "--arm-endpoint", arm.endpoint, ...args], {
    credential: () => ({ getToken: async () => ({ token: TOKEN, expiresOnTimestamp: NEVER_EXPIRES_MS }) }),
    clock,
    env,
    projectDir: PROJECT_DIR,
    catalog: CATALOG,
    tlsCa: arm.ca,
    out: (t) => void (stdout += t),
    err: (t) => void (stderr += t),
  });
  return { code, stdout, stderr };
}

describe("npm run models -- --access --stack <team>, against an ARM stand-in on 127.0.0.1", () => {
  const arm = new FakeArm();
  beforeAll(() => arm.start());
  afterAll(() => arm.stop());
  beforeEach(() => {
    arm.calls.length = 0;
  });

  test("every deployment offered to the subscription in the stack's region: exit 0, one region read with the token", async () => {
    arm.locationModels = {
      regiona: [
        armItem("m-one", "2026-01-01", ["GlobalStandard"]),
        armItem("m-two", "2026-03-01", ["DataZoneStandard"]),
      ],
    };
    const result = await access(arm, ["--stack", "team", "--stack-dir", stackDir({ team: TEAM })]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toContain("Stack team: ARM offers every model deployment (2)");
    expect(new Set(arm.calls.map((c) => `${c.path} ${c.authorization}`))).toEqual(
      new Set([
        `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.CognitiveServices/locations/regiona/models Bearer ${TOKEN}`,
      ]),
    );
  });

  test("a deployment the subscription is not offered: exit 1, naming the config path, the model, the region and the fix", async () => {
    arm.locationModels = {
      regiona: [armItem("m-one", "2026-01-01", ["GlobalStandard"]), armItem("m-two", "2026-03-01", ["GlobalStandard"])],
    };
    const result = await access(arm, ["--stack", "team", "--stack-dir", stackDir({ team: TEAM })]);
    expect(result.code).toBe(1);
    const lines = result.stdout.split("\n").filter((l) => l.startsWith("  - "));
    expect(lines).toHaveLength(1);
    for (const part of [
      "codex-boundary:models[1].sku",
      "m-two 2026-03-01",
      "DataZoneStandard",
      "regiona",
      "fix: set sku to one ARM offers there: GlobalStandard",
    ])
      expect(lines[0]).toContain(part);
    const json = await access(arm, ["--stack", "team", "--stack-dir", stackDir({ team: TEAM }), "--json"]);
    expect((JSON.parse(json.stdout) as { findings: Array<{ kind: string }> }).findings.map((f) => f.kind)).toEqual([
      "sku-not-offered",
    ]);
  });

  test("bad input: every problem at once, exit 2, no request", async () => {
    const usage = await access(arm, ["--stack", "../x", "--chek"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^error: Unknown option '--chek'/);
    const args = await access(arm, ["--stack", "../x"]);
    expect(args.stderr).toContain('error: --stack must name a team stack (Pulumi.<team>.yaml) (got "../x")');
    const dir = stackDir({
      team: "config:\n  codex-boundary:location: Region A\n  codex-boundary:models:\n    - { name: one, model: m-one }\n",
    });
    const file = await access(arm, ["--stack", "team", "--stack-dir", dir], {});
    expect(file.code).toBe(2);
    expect(file.stderr).toContain(
      `error: ${join(dir, "Pulumi.team.yaml")}: codex-boundary:location: must be an Azure region name`,
    );
    expect(file.stderr).toContain(
      `error: ${join(dir, "Pulumi.team.yaml")}: codex-boundary:models[0]: version, sku must be text`,
    );
    expect(file.stderr).toContain(
      'error: --subscription (or $ARM_SUBSCRIPTION_ID) must be a subscription ID (a GUID) (got "")',
    );
    const missing = await access(arm, ["--stack", "absent", "--stack-dir", dir]);
    expect(missing.stderr).toContain("No stack file");
    expect(arm.calls).toEqual([]);
  });

  test("a failed request exits 2 with the region and the HTTP status", async () => {
    const result = await access(arm, [
      "--stack",
      "team",
      "--stack-dir",
      stackDir({ team: TEAM }),
      "--arm-endpoint",
      `${arm.endpoint}/nowhere`,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: reading the models of regiona for subscription .* failed \(HTTP 404\)/);
  });
});
