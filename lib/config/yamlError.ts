/**
 * A YAML parse error as people read it: the reason with its line and column, then the offending line and the caret
 * the parser drew under it. The parser ends its first line with ":" and puts the snippet below; printing only the
 * first line would leave a bare colon and drop the snippet.
 */
export function describeYamlError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const [reason = "", ...rest] = message.trimEnd().split("\n");
  const snippet = rest.filter((line) => line.trim() !== "");
  if (snippet.length === 0) return reason.replace(/:$/, "");
  return [reason.replace(/:$/, ""), ...snippet.map((line) => `    ${line}`)].join("\n");
}
