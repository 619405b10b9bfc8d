import MarkdownIt from "markdown-it";

/** A shell block of a runbook: what a person types, in the order the page gives it. */
export interface RunbookBlock {
  /** 1-based line of the opening fence, for messages. */
  line: number;
  /** The heading the block sits under. */
  section: string;
  code: string;
}

/** Every ```bash (or ```sh) block of a Markdown page, in order, with the heading above it. */
export function runbookBlocks(markdown: string): RunbookBlock[] {
  const tokens = new MarkdownIt().parse(markdown, {});
  const blocks: RunbookBlock[] = [];
  let section = "";
  tokens.forEach((token, i) => {
    if (token.type === "heading_open") section = tokens[i + 1]?.content ?? "";
    if (token.type !== "fence" || !/^(bash|sh)\b/.test(token.info.trim())) return;
    blocks.push({ line: (token.map?.[0] ?? 0) + 1, section, code: token.content });
  });
  return blocks;
}

/**
 * One bash script that runs the blocks in order in one shell (a `cd` or a variable carries over, as in a person's
 * terminal), stopping at the first failing command and naming its block on stderr.
 */
export function runbookScript(blocks: readonly RunbookBlock[]): string {
  const parts = blocks.map(
    (b, i) =>
      `echo "::block ${i + 1} (line ${b.line}, ${b.section.replace(/["`$\\]/g, "")})" >&2\n${b.code.trimEnd()}\n`,
  );
  return ["set -euo pipefail", ...parts, 'echo "::done" >&2', ""].join("\n");
}
