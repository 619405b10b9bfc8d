import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { main } from "../../scripts/plan";
import { FIXTURE_DAY } from "../support/clock";
import { runMain } from "../support/cliIo";
import { PROJECT_DIR } from "../support/stackFiles";

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
    const stackDir = mkdtempSync(join(tmpdir(), "cb-bad-stack-"));
    const out = mkdtempSync(join(tmpdir(), "cb-plan-out-"));
    writeFileSync(
      join(stackDir, "Pulumi.broken.yaml"),
      [
        "config:",
        "  codex-boundary:team: Broken Team",
        "  codex-boundary:dataBoundary: mars",
        "  codex-boundary:tem: typo",
      ].join("\n"),
    );
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

  test("a stack file as the Pulumi CLI leaves it (secrets provider, other namespaces, a secure value) plans, and says what stood in", async () => {
    const stackDir = mkdtempSync(join(tmpdir(), "cb-real-stack-"));
    const dev = readFileSync(join(PROJECT_DIR, "Pulumi.dev.yaml"), "utf8");
    const real = [
      "secretsprovider: azurekeyvault://kv-pulumi.vault.azure.net/keys/state",
      "encryptedkey: ZmFrZS1lbmNyeXB0ZWQta2V5",
      dev.replace(
        /^config:\n/m,
        "config:\n  azure-native:subscriptionId: 00000000-0000-4000-8000-000000000001\n  github:token:\n    secure: v1:AAAABBBBCCCC\n",
      ),
    ].join("\n");
    writeFileSync(join(stackDir, "Pulumi.real.yaml"), real);
    const out = mkdtempSync(join(tmpdir(), "cb-plan-out-"));
    const text = await plan(["--stack", "real", "--stack-dir", stackDir, "--out", out]);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain(
      "Secure config values stand in as placeholders (the offline plan cannot decrypt them): github:token",
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
});
