import { formatPath, valueAt } from "../config/parse";
import { PLATFORM_FILE_NAME, type PlatformConfig, platformConfigSchema } from "./schema";

/** A mistake in platform.yaml: every problem at once, each `platform.yaml: <path>: <message> (got <value>)`. */
export class PlatformFileError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[], source = PLATFORM_FILE_NAME) {
    super(
      `${problems.length} problem${problems.length === 1 ? "" : "s"} in ${source}; nothing was created:\n` +
        `${problems.map((p) => `  - ${p}`).join("\n")}\n` +
        `${PLATFORM_FILE_NAME} is the platform team's file (docs/platform.md): fix it there, in its own pull request.`,
    );
    this.name = "PlatformFileError";
    this.problems = problems;
  }
}

/** Validates a parsed platform.yaml, or throws one PlatformFileError listing every problem. */
export function parsePlatformConfig(raw: unknown, source?: string): PlatformConfig {
  const result = platformConfigSchema.safeParse(raw ?? {});
  if (result.success) return result.data;
  throw new PlatformFileError(
    result.error.issues.map((issue) => {
      const path = formatPath(issue.path) || "(top level)";
      if (issue.code === "unrecognized_keys") return `${path}: unknown key(s) ${issue.keys.join(", ")} (a typo?)`;
      const got = valueAt(raw, issue.path);
      return `${path}: ${issue.message}${got === undefined ? "" : ` (got ${JSON.stringify(got)})`}`;
    }),
    source,
  );
}
