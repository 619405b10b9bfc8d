import { PROJECT_NAME } from "../names";

/** One thing wrong with the config: where, what it was, and what is allowed. */
export interface ConfigProblem {
  path: string;
  message: string;
}

/** How a problem reads on its own line: `codex-boundary:<path>: <message>` (a provider key such as `azure-native:x` as is). */
export function problemLine(problem: ConfigProblem): string {
  return `${problem.path.includes(":") ? "" : `${PROJECT_NAME}:`}${problem.path}: ${problem.message}`;
}

/** Thrown for a user's config mistake: carries every problem at once, never a stack trace for the user. */
export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];

  /** `stackFile`: the file to fix, by name (`Pulumi.dev.yaml`), when the caller knows which stack it is. */
  constructor(problems: readonly ConfigProblem[], source = "the stack config", stackFile = "Pulumi.<stack>.yaml") {
    const lines = problems.map((p) => `  - ${problemLine(p)}`);
    super(
      `${problems.length} problem${problems.length === 1 ? "" : "s"} in ${source}; nothing was created:\n${lines.join("\n")}\n` +
        `Fix them in ${stackFile} (or with 'pulumi config set --path ${PROJECT_NAME}:<key> <value>') and run again.`,
    );
    this.name = "ConfigError";
    this.problems = problems;
  }
}
