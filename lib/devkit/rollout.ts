/**
 * The staged rollout (issue 27): what each stage of a team (or one of its repositories) gets. Local use first, then
 * one low-risk CI task with human review, and only later CI tasks that touch code. Pure data: the stack file names
 * the stage (`rollout`), the kit renders from this table.
 */

export const ROLLOUT_STAGES = ["local", "ci-docs", "ci-code"] as const;
export type RolloutStage = (typeof ROLLOUT_STAGES)[number];

/** A stack file without `rollout` keeps what the kit shipped before stages existed: the ci-docs stage. */
export const DEFAULT_ROLLOUT_STAGE: RolloutStage = "ci-docs";
/** What new-team writes for a new team: developers on their machines only, no CI. */
export const NEW_TEAM_ROLLOUT_STAGE: RolloutStage = "local";

export type RolloutProfile = "chat" | "agent" | "ci";

export interface StageRules {
  summary: string;
  /** The profiles the kit ships (full-access stays the separate codex.allowFullAccess opt-out). */
  profiles: readonly RolloutProfile[];
  /** Whether a repository at this stage gets the Codex CI workflow. */
  ciWorkflow: boolean;
  /** The CI task (null without a workflow). */
  task: "changelog-docs" | "changelog-docs-code" | null;
  /** Paths every CI run may change: a trailing `/` is a folder and everything below it, otherwise one file. */
  paths: readonly string[];
  /** Whether rollout.codePaths are added to `paths`. */
  codePaths: boolean;
}

const DOCS_PATHS = ["CHANGELOG.md", "docs/"] as const;

export const ROLLOUT_TABLE: Readonly<Record<RolloutStage, StageRules>> = {
  local: {
    summary: "chat and agent profiles on developer machines; no CI workflow",
    profiles: ["chat", "agent"],
    ciWorkflow: false,
    task: null,
    paths: [],
    codePaths: false,
  },
  "ci-docs": {
    summary: "adds the ci profile and a CI workflow that may change CHANGELOG.md and docs/ only, as a pull request",
    profiles: ["chat", "agent", "ci"],
    ciWorkflow: true,
    task: "changelog-docs",
    paths: DOCS_PATHS,
    codePaths: false,
  },
  "ci-code": {
    summary: "the CI workflow may also change rollout.codePaths, still as a pull request for review",
    profiles: ["chat", "agent", "ci"],
    ciWorkflow: true,
    task: "changelog-docs-code",
    paths: DOCS_PATHS,
    codePaths: true,
  },
};

/** Stages are ordered: a repository's stage may not go beyond its team's. */
export function stageRank(stage: RolloutStage): number {
  return ROLLOUT_STAGES.indexOf(stage);
}

/** The paths a CI run at `stage` may change, or [] where the stage has no workflow. */
export function allowedCiPaths(stage: RolloutStage, codePaths: readonly string[]): string[] {
  const rules = ROLLOUT_TABLE[stage];
  if (!rules.ciWorkflow) return [];
  return rules.codePaths ? [...rules.paths, ...codePaths] : [...rules.paths];
}

/**
 * An extended regular expression (grep -E) matching exactly the allowed paths. Paths are limited to
 * [A-Za-z0-9._/-] by the schema, so `.` is the only character to escape.
 */
export function allowedPathPattern(paths: readonly string[]): string {
  const alternatives = paths.map((path) => {
    const escaped = path.replace(/\./g, "\\.");
    return path.endsWith("/") ? `${escaped}.*` : escaped;
  });
  return `^(${alternatives.join("|")})$`;
}

/** A repository's own stage, or the team's when the stack file names none for it. */
export function repositoryStage(
  rollout: { stage: RolloutStage; repositories: Readonly<Record<string, RolloutStage>> },
  owner: string,
  name: string,
): RolloutStage {
  const key = `${owner}/${name}`.toLowerCase();
  const match = Object.entries(rollout.repositories).find(([k]) => k.toLowerCase() === key);
  return match?.[1] ?? rollout.stage;
}

/** What the plan and the fleet show of a stack's rollout. */
export interface RolloutView {
  stage: RolloutStage;
  /** `default`: the stack file has no `rollout`, so the kit ships DEFAULT_ROLLOUT_STAGE. */
  source: "stack-file" | "default";
  /** Repositories (`<owner>/<name>`) that stay behind the team's stage, and their stage. */
  repositoriesBehind: Array<{ repository: string; stage: RolloutStage }>;
  /** The code paths CI may change at ci-code (empty below it). */
  codePaths: string[];
}

const isStage = (value: unknown): value is RolloutStage =>
  typeof value === "string" && (ROLLOUT_STAGES as readonly string[]).includes(value);

/**
 * The rollout of a stack from its decoded `rollout` config value (anything the stack file holds: the plan and the
 * fleet read validated files, so what is not a stage is left out rather than reported again).
 */
export function rolloutView(rollout: unknown): RolloutView {
  const record =
    typeof rollout === "object" && rollout !== null && !Array.isArray(rollout)
      ? (rollout as Record<string, unknown>)
      : undefined;
  if (record === undefined || !isStage(record.stage))
    return { stage: DEFAULT_ROLLOUT_STAGE, source: "default", repositoriesBehind: [], codePaths: [] };
  const stage = record.stage;
  const repositories =
    typeof record.repositories === "object" && record.repositories !== null
      ? Object.entries(record.repositories as Record<string, unknown>)
      : [];
  const codePaths = Array.isArray(record.codePaths)
    ? record.codePaths.filter((p): p is string => typeof p === "string")
    : [];
  return {
    stage,
    source: "stack-file",
    repositoriesBehind: repositories
      .flatMap(([repository, value]) =>
        isStage(value) && stageRank(value) < stageRank(stage) ? [{ repository, stage: value }] : [],
      )
      .sort((a, b) => a.repository.localeCompare(b.repository)),
    codePaths: ROLLOUT_TABLE[stage].codePaths ? codePaths : [],
  };
}

/** One cell for text reports: `ci-docs (default)` (no rollout in the stack file), `ci-docs; local: contoso/a, contoso/b`. */
export function rolloutText(view: RolloutView): string {
  const head = view.source === "default" ? `${view.stage} (default)` : view.stage;
  const paths = view.codePaths.length > 0 ? ` [${view.codePaths.join(", ")}]` : "";
  const behind = ROLLOUT_STAGES.map((stage) => {
    const names = view.repositoriesBehind.filter((r) => r.stage === stage).map((r) => r.repository);
    return names.length > 0 ? `; ${stage}: ${names.join(", ")}` : "";
  }).join("");
  return `${head}${paths}${behind}`;
}
