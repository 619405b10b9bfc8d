import { newBudgetStartProblem } from "../azure/budget";
import { ConfigError } from "../config/parse";
import { boundaryFix, outsideText, regionFinding, unknownRegionText } from "../config/geography";
import { REGION_NAME_PATTERN, STACK_NAME_PATTERN } from "../config/patterns";
import { conflictsWith, firstFreeBlock, type TakenAddressSpace } from "./addressSpace";
import type { ModelCatalog } from "../models/modelCatalog";
import { newTeamModelOffer } from "./modelOffer";
import { type NewTeamAnswers, newTeamConfig, renderTeamStackFile } from "./teamFile";
import type { PlatformConfig } from "../platform/schema";

/** The answers as typed: flag (without --) -> text. */
export type RawAnswers = Record<string, string>;

/** What the checks need besides the answers: today, the other stacks' address spaces, the existing stack files. */
export interface AnswerContext {
  now: Date;
  /** platform.yaml beside the stack files: the team must be admitted and choose within it. */
  platform: PlatformConfig;
  taken: readonly TakenAddressSpace[];
  stackFileExists: (team: string) => boolean;
  /** The path from the stack file's folder to the JSON Schema (default: the project directory's). */
  schemaRef?: string;
  /** The model catalog the offer comes from (default: lib/models/catalog.json); tests pass a synthetic one. */
  catalog?: ModelCatalog;
}

export interface AnswerProblem {
  /** `--flag`, or the config path when no flag sets it. */
  flag: string;
  message: string;
}

/** Config paths back to the flag that sets them, so errors name what the person typed. */
const FLAG_FOR_PATH: Record<string, string> = {
  team: "name",
  costCenter: "cost-center",
  location: "location",
  dataBoundary: "data-boundary",
  "github.owner": "github-owner",
  "github.repositories": "repos",
  "access.userGroupIds": "users",
  "access.adminGroupIds": "admins",
  "budget.amount": "budget",
  "budget.contactEmails": "emails",
  "budget.startMonth": "start-month",
  "networking.addressSpace": "address-space",
  "codex.runnerLabels": "runner-labels",
  "auth.mode": "auth-mode",
};

const NUMBER_TEXT = /^-?\d+(\.\d+)?$/;

