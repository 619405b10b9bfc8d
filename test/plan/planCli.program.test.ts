import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { main } from "../../scripts/plan";
import { FIXTURE_DAY } from "../support/clock";
import { runMain } from "../support/cliIo";
import { PROJECT_DIR } from "../support/stackFiles";
import { projectPlatformInput, tempStackDir } from "../support/platformFiles";

const MOCK_SUBSCRIPTION = "00000000-0000-4000-8000-00000000c0de";

/** `npm run plan -- ...args` in this process (its main, from the project folder), on the fixture day unless the arguments name one. */
async function plan(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const asOf = args.includes("--as-of") ? [] : ["--as-of", FIXTURE_DAY];
  const { code, stdout, stderr } = await runMain(main, [...args, ...asOf]);
  return { status: code, stdout, stderr };
}

const STACK_TRACE = /^\s+at .+\(.+:\d+:\d+\)$/m;

describe("npm run plan", () => {
  test("--json prints one stable document: project, stack, resources with urn/type/name/parent/inputs, outputs", async () => {
    const out = mkdtempSync(join(tmpdir(), "cb-plan-out-"));
    const first = await plan(["--stack", "dev", "--json", "--out", out]);
    expect(first.stderr).not.toMatch(STACK_TRACE);
    expect(first.status).toBe(0);
    const doc = JSON.parse(first.stdout) as Record<string, unknown> & { resources: Array<Record<string, unknown>> };
    expect(Object.keys(doc).slice(0, 4)).toEqual(["project", "stack", "resources", "outputs"]);
    expect(doc.project).toBe("codex-boundary");
    expect(doc.stack).toBe("dev");
    expect(doc.resources.length).toBeGreaterThan(1);
    const urns = new Set(doc.resources.map((r) => r.urn));
    for (const resource of doc.resources) {
      expect(Object.keys(resource)).toEqual(expect.arrayContaining(["urn", "type", "name", "parent", "inputs"]));
      expect(resource.urn).toMatch(/^urn:pulumi:dev::codex-boundary::/);
      if (resource.parent !== null) expect(urns.has(resource.parent)).toBe(true);
    }
    expect(doc.resources.filter((r) => r.parent === null).map((r) => r.type)).toEqual(["pulumi:pulumi:Stack"]);

    const second = await plan(["--stack", "dev", "--json", "--out", mkdtempSync(join(tmpdir(), "cb-plan-out-"))]);
    expect(second.stdout).toBe(first.stdout);
  });

  test("prints the resource tree and counts by type", async () => {
    const result = await plan(["--stack", "dev", "--out", mkdtempSync(join(tmpdir(), "cb-plan-out-"))]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Plan for codex-boundary\/dev \(offline/);
    expect(result.stdout).toMatch(/^ \+ {3}pulumi:pulumi:Stack +codex-boundary-dev$/m);
    expect(result.stdout).toMatch(/^Resources: \d+ to create$/m);
  });

  test("names only pulumi up knows are placeholders in the text, the --json and the preview files; the text says how to get the real kit", async () => {
    const out = mkdtempSync(join(tmpdir(), "cb-plan-out-"));
    const json = await plan(["--stack", "dev", "--json", "--out", out]);
    expect(json.status, json.stderr).toBe(0);
    const doc = JSON.parse(json.stdout) as {
      placeholderNames: Array<{ urn: string; placeholder: string }>;
      outputs: Record<string, unknown>;
    };
    expect(doc.placeholderNames).toEqual([
      {
        urn: expect.stringMatching(/random:index\/randomString:RandomString::unique-suffix$/),
        placeholder: "<unique-suffix-after-pulumi-up>",
      },
    ]);
    expect(doc.outputs.baseUrl).toBe("https://codex-dev-<unique-suffix-after-pulumi-up>.openai.azure.com/openai/v1");
    expect(doc.outputs.vaultName).toBe("kv-dev-<unique-suffix-after-pulumi-up>");
    // A suffix-shaped name (what the mock engine stands in) appears nowhere: not printed, not written.
    const madeUp = /(codex|kv)-dev-[a-z0-9]{6}(?![a-z0-9-])/;
    expect(json.stdout).not.toMatch(madeUp);
    const text = await plan(["--stack", "dev", "--out", out]);
    expect(text.stdout).not.toMatch(madeUp);
    expect(text.stdout).toContain("Placeholder names: <unique-suffix-after-pulumi-up>");
    expect(text.stdout).toContain("npm run kit -- --stack dev");
    expect(text.stdout).toContain("Developer files written (a preview with placeholder names):");
    const dir = join(out, "dev");
    const written = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => readFileSync(join(e.parentPath, e.name), "utf8"));
    expect(written.join("\n")).not.toMatch(madeUp);
    expect(readFileSync(join(dir, "config.toml"), "utf8")).toContain(
      'base_url = "https://codex-dev-<unique-suffix-after-pulumi-up>.openai.azure.com/openai/v1"',
    );
    expect(readFileSync(join(dir, "PREVIEW-NOT-THE-KIT.txt"), "utf8")).toContain("not the kit to hand");
  });

  test("a bad config exits 2 with every problem named, no stack trace, and nothing written", async () => {
    const stackDir = tempStackDir({
      "Pulumi.broken.yaml": [
        "config:",
        "  codex-boundary:team: Broken Team",
        "  codex-boundary:dataBoundary: mars",
        "  codex-boundary:tem: typo",
      ].join("\n"),
    });
    const out = mkdtempSync(join(tmpdir(), "cb-plan-out-"));
    const result = await plan(["--stack", "broken", "--stack-dir", stackDir, "--out", out]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      'codex-boundary:team: must be 2-16 lowercase letters, digits and single hyphens, starting with a letter (got "Broken Team")',
    );
    expect(result.stderr).toContain('codex-boundary:dataBoundary: must be one of "global", "eu", "us" (got "mars")');
    expect(result.stderr).toContain("codex-boundary:tem: unknown key (a typo?)");
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.stdout).toBe("");
    expect(existsSync(join(out, "broken"))).toBe(false);
    expect(readdirSync(out)).toEqual([]);
  });

  test("a missing stack exits 2 and says how to create it", async () => {
    const result = await plan(["--stack", "ghost"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("No stack file");
    expect(result.stderr).toContain("npm run new-team -- --name ghost");
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });

  test("an unknown flag exits 2 with the usage", async () => {
    const result = await plan(["--stak", "dev"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("usage: npm run plan");
    expect(result.stdout).toBe("");
  });

  test("--help prints the usage and exits 0", async () => {
    const result = await plan(["--help"]);
    expect(result.status).toBe(0);
    await expect(result.stdout).toMatchFileSnapshot("__snapshots__/planHelp.txt");
  });

  test("an --as-of that is not a day exits 2 naming the flag, the value and the form, and writes nothing", async () => {
    const out = mkdtempSync(join(tmpdir(), "cb-plan-asof-"));
    const result = await plan(["--stack", "dev", "--out", out, "--as-of", "2026-02-30"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--as-of must be a date as YYYY-MM-DD (got "2026-02-30")');
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(readdirSync(out)).toEqual([]);
  });

  test("a stack file as the Pulumi CLI leaves it (secrets provider, an allowed provider key, a secure value) plans, and says what stood in", async () => {
    const dev = readFileSync(join(PROJECT_DIR, "Pulumi.dev.yaml"), "utf8");
    const real = [
      "secretsprovider: azurekeyvault://kv-pulumi.vault.azure.net/keys/state",
      "encryptedkey: ZmFrZS1lbmNyeXB0ZWQta2V5",
      dev
        .replace(/^config:\n/m, `config:\n  azure-native:subscriptionId: ${MOCK_SUBSCRIPTION}\n`)
        .replace(/^ {2}codex-boundary:costCenter: .*$/m, "  codex-boundary:costCenter:\n    secure: v1:AAAABBBBCCCC"),
    ].join("\n");
    const platform = projectPlatformInput();
    const stackDir = tempStackDir(
      { "Pulumi.real.yaml": real },
      { ...platform, stackFiles: { providerKeys: ["azure-native:location", "azure-native:subscriptionId"] } },
    );
    const out = mkdtempSync(join(tmpdir(), "cb-plan-out-"));
    const text = await plan(["--stack", "real", "--stack-dir", stackDir, "--out", out]);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain(
      "Secure config values stand in as placeholders (the offline plan cannot decrypt them): codex-boundary:costCenter",
    );
    const json = await plan(["--stack", "real", "--stack-dir", stackDir, "--json", "--out", out]);
    expect(json.status).toBe(0);
    expect(json.stdout).not.toContain("v1:AAAABBBBCCCC");
  });

  test("an output folder that cannot be written exits 2, naming the folder and the fix", async () => {
    const notADir = join(mkdtempSync(join(tmpdir(), "cb-plan-out-")), "a-file");
    writeFileSync(notADir, "");
    const result = await plan(["--stack", "dev", "--out", notADir]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      `error: could not write the developer files under ${join(notADir, "dev")} (ENOTDIR`,
    );
    expect(result.stderr).toContain("choose another folder with --out");
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });

  describe("within platform.yaml beside the stack files", () => {
    const dev = readFileSync(join(PROJECT_DIR, "Pulumi.dev.yaml"), "utf8");
    /** Plans dev's stack file, edited, from a temp folder with the given platform file; exit 2 means nothing was written. */
    async function planEdited(
      edit: (text: string) => string,
      platform: Parameters<typeof tempStackDir>[1] = projectPlatformInput(),
    ) {
      const stackDir = tempStackDir({ "Pulumi.dev.yaml": edit(dev) }, platform);
      const out = mkdtempSync(join(tmpdir(), "cb-plan-out-"));
      const result = await plan(["--stack", "dev", "--stack-dir", stackDir, "--out", out]);
      if (result.status === 2) expect(readdirSync(out)).toEqual([]);
      expect(result.stderr).not.toMatch(STACK_TRACE);
      return result;
    }
    const withGithub = (line: string) => (text: string) =>
      text.replace(/^ {4}owner: contoso$/m, `    owner: contoso\n    ${line}`);
    const withConfig = (line: string) => (text: string) => text.replace(/^config:\n/m, `config:\n  ${line}\n`);

    test("a missing or invalid platform.yaml exits 2 naming the file", async () => {
      const missing = await planEdited((t) => t, null);
      expect(missing.status).toBe(2);
      expect(missing.stderr).toMatch(
        /error: 1 problem in \S+platform\.yaml; nothing was created:\n {2}- no platform\.yaml beside the stack files/,
      );
      const invalid = await planEdited((t) => t, "github:\n  host: github.com\n  organisations: [contoso]\n");
      expect(invalid.status).toBe(2);
      expect(invalid.stderr).toContain("github: unknown key(s) organisations (a typo?)");
      expect(invalid.stderr).toContain("fix it there, in its own pull request");
    });

    test("a baseUrl, even api.github.com written out, exits 2 naming platform.yaml github.host", async () => {
      for (const url of ["https://github-enterprise.attacker.example/api/v3", "https://api.github.com"]) {
        const result = await planEdited(withGithub(`baseUrl: ${url}`));
        expect(result.status).toBe(2);
        expect(result.stderr).toContain(
          `codex-boundary:github.baseUrl: is not set in a stack file (got "${url}"): the GitHub host of every team is platform.yaml github.host (github.com)`,
        );
      }
    });

    test("another provider's key exits 2 naming platform.yaml stackFiles.providerKeys", async () => {
      for (const line of [
        "azure-native:oidcRequestUrl: https://evil.example/idtoken",
        "azure-native:metadataHost: evil.example",
        "github:baseUrl: https://evil.example/api/v3",
      ]) {
        const result = await planEdited(withConfig(line));
        expect(result.status, line).toBe(2);
        expect(result.stderr).toContain(
          `${line.slice(0, line.indexOf(": "))}: is not allowed in a stack file (got "${line.slice(line.indexOf(": ") + 2)}"): only platform.yaml stackFiles.providerKeys [azure-native:location]`,
        );
      }
    });

    test("the platform repository, a management-group exemption, a bare self-hosted runner: exit 2, each with its setting", async () => {
      const platform = projectPlatformInput();
      const admitting = {
        ...platform,
        teams: { dev: { owners: ["@contoso/platform-team"], repositories: ["contoso/codex-boundary"] } },
      };
      const repo = await planEdited(
        (t) => t.replace(/- name: platform-tools/, "- name: codex-boundary\n        environment: production"),
        admitting,
      );
      expect(repo.status).toBe(2);
      expect(repo.stderr).toContain(
        'codex-boundary:github.repositories[0].name: "contoso/codex-boundary" is platform.yaml github.platformRepository',
      );
      const initiative =
        "/providers/Microsoft.Management/managementGroups/contoso-root/providers/Microsoft.Authorization/policyAssignments/corp-security-baseline";
      const exemption = await planEdited(
        withConfig(
          `codex-boundary:policy:\n    keyAuthExemption:\n      policyAssignmentId: ${initiative}\n      expiresOn: "2027-06-01"`,
        ),
      );
      expect(exemption.status).toBe(2);
      expect(exemption.stderr).toContain(
        "codex-boundary:policy.keyAuthExemption: is not offered: platform.yaml policy.keyAuthExemption is not set",
      );
      const runner = await planEdited((t) =>
        t.replace("runnerLabels: [self-hosted, linux, codex-boundary]", "runnerLabels: [self-hosted]"),
      );
      expect(runner.status).toBe(2);
      expect(runner.stderr).toContain("platform.yaml github.runnerLabels [codex-boundary]");
    });

    test("a subscription the boundary does not list stops the program (RunError): exit 2 with the fix", async () => {
      const platform = projectPlatformInput();
      const elsewhere = {
        ...platform,
        azure: {
          dataBoundaries: {
            global: { subscriptionIds: ["11111111-2222-4333-8444-555555555555"], regions: ["eastus2"] },
          },
        },
      };
      const result = await planEdited((t) => t, elsewhere);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(
        `the run deploys into subscription ${MOCK_SUBSCRIPTION}, which is not in platform.yaml azure.dataBoundaries.global.subscriptionIds [11111111-2222-4333-8444-555555555555]`,
      );
    });
  });
});
