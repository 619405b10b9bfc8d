import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { PreflightStandIns } from "../support/preflightStandIns";
import { tempStackDir } from "../support/platformFiles";
import { PROJECT_DIR } from "../support/stackFiles";

const SUB = "00000000-0000-4000-8000-00000000c0de";
const s = new PreflightStandIns();
beforeAll(() => s.start());
afterAll(() => s.stop());

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(command, args, options);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("close", (status) => done({ status, stdout, stderr }));
  });
}

/** A signed-in Azure CLI as DefaultAzureCredential asks it: `az account get-access-token --output json --resource <arm>`. */
function stubAz(token: string): string {
  const dir = mkdtempSync(join(tmpdir(), "cb-preflight-az-"));
  writeFileSync(
    join(dir, "az"),
    `#!/bin/sh\n[ "$1 $2" = "account get-access-token" ] || exit 3\necho '{"accessToken":"${token}","expires_on":4102444800,"expiresOn":"2100-01-01 00:00:00.000000","tokenType":"Bearer"}'\n`,
  );
  chmodSync(join(dir, "az"), 0o755);
  return dir;
}

test("npm run preflight as a process: DefaultAzureCredential through the Azure CLI, every finding, exit 1", async () => {
  s.providers = {};
  s.permissions = { [`/subscriptions/${SUB}`]: [{ actions: ["*/read"], notActions: [] }] };
  s.repositories = {};
  const dir = tempStackDir({ "Pulumi.dev.yaml": readFileSync(join(PROJECT_DIR, "Pulumi.dev.yaml"), "utf8") });
  // Asynchronous: the stand-ins answer from this process.
  const result = await run(
    "npm",
    [
      "run",
      "--silent",
      "preflight",
      "--",
      "--stack",
      "dev",
      "--stack-dir",
      dir,
      "--arm-endpoint",
      s.armEndpoint,
      "--github-api-url",
      s.githubApi,
    ],
    {
      cwd: PROJECT_DIR,
      env: {
        PATH: `${stubAz(s.token)}:${process.env.PATH ?? ""}`,
        HOME: mkdtempSync(join(tmpdir(), "cb-preflight-home-")),
        AZURE_TOKEN_CREDENTIALS: "AzureCliCredential",
        NODE_EXTRA_CA_CERTS: s.caFile(),
        ARM_SUBSCRIPTION_ID: SUB,
        GITHUB_TOKEN: s.githubToken,
      },
    },
  );
  expect(result.stderr).toBe("");
  expect(result.status).toBe(1);
  expect(result.stdout).toMatch(/^Stack dev: \d+ problem\(s\) would stop pulumi up/);
  for (const line of [
    "  - [provider] Microsoft.CognitiveServices: is NotRegistered",
    `  - [permission] /subscriptions/${SUB}: the deployer lacks`,
    "  - [github] contoso/payments-api: does not exist or the token cannot see it (HTTP 404)",
  ])
    expect(result.stdout).toContain(line);
  expect(s.calls.length).toBeGreaterThan(0);
  expect(s.calls.filter((c) => c.server === "arm").every((c) => c.authorization === `Bearer ${s.token}`)).toBe(true);
});
