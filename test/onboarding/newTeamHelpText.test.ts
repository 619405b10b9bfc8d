import { describe, expect, test } from "vitest";
import { NEW_TEAM_FLAGS, OTHER_FLAGS, renderNewTeamHelp } from "../../lib/onboarding/flags";

// Known answers written out: a change to any flag's placeholder, meaning, default or question must fail here
// and be a conscious change to what a new team's admin reads.

describe("npm run new-team -- --help", () => {
  test("prints exactly this text: usage, what it does, and each flag with its value, whether required or its default, and its meaning", () => {
    const expected = [
      "usage: npm run new-team -- --name <team> [--flag value ...]",
      "",
      "Writes Pulumi.<team>.yaml for a new team: secure defaults plus your answers, checked by the stack's own parser.",
      "Never overwrites a file. In a terminal it asks for each flag you did not give and checks each answer as you type",
      "it; without a terminal every required flag must be given.",
      "",
      "  --name <team>                 required. team name and stack name: 2-16 lowercase letters, digits and single hyphens, starting with a letter",
      "  --cost-center <text>          required. cost center, written as the cost-center tag on every resource",
      "  --location <region>           required. Azure region of the team's resources, e.g. swedencentral, eastus2 (the stack deploys the catalog's models offered there: docs/models.md)",
      "  --data-boundary global|eu|us  required. where prompts may be processed: eu/us keep them in that data zone (DataZoneStandard), global allows any region (GlobalStandard)",
      "  --github-owner <org>          required. GitHub organization (or user) owning the team's repositories",
      "  --repos <a,b,...>             optional, default: none (add them to the stack file later). team repositories that get the key as an Actions secret and a Codex CI workflow",
      "  --users <guid,...>            required. object IDs of the Entra groups whose members use Codex (may read the key)",
      "  --admins <guid,...>           required. object IDs of the Entra groups that administer the account and the vault",
      "  --budget <amount>             required. monthly budget in the subscription's billing currency, a plain number such as 1500",
      "  --emails <a@b,...>            required. who gets the budget alerts (80% and 100% actual, 100% forecast)",
      "  --start-month YYYY-MM         required. first month of the budget: this month or up to 12 months ahead; it cannot change later",
      "  --address-space <cidr>        optional, default: the first /24 of 10.60.0.0/16 that overlaps no Pulumi.*.yaml beside it (printed, with the reason). VNet address space for the private endpoints; must not overlap another team stack's, nor your network's routes",
      "  --runner-labels <a,b,...>     required. labels of the self-hosted runners that can reach the private endpoint (for Codex CI)",
      "  --auth-mode entra|key         optional, default: entra. how Codex authenticates: entra (recommended: Entra ID tokens from az, key auth off, no key to rotate or leak) or key (an API key, rotated, in Key Vault and GitHub secrets); docs/entra.md",
      "  --stack-dir <dir>             optional, default: the project folder. folder to write Pulumi.<team>.yaml to, and whose Pulumi.*.yaml address spaces are avoided",
      "  --as-of YYYY-MM-DD            optional, default: today. the day (midnight UTC) the models, the budget start month and the key schedule are checked against",
      "  --help                        print this help",
      "",
    ].join("\n");
    expect(renderNewTeamHelp()).toBe(expected);
  });
});

describe("the questions npm run new-team asks in a terminal", () => {
  test("one question per flag not given, in this order, each saying what to type", () => {
    expect(NEW_TEAM_FLAGS.map((f) => `${f.flag}: ${f.prompt}`)).toEqual([
      "name: Team name (2-16 lowercase letters, digits, hyphens)",
      "cost-center: Cost center",
      "location: Azure region",
      "data-boundary: Data boundary (global, eu, us)",
      "github-owner: GitHub organization",
      "repos: Team repositories (comma-separated, may be empty)",
      "users: Entra group object IDs of Codex users (comma-separated)",
      "admins: Entra group object IDs of admins (comma-separated)",
      "budget: Monthly budget amount (a plain number, e.g. 1500)",
      "emails: Budget contact emails (comma-separated)",
      "start-month: Budget start month (YYYY-MM: this month or up to 12 months ahead)",
      "address-space: VNet address space for the private endpoints",
      "runner-labels: Self-hosted runner labels for Codex CI (comma-separated), e.g. self-hosted,linux",
      "auth-mode: Authentication: entra (recommended, no key) or key",
    ]);
  });

  test("--stack-dir, --as-of and --help are never asked: they have no question", () => {
    expect(OTHER_FLAGS.map((f) => `${f.flag}: ${f.prompt}`)).toEqual(["stack-dir: ", "as-of: ", "help: "]);
  });
});
