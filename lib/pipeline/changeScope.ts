/**
 * What a pull request may change at once. A team's stack file is reviewed as a choice within platform.yaml, by the
 * team's owners (CODEOWNERS); a platform change is reviewed by the platform and security owners. One pull request
 * with both would let a platform change ride on a stack-file review, and its preview would run the changed program
 * against the changed stack. So deploy.yml refuses it before any plan or preview runs.
 */

/** A team stack file: Pulumi.<stack>.yaml in the repository root (what deploy.yml's stack list finds). */
const STACK_FILE = /^Pulumi\..+\.yaml$/;

/**
 * Platform files, each with why: they decide what the plan and preview jobs install, build and run, what the
 * pipeline and the policy pack check, and what the platform allows. Folders end in '/'.
 */
export const PLATFORM_FILES: ReadonlyArray<{ path: string; why: string }> = [
  { path: "platform.yaml", why: "what every team may choose" },
  { path: "Pulumi.yaml", why: "the project: its runtime and main program" },
  { path: "package.json", why: "the dependencies and scripts the jobs install and run" },
  { path: "package-lock.json", why: "the exact packages installed" },
  { path: ".npmrc", why: "where packages are installed from" },
  { path: "tsconfig.json", why: "how the program is compiled" },
  { path: "tsconfig.build.json", why: "how the deployed program is built" },
  { path: ".gitattributes", why: "what the CI gate scans" },
  { path: ".ci/", why: "the script CI runs (npm ci, npm test)" },
  { path: "vitest.config.mts", why: "which tests CI runs" },
  { path: "vitest.unit.config.mts", why: "which unit tests CI runs" },
  { path: "lib/", why: "the program's rules" },
  { path: "components/", why: "the resources the program creates" },
  { path: "stacks/", why: "the program" },
  { path: "providers/", why: "the program's dynamic providers" },
  { path: "policies/", why: "the policy pack every preview and deployment runs" },
  { path: "scripts/", why: "the pipeline's commands" },
  { path: "tools/", why: "the pipeline's adapters" },
  { path: ".github/", why: "the workflows and their identities" },
];

/**
 * Generated from platform.yaml and the stack files (lib/github/codeOwners.ts), so a new stack file brings its line:
 * its content is pinned by a test, and GitHub reviews it under the base branch's CODEOWNERS (security).
 */
export const CODEOWNERS_FILE = ".github/CODEOWNERS";

export type ChangeKind = "stack" | "platform" | "other";

export function changeKind(path: string): ChangeKind {
  if (STACK_FILE.test(path)) return "stack";
  if (path === CODEOWNERS_FILE) return "other";
  const platform = PLATFORM_FILES.some((f) => (f.path.endsWith("/") ? path.startsWith(f.path) : path === f.path));
  return platform ? "platform" : "other";
}

export interface ChangeScope {
  ok: boolean;
  stackFiles: string[];
  platformFiles: string[];
  message: string;
}

const LISTED = 10;

function names(paths: readonly string[]): string {
  const shown = paths.slice(0, LISTED).join(", ");
  return paths.length > LISTED ? `${shown} and ${paths.length - LISTED} more` : shown;
}

/** The verdict on a pull request's changed paths (repository-relative, as git prints them). */
export function changeScope(paths: readonly string[]): ChangeScope {
  const changed = [...new Set(paths.filter((p) => p !== ""))].sort();
  const stackFiles = changed.filter((p) => changeKind(p) === "stack");
  const platformFiles = changed.filter((p) => changeKind(p) === "platform");
  if (stackFiles.length > 0 && platformFiles.length > 0) {
    return {
      ok: false,
      stackFiles,
      platformFiles,
      message:
        `This pull request changes team stack files (${names(stackFiles)}) together with platform files ` +
        `(${names(platformFiles)}): split into two pull requests, one with the stack files only (reviewed by ` +
        `the team's owners) and one with the platform files (reviewed by the platform and security owners), and ` +
        `merge the platform one first.`,
    };
  }
  const what =
    stackFiles.length > 0
      ? `team stack files only (${names(stackFiles)})`
      : platformFiles.length > 0
        ? `platform files and no stack file`
        : "no stack file and no platform file";
  return { ok: true, stackFiles, platformFiles, message: `This pull request changes ${what}.` };
}
