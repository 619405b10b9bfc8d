/**
 * npm run new-team -- --name <team> [--cost-center ...] [...]
 * Writes Pulumi.<team>.yaml for a new team, validated by the same parser as the stack, and never overwrites.
 * Missing answers are asked for when run in a terminal; otherwise they are errors.
 */
import { existsSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { newBudgetStartProblem } from "../lib/azure/budget";
import { ConfigError } from "../lib/config/parse";
import { type NewTeamAnswers, newTeamConfig, renderTeamStackFile } from "../lib/onboarding/teamFile";
import { stackFilePath } from "../lib/plan/stackFiles";

interface Question {
  flag: string;
  prompt: string;
  fallback?: string;
}

const QUESTIONS: Question[] = [
  { flag: "name", prompt: "Team name (2-16 lowercase letters, digits, hyphens)" },
  { flag: "cost-center", prompt: "Cost center" },
  { flag: "location", prompt: "Azure region", fallback: "swedencentral" },
  { flag: "data-boundary", prompt: "Data boundary (global, eu, us)", fallback: "eu" },
  { flag: "github-owner", prompt: "GitHub organization" },
  { flag: "repos", prompt: "Team repositories (comma-separated, may be empty)", fallback: "" },
  { flag: "users", prompt: "Entra group object IDs of Codex users (comma-separated)" },
  { flag: "admins", prompt: "Entra group object IDs of admins (comma-separated)" },
  { flag: "budget", prompt: "Monthly budget amount" },
  { flag: "emails", prompt: "Budget contact emails (comma-separated)" },
  { flag: "start-month", prompt: "Budget start month (YYYY-MM: this month or up to 12 months ahead)" },
  { flag: "address-space", prompt: "VNet address space for the private endpoints", fallback: "10.60.0.0/24" },
  { flag: "runner-labels", prompt: "Self-hosted runner labels for Codex CI (comma-separated)", fallback: "self-hosted" },
];

/** Config paths back to the flag that sets them, so errors name what the person typed. */
const FLAG_FOR_PATH: Record<string, string> = {
  team: "--name",
  costCenter: "--cost-center",
  location: "--location",
  dataBoundary: "--data-boundary",
  "github.owner": "--github-owner",
  "github.repositories": "--repos",
  "access.userGroupIds": "--users",
  "access.adminGroupIds": "--admins",
  "budget.amount": "--budget",
  "budget.contactEmails": "--emails",
  "budget.startMonth": "--start-month",
  "networking.addressSpace": "--address-space",
  "codex.runnerLabels": "--runner-labels",
};

function list(text: string): string[] {
  return text.split(",").map((s) => s.trim()).filter(Boolean);
}

function fail(message: string): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values: Record<string, string | undefined>;
  try {
    const options = Object.fromEntries(QUESTIONS.map((q) => [q.flag, { type: "string" as const }]));
    values = parseArgs({ options: { ...options, "stack-dir": { type: "string" } }, strict: true }).values as Record<string, string | undefined>;
  } catch (error) {
    fail(`${(error as Error).message}\nusage: npm run new-team -- --name <team> ${QUESTIONS.slice(1).map((q) => `--${q.flag} <...>`).join(" ")} [--stack-dir <dir>]`);
  }
  const answers: Record<string, string> = {};
  const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
  const rl = interactive ? createInterface({ input: process.stdin, output: process.stdout }) : undefined;
  rl?.on("SIGINT", () => {
    process.stdout.write("\n");
    fail("interrupted; nothing was written");
  });
  // An iterator buffers lines, so answers pasted (or typed ahead) all at once are each used, in order.
  const lines = rl?.[Symbol.asyncIterator]();
  let inputEnded = false;
  const missing: string[] = [];
  for (const q of QUESTIONS) {
    const given = values[q.flag];
    if (given !== undefined) answers[q.flag] = given;
    else if (rl && lines && !inputEnded) {
      rl.setPrompt(`${q.prompt}${q.fallback !== undefined ? ` [${q.fallback}]` : ""}: `);
      rl.prompt();
      const line = await lines.next();
      if (line.done === true) inputEnded = true;
      else answers[q.flag] = String(line.value).trim() || (q.fallback ?? "");
    }
    if (answers[q.flag] === undefined) {
      if (q.fallback !== undefined && !inputEnded) answers[q.flag] = q.fallback;
      else missing.push(`--${q.flag}`);
    }
  }
  rl?.close();
  if (inputEnded) {
    process.stdout.write("\n");
    fail(`input ended before every question was answered; nothing was written. Still missing: ${missing.join(", ")}`);
  }
  if (missing.length > 0) fail(`missing ${missing.join(", ")} (run it in a terminal to be asked instead)`);

  const name = answers.name ?? "";
  const dir = resolve(values["stack-dir"] ?? resolve(__dirname, ".."));
  const target = /^[A-Za-z0-9_.-]+$/.test(name) ? stackFilePath(dir, name) : undefined;
  if (target !== undefined && existsSync(target)) fail(`${target} already exists; new-team never overwrites a stack file. Edit it, or pick another --name.`);

  const team: NewTeamAnswers = {
    name,
    costCenter: answers["cost-center"] ?? "",
    location: answers.location ?? "",
    dataBoundary: answers["data-boundary"] ?? "",
    githubOwner: answers["github-owner"] ?? "",
    repositories: list(answers.repos ?? ""),
    userGroupIds: list(answers.users ?? ""),
    adminGroupIds: list(answers.admins ?? ""),
    budgetAmount: Number(answers.budget),
    contactEmails: list(answers.emails ?? ""),
    startMonth: answers["start-month"] ?? "",
    addressSpace: answers["address-space"] ?? "",
    runnerLabels: list(answers["runner-labels"] ?? ""),
  };
  // A new budget's start month must also fit today's window (existing stacks keep theirs: not a config rule).
  const startProblem = newBudgetStartProblem(team.startMonth, new Date());
  const problems: string[] = startProblem !== undefined ? [`  - --start-month: ${startProblem} (got "${team.startMonth}")`] : [];
  let text = "";
  try {
    text = renderTeamStackFile(newTeamConfig(team));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const p of error.problems) {
      const flag = Object.entries(FLAG_FOR_PATH).find(([path]) => p.path === path || p.path.startsWith(`${path}[`))?.[1];
      problems.push(`  - ${flag ?? `codex-boundary:${p.path}`}: ${p.message}`);
    }
  }
  if (problems.length > 0) fail(`the new team's answers are not valid; nothing was written:\n${problems.join("\n")}`);
  if (target === undefined) fail(`--name '${name}' is not a valid team name`);
  writeFileSync(target, text, { flag: "wx" });
  process.stdout.write(
    `Wrote ${target}.\nNext: npm run plan -- --stack ${name}   then open a pull request with the file (deploy.yml deploys it on merge),\n` +
      `or by hand: npm run build && pulumi stack init ${name} && pulumi up --stack ${name} --policy-pack policies\n`,
  );
}

void main();
