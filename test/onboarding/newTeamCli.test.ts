import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, test } from "vitest";
import { parseTeamConfig, projectKeys, providerKeys } from "../../lib/config/parse";
import { projectPlatform } from "../support/platformFiles";
import { liveModelsFor, NEW_TEAM_MIN_LIFE_DAYS } from "../../lib/models/lifecycle";
import { catalogEntry, daysUntilRetirement, dayStartMs, MODEL_CATALOG } from "../../lib/models/modelCatalog";
import { availabilityOf } from "../../lib/models/availability";
import { loadStackConfig } from "../../tools/plan/stackFiles";
import { FIXTURE_DAY, FIXTURE_NOW_MS } from "../support/clock";
import { main } from "../../scripts/newTeam";
import { runMain } from "../support/cliIo";
import { PROJECT_DIR } from "../support/stackFiles";
import {
  NEW_TEAM_FLAGS,
  newTeamAnswers,
  nextMonth,
  stackDirWithDev,
  emptyStackDir,
  filesWritten,
  expectPromptedTeamFile,
  parseWrittenTeamFile,
  inTerminal,
} from "../support/newTeamInputs";

/** `npm run new-team -- ...args` in this process without a terminal (nothing is asked). */
async function run(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const { code, stdout, stderr } = await runMain(main, args, { input: Readable.from([]), terminal: undefined });
  return { status: code, stdout, stderr };
}

