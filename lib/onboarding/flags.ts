import { editDistance } from "../editDistance";

/** The flags of `npm run new-team`: what each means, its default, and whether it must be given. */
export interface FlagSpec {
  flag: string;
  /** Placeholder in the usage line, e.g. <team>. */
  value: string;
  meaning: string;
  /** How the default is chosen; undefined when the flag is required (without a terminal to ask in). */
  defaultText?: string;
  /** What the question in a terminal says. */
  prompt: string;
}

export const NEW_TEAM_FLAGS: readonly FlagSpec[] = [
  {
    flag: "name",
    value: "<team>",
    meaning: "team name and stack name: 2-16 lowercase letters, digits and single hyphens, starting with a letter",
    prompt: "Team name (2-16 lowercase letters, digits, hyphens)",
  },
  {
    flag: "cost-center",
    value: "<text>",
    meaning: "cost center, written as the cost-center tag on every resource",
    prompt: "Cost center",
  },
  {
    flag: "location",
    value: "<region>",
    meaning:
      "Azure region of the team's resources, e.g. swedencentral, eastus2 (the stack deploys the catalog's models offered there: docs/models.md)",
    prompt: "Azure region",
  },
  {
    flag: "data-boundary",
    value: "global|eu|us",
    meaning:
      "where prompts may be processed: eu/us keep them in that data zone (DataZoneStandard), global allows any region (GlobalStandard)",
    prompt: "Data boundary (global, eu, us)",
  },
  {
    flag: "github-owner",
    value: "<org>",
    meaning: "GitHub organization (or user) owning the team's repositories",
    prompt: "GitHub organization",
  },
  {
    flag: "repos",
    value: "<a,b,...>",
    meaning: "team repositories that get the key as an Actions secret and a Codex CI workflow",
    defaultText: "none (add them to the stack file later)",
    prompt: "Team repositories (comma-separated, may be empty)",
  },
  {
    flag: "users",
    value: "<guid,...>",
    meaning: "object IDs of the Entra groups whose members use Codex (may read the key)",
    prompt: "Entra group object IDs of Codex users (comma-separated)",
  },
  {
    flag: "admins",
    value: "<guid,...>",
    meaning: "object IDs of the Entra groups that administer the account and the vault",
    prompt: "Entra group object IDs of admins (comma-separated)",
  },
  {
    flag: "budget",
    value: "<amount>",
    meaning: "monthly budget in the subscription's billing currency, a plain number such as 1500",
    prompt: "Monthly budget amount (a plain number, e.g. 1500)",
  },
  {
    flag: "emails",
    value: "<a@b,...>",
    meaning: "who gets the budget alerts (80% and 100% actual, 100% forecast)",
    prompt: "Budget contact emails (comma-separated)",
  },
  {
    flag: "start-month",
    value: "YYYY-MM",
    meaning: "first month of the budget: this month or up to 12 months ahead; it cannot change later",
    prompt: "Budget start month (YYYY-MM: this month or up to 12 months ahead)",
  },
  {
    flag: "address-space",
    value: "<cidr>",
    meaning:
      "VNet address space for the private endpoints; must not overlap another team stack's, nor your network's routes",
    defaultText: "the first /24 of 10.60.0.0/16 that overlaps no Pulumi.*.yaml beside it (printed, with the reason)",
    prompt: "VNet address space for the private endpoints",
  },
  {
    flag: "runner-labels",
    value: "<a,b,...>",
    meaning: "labels of the self-hosted runners that can reach the private endpoint (for Codex CI)",
    prompt: "Self-hosted runner labels for Codex CI (comma-separated), e.g. self-hosted,linux",
  },
  {
    flag: "auth-mode",
    value: "entra|key",
    meaning:
      "how Codex authenticates: entra (recommended: Entra ID tokens from az, key auth off, no key to rotate or leak) or key (an API key, rotated, in Key Vault and GitHub secrets); docs/entra.md",
    defaultText: "entra",
    prompt: "Authentication: entra (recommended, no key) or key",
  },
];

export const OTHER_FLAGS: readonly FlagSpec[] = [
  {
    flag: "stack-dir",
    value: "<dir>",
    meaning: "folder to write Pulumi.<team>.yaml to, and whose Pulumi.*.yaml address spaces are avoided",
    defaultText: "the project folder",
    prompt: "",
  },
  {
    flag: "as-of",
    value: "YYYY-MM-DD",
    meaning: "the day (midnight UTC) the models, the budget start month and the key schedule are checked against",
    defaultText: "today",
    prompt: "",
  },
  { flag: "help", value: "", meaning: "print this help", prompt: "" },
];

export function renderNewTeamHelp(): string {
  const all = [...NEW_TEAM_FLAGS, ...OTHER_FLAGS];
  const width = Math.max(...all.map((f) => `--${f.flag} ${f.value}`.length)) + 2;
  const lines = [
    "usage: npm run new-team -- --name <team> [--flag value ...]",
    "",
    "Writes Pulumi.<team>.yaml for a new team: secure defaults plus your answers, checked by the stack's own parser.",
    "Never overwrites a file. In a terminal it asks for each flag you did not give and checks each answer as you type",
    "it; without a terminal every required flag must be given.",
    "",
  ];
  for (const f of all) {
    const head = `--${f.flag} ${f.value}`.padEnd(width);
    const when =
      f.flag === "help" ? "" : f.defaultText === undefined ? "required. " : `optional, default: ${f.defaultText}. `;
    lines.push(`  ${head}${when}${f.meaning}`);
  }
  return `${lines.join("\n")}\n`;
}

/** The flag name in `--name=value`, `--name` or `-name`: leading dashes and any value dropped. */
function flagName(arg: string): string {
  return arg.replace(/^-+/, "").replace(/=.*/s, "");
}

/** The known flag closest to what was typed, if it is close enough to be a typo. */
export function nearestFlag(typed: string, known: readonly string[]): string | undefined {
  const word = flagName(typed);
  let best: { flag: string; d: number } | undefined;
  for (const flag of known) {
    const d = flag.startsWith(word) && word.length >= 2 ? 0 : editDistance(word, flag);
    if (best === undefined || d < best.d) best = { flag, d };
  }
  return best !== undefined && best.d <= Math.max(2, Math.floor(word.length / 3)) ? best.flag : undefined;
}

/** Every `--flag` in argv that is not a known flag, each with the nearest known one when there is one. */
export function unknownFlags(argv: readonly string[], known: readonly string[]): string[] {
  const problems: string[] = [];
  argv.forEach((arg, i) => {
    // A value such as `--budget -5` is not a flag: it follows a flag that takes one.
    const previous = argv[i - 1];
    if (
      previous !== undefined &&
      previous.startsWith("--") &&
      known.includes(previous.slice(2)) &&
      previous !== "--help"
    )
      return;
    if (!arg.startsWith("-") || arg === "-" || arg === "--") return;
    if (known.includes(flagName(arg)) || arg === "-h") return;
    const near = nearestFlag(arg, known);
    problems.push(
      `unknown option ${arg.split("=")[0] ?? arg}${near !== undefined ? ` (did you mean --${near}?)` : ""}`,
    );
  });
  return problems;
}