function list(text: string | undefined): string[] {
  return (text ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

function quoted(text: string): string {
  return JSON.stringify(text);
}

export function toNewTeamAnswers(raw: RawAnswers): NewTeamAnswers {
  const budget = raw.budget ?? "";
  return {
    name: raw.name ?? "",
    costCenter: raw["cost-center"] ?? "",
    location: raw.location ?? "",
    dataBoundary: raw["data-boundary"] ?? "",
    githubOwner: raw["github-owner"] ?? "",
    repositories: list(raw.repos),
    userGroupIds: list(raw.users),
    adminGroupIds: list(raw.admins),
    budgetAmount: NUMBER_TEXT.test(budget.trim()) ? Number(budget) : Number.NaN,
    contactEmails: list(raw.emails),
    startMonth: raw["start-month"] ?? "",
    addressSpace: raw["address-space"] ?? "",
    runnerLabels: list(raw["runner-labels"]),
    authMode: raw["auth-mode"] ?? "entra",
  };
}

/** The region against the region table and the boundary's geography, worded with new-team's flags. */
function regionAnswerProblem(location: string, boundary: string): RegionAnswerProblem | undefined {
  const finding = regionFinding(location, boundary);
  if (finding === undefined) return undefined;
  const message =
    finding.kind === "unknown"
      ? `${unknownRegionText(location)}: type the programmatic name (e.g. swedencentral, not "Sweden Central") (got ${quoted(location)})`
      : `${outsideText(finding.region, finding.boundary)}. Fix: --location one of them, or ${boundaryFix(finding.region, finding.boundary, "--data-boundary")} (got ${quoted(location)})`;
  return { flag: "--location", message, needsBoundary: finding.kind === "outside" };
}

interface RegionAnswerProblem extends AnswerProblem {
  /** True when the problem depends on the data boundary too (the region exists, outside the boundary). */
  needsBoundary: boolean;
}

/**
 * The region first (unknown, or outside the boundary's geography), then whether the catalog has a model to offer
 * there (once both are well-formed): reported under --location.
 */
function offerProblem(raw: RawAnswers, ctx: AnswerContext): RegionAnswerProblem | undefined {
  const location = raw.location ?? "";
  const boundary = raw["data-boundary"] ?? "";
  // Stryker disable next-line Regex: only a known region name lacks catalog models, and it matches the anchored pattern
  if (!REGION_NAME_PATTERN.test(location)) return undefined;
  const region = regionAnswerProblem(location, boundary);
  if (region !== undefined || !["global", "eu", "us"].includes(boundary)) return region;
  const offer = newTeamModelOffer(location, boundary, ctx.now.getTime(), ctx.catalog);
  return offer.ok ? undefined : { flag: "--location", message: offer.message, needsBoundary: true };
}

/** Checks that need more than the config schema: the text of the budget, today's month, the other stacks, the file. */
function contextProblems(raw: RawAnswers, ctx: AnswerContext): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const budget = raw.budget ?? "";
  if (!NUMBER_TEXT.test(budget.trim())) {
    problems.push({
      flag: "--budget",
      message: `must be a plain positive number such as 1500, without separators or currency (got ${quoted(budget)})`,
    });
  }
  const month = raw["start-month"] ?? "";
  // A new budget's start month must also fit today's window (existing stacks keep theirs: not a config rule).
  const startProblem = newBudgetStartProblem(month, ctx.now);
  if (startProblem !== undefined)
    problems.push({ flag: "--start-month", message: `${startProblem} (got ${quoted(month)})` });
  const block = raw["address-space"] ?? "";
  const conflicts = conflictsWith(block, ctx.taken);
  if (conflicts.length > 0) {
    const free = firstFreeBlock(ctx.taken);
    problems.push({
      flag: "--address-space",
      message:
        `overlaps ${conflicts.map((c) => `${c.addressSpace} of ${c.file}`).join(", ")}: each team's private endpoints need their own range ` +
        `(got ${quoted(block)})${free !== undefined ? `; ${free} is free` : ""}`,
    });
  }
  const offer = offerProblem(raw, ctx);
  if (offer !== undefined) problems.push({ flag: offer.flag, message: offer.message });
  const name = raw.name ?? "";
  if (STACK_NAME_PATTERN.test(name) && ctx.stackFileExists(name)) {
    problems.push({
      flag: "--name",
      message: `Pulumi.${name}.yaml already exists; new-team never overwrites a stack file. Edit it, or pick another name (got ${quoted(name)})`,
    });
  }
  return problems;
}

/** Every problem with the answers, each named by its flag; the stack file text when there is none. */
export function checkAnswers(raw: RawAnswers, ctx: AnswerContext): { problems: AnswerProblem[]; text?: string } {
  const problems = contextProblems(raw, ctx);
  try {
    const text = renderTeamStackFile(
      newTeamConfig(toNewTeamAnswers(raw), ctx.now, ctx.catalog),
      ctx.now,
      ctx.platform,
      ctx.schemaRef,
    );
    return problems.length > 0 ? { problems } : { problems, text };
  } catch (error) {
    // Stryker disable next-line ConditionalExpression: another error has no problems, so the loop throws a TypeError: it escapes either way
    if (!(error instanceof ConfigError)) throw error;
    for (const p of error.problems) {
      const flag = Object.entries(FLAG_FOR_PATH).find(
        ([path]) => p.path === path || p.path.startsWith(`${path}[`),
      )?.[1];
      // The budget's text problem already says what was typed; the parser would only see NaN. A name whose file
      // exists, or a region with no model to offer, is said once too (platform.yaml's word comes once that is fixed).
      if (["budget", "name", "location"].includes(flag ?? "") && problems.some((q) => q.flag === `--${flag}`)) continue;
      // No default model for the location: already said under --location, with where models are offered.
      if (p.path === "models" && problems.some((q) => q.flag === "--location")) continue;
      // The parser's region rule: already said under --location, in new-team's flags (the only location problem
      // of a well-formed name; a malformed one has no --location problem above).
      if (p.path === "location" && problems.some((q) => q.flag === "--location")) continue;
      problems.push({ flag: flag !== undefined ? `--${flag}` : `codex-boundary:${p.path}`, message: p.message });
    }
    return { problems };
  }
}

function currentMonth(now: Date): string {
  return `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
}

/**
 * Valid answers to every question, so one answer can be checked on its own while the others are still unknown (the
 * runner labels carry the platform's first dedicated label; what only platform.yaml admits is judged per answer).
 */
export function baselineAnswers(now: Date, platform: PlatformConfig): RawAnswers {
  const group = "00000000-0000-4000-8000-000000000001";
  return {
    name: "baseline",
    "cost-center": "CC",
    location: "swedencentral",
    "data-boundary": "eu",
    "github-owner": "contoso",
    repos: "",
    users: group,
    admins: group,
    budget: "1",
    emails: "leads@example.com",
    "start-month": currentMonth(now),
    "address-space": "10.255.255.0/24",
    "runner-labels": ["self-hosted", ...platform.github.runnerLabels.slice(0, 1)].join(","),
    "auth-mode": "entra",
  };
}

/**
 * The problem with one answer (as typed in a terminal), or undefined when it is fine. `known`: the answers given so
 * far. Whether the region exists is judged as soon as it is typed; whether it lies in the boundary's geography and the
 * model offer depend on location and data boundary together, so they are judged once both are known, under whichever
 * of the two was answered second.
 */
export function checkOneAnswer(
  flag: string,
  text: string,
  ctx: AnswerContext,
  known: RawAnswers = {},
): string | undefined {
  const raw = { ...baselineAnswers(ctx.now, ctx.platform), ...known, [flag]: text };
  const { problems } = checkAnswers(raw, ctx);
  const offer = offerProblem(raw, ctx);
  const own = problems.find((p) => p.flag === `--${flag}`)?.message;
  if (
    flag === "location" &&
    known["data-boundary"] === undefined &&
    offer?.needsBoundary === true &&
    own === offer.message
  )
    return undefined;
  if (flag === "data-boundary" && known.location !== undefined) return own ?? offer?.message;
  return own;
}
