/**
 * Reads Stryker's JSON report (mutation-testing-report-schema) and the committed list of equivalent mutants, and
 * says per file whether the pure core meets the bar of issue 16: a score of at least 90% and every surviving
 * mutant either killed or listed as equivalent with a reason. Pure: the CLI (scripts/mutation-summary.ts) reads files.
 */

export const MINIMUM_SCORE = 90;

/** The statuses Stryker writes into its JSON report. */
export type MutantStatus = "Killed" | "Survived" | "NoCoverage" | "Timeout" | "CompileError" | "RuntimeError" | "Ignored" | "Pending";

export interface ReportMutant {
  id: string;
  mutatorName: string;
  replacement?: string;
  status: MutantStatus;
  location: { start: { line: number; column: number } };
}

export interface MutationReport {
  files: Record<string, { mutants: ReportMutant[] }>;
}

/** One line of test/mutation-equivalents.md: `- lib/x.ts:12 MutatorName: why`. */
export interface EquivalentEntry {
  file: string;
  line: number;
  mutatorName: string;
  why: string;
}

export interface FileSummary {
  file: string;
  killed: number;
  survived: number;
  noCoverage: number;
  /** Static mutants left out of the run (`ignoreStatic`), and mutants Stryker could not run. */
  ignored: number;
  errors: number;
  /** killed / (killed + survived + noCoverage), in percent; null when nothing was run. */
  score: number | null;
  /** Survivors (and uncovered mutants) that no equivalents entry explains. */
  unexplained: ReportMutant[];
}

export interface MutationSummary {
  files: FileSummary[];
  /** Entries of the equivalents file that match no surviving mutant (the code moved or a test now kills it). */
  staleEntries: EquivalentEntry[];
  /** Files under the bar or with unexplained survivors. */
  failing: string[];
}

const ENTRY = /^- (lib\/[\w./-]+\.ts):(\d+) (\w+)(?::|\s+-+|\s+—)\s*(.+)$/;

/** The entries of the equivalents file; any other line (headings, prose) is ignored. */
export function parseEquivalents(markdown: string): EquivalentEntry[] {
  return markdown.split("\n").flatMap((line) => {
    const match = ENTRY.exec(line.trim());
    if (match === null) return [];
    const [, file, lineNumber, mutatorName, why] = match as unknown as [string, string, string, string, string];
    return [{ file, line: Number(lineNumber), mutatorName, why: why.trim() }];
  });
}

function isUndetected(mutant: ReportMutant): boolean {
  return mutant.status === "Survived" || mutant.status === "NoCoverage";
}

function explains(entry: EquivalentEntry, file: string, mutant: ReportMutant): boolean {
  return entry.file === file && entry.line === mutant.location.start.line && entry.mutatorName === mutant.mutatorName;
}

export function summarize(report: MutationReport, equivalents: EquivalentEntry[], minimumScore = MINIMUM_SCORE): MutationSummary {
  const used = new Set<EquivalentEntry>();
  const files = Object.entries(report.files)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([file, { mutants }]): FileSummary => {
      const count = (...statuses: MutantStatus[]) => mutants.filter((m) => statuses.includes(m.status)).length;
      const killed = count("Killed", "Timeout");
      const survived = count("Survived");
      const noCoverage = count("NoCoverage");
      const ran = killed + survived + noCoverage;
      // An entry for a static mutant that this run ignored (MUTATION_STATIC unset) is not stale: it was not run.
      for (const mutant of mutants.filter((m) => m.status === "Ignored")) {
        for (const entry of equivalents.filter((candidate) => explains(candidate, file, mutant))) used.add(entry);
      }
      const unexplained = mutants.filter(isUndetected).filter((mutant) => {
        const entry = equivalents.find((candidate) => explains(candidate, file, mutant));
        if (entry !== undefined) used.add(entry);
        return entry === undefined;
      });
      return {
        file,
        killed,
        survived,
        noCoverage,
        ignored: count("Ignored"),
        errors: count("CompileError", "RuntimeError"),
        score: ran === 0 ? null : (100 * killed) / ran,
        unexplained,
      };
    });
  const measured = new Set(files.map((f) => f.file));
  return {
    files,
    staleEntries: equivalents.filter((entry) => measured.has(entry.file) && !used.has(entry)),
    failing: files.filter((f) => (f.score !== null && f.score < minimumScore) || f.unexplained.length > 0).map((f) => f.file),
  };
}

function formatScore(score: number | null): string {
  return score === null ? "-" : `${(Math.floor(score * 10) / 10).toFixed(1)}%`;
}

/** The table the CLI prints, then each unexplained survivor and each stale entry, one per line. */
export function renderSummary(summary: MutationSummary, minimumScore = MINIMUM_SCORE): string {
  const rows = summary.files.map((f) =>
    [f.file, formatScore(f.score), f.killed, f.survived, f.noCoverage, f.ignored, f.unexplained.length === 0 && (f.score ?? 100) >= minimumScore ? "ok" : "BELOW"].join(" | "),
  );
  const lines = ["file | score | killed | survived | no coverage | ignored (static) | bar", "--- | --- | --- | --- | --- | --- | ---", ...rows];
  for (const f of summary.files) {
    for (const m of f.unexplained) {
      lines.push(`unexplained: ${f.file}:${m.location.start.line} ${m.mutatorName} ${JSON.stringify(m.replacement ?? "")} (${m.status})`);
    }
  }
  for (const entry of summary.staleEntries) {
    lines.push(`stale equivalent entry: ${entry.file}:${entry.line} ${entry.mutatorName} (no such surviving mutant: remove or fix the line)`);
  }
  lines.push(
    summary.failing.length === 0
      ? `every measured file is at or above ${minimumScore}% and every survivor is listed as equivalent`
      : `${summary.failing.length} file(s) below ${minimumScore}% or with unexplained survivors: ${summary.failing.join(", ")}`,
  );
  return lines.join("\n");
}