describe("npm run new-team", () => {
  test("--auth-mode key writes the key's rotation schedule; a mistyped mode is named under its flag", async () => {
    const dir = stackDirWithDev();
    const key = await run([...NEW_TEAM_FLAGS, "--auth-mode", "key", "--stack-dir", dir]);
    expect(key.status, key.stderr).toBe(0);
    const config = parseWrittenTeamFile(dir);
    expect([config.auth.mode, config.keyRotation.periodDays]).toEqual(["key", 30]);
    expect(readFileSync(join(dir, "Pulumi.payments.yaml"), "utf8")).toMatch(/keyRotation:\n\s+periodDays: 30/);
    const typo = await run([...NEW_TEAM_FLAGS, "--name", "billing", "--auth-mode", "entr", "--stack-dir", dir]);
    expect(typo.status).toBe(2);
    expect(typo.stderr + typo.stdout).toMatch(/--auth-mode: must be one of "key", "entra" \(got "entr"\)/);
  });

  test("writes a stack file the parser accepts, with secure defaults, (the plan of it: newTeamPlan.program.test.ts)", async () => {
    const dir = stackDirWithDev();
    const result = await run([...NEW_TEAM_FLAGS, "--stack-dir", dir]);
    expect(result.status, result.stderr).toBe(0);
    const text = readFileSync(join(dir, "Pulumi.payments.yaml"), "utf8");
    // The first line names the project's JSON Schema by its path from the folder the file was written to.
    const schemaRef = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text)?.[1] ?? "";
    expect(resolve(dir, schemaRef)).toBe(join(PROJECT_DIR, "schema", "team-config.schema.json"));
    const config = parseWrittenTeamFile(dir);
    expect(config.dataBoundary).toBe("eu");
    expect(config.models.every((m) => m.sku === "DataZoneStandard")).toBe(true);
    // The catalog's models offered there on the fixture day that live 60 more days (fixed-clock cases: test/onboarding/defaultModels.test.ts).
    const live = liveModelsFor("swedencentral", "DataZoneStandard", FIXTURE_NOW_MS).map((e) => [e.model, e.version]);
    expect(
      live.length,
      "no catalog model is left for swedencentral: refresh lib/models/catalog.json (docs/models.md)",
    ).toBeGreaterThan(0);
    expect(config.models.map((m) => [m.model, m.version])).toEqual(live);
    expect(config.codex.defaultModel).toBe(config.models[0]?.name);
    // How long each lives, counted from the run's day (the rule: lib/onboarding/modelOffer.ts, docs/models.md).
    expect(result.stdout).toContain(`each lives at least ${NEW_TEAM_MIN_LIFE_DAYS} days from ${FIXTURE_DAY}`);
    for (const m of config.models)
      expect(result.stdout).toMatch(
        new RegExp(`  ${m.model} ${m.version}: (until \\d{4}-\\d{2}-\\d{2}, \\d+ days|no retirement scheduled)\n`),
      );
    expect(config.codex.allowFullAccess).toBe(false);
    // Not the example stack's 10.60.0.0/24: the first free /24, printed with the reason.
    expect(config.networking).toEqual({ mode: "create", addressSpace: "10.60.1.0/24" });
    expect(result.stdout).toContain("Address space: 10.60.1.0/24, chosen because --address-space was not given");
    expect(result.stdout).toContain("(Pulumi.dev.yaml has 10.60.0.0/24)");
    // Without --auth-mode: the recommended keyless mode, said in the output; no key setting in the file.
    expect(config.auth.mode).toBe("entra");
    expect(result.stdout).toContain("Authentication: entra (--auth-mode not given)");
    expect(text).not.toMatch(/keyRotation/);
  });

  test("rejects a bad name (and every other bad answer) with the flag and the fix, writing nothing", async () => {
    const dir = emptyStackDir("cb-newteam-");
    const args = NEW_TEAM_FLAGS.flatMap((arg, i) => {
      if (NEW_TEAM_FLAGS[i - 1] === "--name") return ["Payments Team"];
      if (NEW_TEAM_FLAGS[i - 1] === "--start-month") return ["2020-01"];
      if (arg === "--budget") return ["--budget=-5"];
      return NEW_TEAM_FLAGS[i - 1] === "--budget" ? [] : [arg];
    });
    const result = await run([...args, "--stack-dir", dir]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      '--name: must be 2-16 lowercase letters, digits and single hyphens, starting with a letter (got "Payments Team")',
    );
    expect(result.stderr).toContain("--budget: must be a positive number (got -5)");
    expect(result.stderr).toMatch(
      /--start-month: must not be before the current month \(\d{4}-\d{2}\): a new budget cannot start in the past \(got "2020-01"\)/,
    );
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(filesWritten(dir)).toEqual([]);
  });

  test("never overwrites an existing stack file", async () => {
    const dir = emptyStackDir("cb-newteam-");
    expect((await run([...NEW_TEAM_FLAGS, "--stack-dir", dir])).status).toBe(0);
    const before = readFileSync(join(dir, "Pulumi.payments.yaml"), "utf8");
    const again = await run([...NEW_TEAM_FLAGS.map((a) => (a === "CC-1" ? "CC-2" : a)), "--stack-dir", dir]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain("already exists; new-team never overwrites a stack file");
    expect(readFileSync(join(dir, "Pulumi.payments.yaml"), "utf8")).toBe(before);
  });

  test("without a terminal, missing answers are errors that list the flags; region, boundary and runner labels are never filled in", async () => {
    const result = await run(["--name", "payments", "--stack-dir", emptyStackDir("cb-newteam-")]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      "missing --cost-center, --location, --data-boundary, --github-owner, --users, --admins, --budget, --emails, --start-month, --runner-labels (required;",
    );
  });

  test("--help names every flag with its meaning, and says which are required and what the others default to", async () => {
    const result = await run(["--help"]);
    expect(result.status).toBe(0);
    for (const flag of [
      "name",
      "cost-center",
      "location",
      "data-boundary",
      "github-owner",
      "users",
      "admins",
      "budget",
      "emails",
      "start-month",
      "runner-labels",
    ]) {
      expect(result.stdout).toMatch(new RegExp(`^  --${flag} \\S+ +required\\. \\w`, "m"));
    }
    expect(result.stdout).toMatch(/^ {2}--repos \S+ +optional, default: none/m);
    expect(result.stdout).toMatch(
      /^ {2}--address-space <cidr> +optional, default: the first \/24 of 10\.60\.0\.0\/16 that overlaps no Pulumi\.\*\.yaml/m,
    );
  });

  test("a mistyped flag gets the nearest one; nothing is written", async () => {
    const dir = emptyStackDir("cb-newteam-");
    const result = await run([
      ...NEW_TEAM_FLAGS.map((a) => (a === "--cost-center" ? "--cost-centre" : a === "--budget" ? "--budgte" : a)),
      "--stack-dir",
      dir,
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("unknown option --cost-centre (did you mean --cost-center?)");
    expect(result.stderr).toContain("unknown option --budgte (did you mean --budget?)");
    expect(filesWritten(dir)).toEqual([]);
  });

  test('bad values are reported as typed: a budget of 1,500 is "1,500", not null', async () => {
    const dir = emptyStackDir("cb-newteam-");
    const result = await run([...NEW_TEAM_FLAGS.map((a) => (a === "1500" ? "1,500" : a)), "--stack-dir", dir]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      '--budget: must be a plain positive number such as 1500, without separators or currency (got "1,500")',
    );
    expect(result.stderr).not.toContain("null");
    expect(filesWritten(dir)).toEqual([]);
  });

  test("an address space overlapping another stack file's is refused, naming that file and a free one", async () => {
    const dir = stackDirWithDev();
    const result = await run([...NEW_TEAM_FLAGS, "--address-space", "10.60.0.0/16", "--stack-dir", dir]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      '--address-space: overlaps 10.60.0.0/24 of Pulumi.dev.yaml: each team\'s private endpoints need their own range (got "10.60.0.0/16")',
    );
    expect(filesWritten(dir)).toEqual(["Pulumi.dev.yaml"]);
  });

  test("the Next: hint gives complete commands: stack init with the Key Vault secrets provider the other stacks use, up, kit", async () => {
    const dir = stackDirWithDev();
    const first = await run([...NEW_TEAM_FLAGS, "--stack-dir", dir]);
    expect(first.stdout).toContain(
      'pulumi stack init payments --secrets-provider "azurekeyvault://<vault>.vault.azure.net/keys/<key>"',
    );
    expect(first.stdout).toContain("fill in <vault> and <key>");
    expect(first.stdout).toContain("npm run build && pulumi up --stack payments --policy-pack dist/policies");
    expect(first.stdout).toContain("npm run kit -- --stack payments");
    const provider = "azurekeyvault://kv-pulumi.vault.azure.net/keys/state";
    writeFileSync(
      join(dir, "Pulumi.dev.yaml"),
      `secretsprovider: ${provider}\n${readFileSync(join(dir, "Pulumi.dev.yaml"), "utf8")}`,
    );
    const second = await run([...NEW_TEAM_FLAGS.map((a) => (a === "payments" ? "billing" : a)), "--stack-dir", dir]);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toContain(`pulumi stack init billing --secrets-provider "${provider}"`);
    expect(second.stdout).toContain("(the Key Vault key Pulumi.dev.yaml already uses)");
  });
});

test("the example stack deploys catalog models offered in its region that, on the day the catalog was reviewed, live 60 more days", async () => {
  const reviewed = dayStartMs(MODEL_CATALOG.reviewed);
  const values = loadStackConfig(PROJECT_DIR, "dev").values;
  const dev = parseTeamConfig(projectKeys(values), undefined, reviewed, {
    platform: projectPlatform(),
    providerKeys: providerKeys(values),
  });
  for (const m of dev.models) {
    const entry = catalogEntry(m.model, m.version);
    expect(entry, `${m.model} ${m.version}`).toBeDefined();
    if (entry === undefined) continue;
    expect(availabilityOf(entry, m.sku, dev.location).kind, `${m.model} as ${m.sku}`).toBe("offered");
    expect(daysUntilRetirement(entry, reviewed) ?? Infinity, `${m.model} ${m.version}`).toBeGreaterThanOrEqual(
      NEW_TEAM_MIN_LIFE_DAYS,
    );
  }
  expect(dev.models.map((m) => m.name)).toContain(dev.codex.defaultModel);
});

describe("npm run new-team in a terminal", () => {
  test("asks every question, takes the defaults shown for empty answers, and writes a valid file", async () => {
    const dir = emptyStackDir("cb-newteam-tty-");
    const result = await inTerminal(newTeamAnswers(nextMonth()), dir);
    expectPromptedTeamFile(dir, result.status, result.stdout);
  });

  test("a bad answer is reported as typed and only that question is asked again", async () => {
    const dir = stackDirWithDev();
    const typed = newTeamAnswers(nextMonth())
      .replace("\n1500\n", "\n1,500\n1500\n")
      .replace(/\n\n\n\n$/, "\n10.60.0.0/25\n\n\n\n");
    const result = await inTerminal(typed, dir);
    expect(result.status, result.stdout).toBe(0);
    expect(result.stdout).toContain(
      'must be a plain positive number such as 1500, without separators or currency (got "1,500"); please answer again.',
    );
    expect(result.stdout).toContain("overlaps 10.60.0.0/24 of Pulumi.dev.yaml");
    expect(result.stdout.match(/Monthly budget amount/g)).toHaveLength(2);
    expect(result.stdout.match(/Cost center/g)).toHaveLength(1);
    expect(result.stdout).toContain("VNet address space for the private endpoints [10.60.1.0/24]: ");
    const config = parseWrittenTeamFile(dir);
    expect([config.budget.amount, config.networking]).toEqual([1500, { mode: "create", addressSpace: "10.60.1.0/24" }]);
  });

  test("a bad value given as a flag is reported and asked again in a terminal", async () => {
    const dir = emptyStackDir("cb-newteam-tty-");
    const rest = newTeamAnswers(nextMonth()).split("\n").slice(1).join("\n");
    const result = await inTerminal(`payments\n${rest}`, dir, ["--name", "Payments Team"]);
    expect(result.status, result.stdout).toBe(0);
    expect(result.stdout).toContain(
      '--name: must be 2-16 lowercase letters, digits and single hyphens, starting with a letter (got "Payments Team")',
    );
    expect(filesWritten(dir)).toEqual(["Pulumi.payments.yaml"]);
  });

  test("input that ends early (Ctrl+D) stops with the missing answers named, no stack trace, nothing written", async () => {
    const dir = emptyStackDir("cb-newteam-tty-");
    const result = await inTerminal("payments\nCC-1\n", dir);
    expect(result.status).toBe(2);
    expect(result.stdout).toContain(
      "input ended before every question was answered; nothing was written. Still missing: --location",
    );
    expect(result.stdout).not.toMatch(/AbortError|^\s+at /m);
    expect(filesWritten(dir)).toEqual([]);
  });
});

describe("npm run new-team within platform.yaml", () => {
  test("a team not admitted, an owner outside the organizations, a repository outside the team's list: each named with its platform setting, nothing written", async () => {
    const dir = emptyStackDir();
    const flags = NEW_TEAM_FLAGS.map((a) => (a === "payments" ? "intruder" : a));
    const intruder = await run([...flags, "--stack-dir", dir]);
    expect(intruder.status).toBe(2);
    expect(intruder.stderr).toContain(
      '--name: "intruder" is not admitted: platform.yaml teams [payments, billing] has no entry for it',
    );
    const owner = await run([...NEW_TEAM_FLAGS, "--github-owner", "attacker", "--repos", "", "--stack-dir", dir]);
    expect(owner.status).toBe(2);
    expect(owner.stderr).toContain('--github-owner: "attacker" is not in platform.yaml github.organizations [contoso]');
    const repos = await run([...NEW_TEAM_FLAGS, "--repos", "API,codex-boundary,ledger", "--stack-dir", dir]);
    expect(repos.status).toBe(2);
    expect(repos.stderr).toContain(
      '--repos: "contoso/codex-boundary" is platform.yaml github.platformRepository: no team may claim the platform\'s own repository',
    );
    expect(repos.stderr).toContain(
      '--repos: "contoso/ledger" is not in platform.yaml teams.payments.repositories [contoso/api, contoso/web]',
    );
    expect(repos.stderr).not.toContain('"contoso/API"');
    expect(filesWritten(dir)).toEqual([]);
  });

  test("a missing or invalid platform.yaml stops before any question, naming the file; nothing written", async () => {
    const missing = mkdtempSync(join(tmpdir(), "cb-newteam-"));
    const none = await run([...NEW_TEAM_FLAGS, "--stack-dir", missing]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain(
      `no platform.yaml beside the stack files (looked for ${join(missing, "platform.yaml")})`,
    );
    expect(none.stderr).not.toMatch(/^\s+at /m);
    writeFileSync(join(missing, "platform.yaml"), "github: {organizations: []}\n");
    const invalid = await run([...NEW_TEAM_FLAGS, "--stack-dir", missing]);
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toContain("github.organizations: must list at least one organization");
    expect(readdirSync(missing)).toEqual(["platform.yaml"]);
  });
});
