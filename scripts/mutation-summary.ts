/**
 * npm run mutate:summary [-- --report <mutation.json>]
 * After `npm run mutate`: the score of each file of the pure core against the 90% bar, and every surviving mutant
 * that test/mutation-equivalents.md does not explain. Exit 1 when a file is below the bar or a survivor is unexplained.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { parseEquivalents, renderSummary, summarize, type MutationReport } from "../tools/mutation/summary";

const PROJECT_DIR = join(__dirname, "..");
const { values } = parseArgs({
  options: { report: { type: "string", default: join(process.env.MUTATION_REPORT_DIR ?? join(PROJECT_DIR, "reports/mutation"), "mutation.json") } },
});
const reportPath = values.report;
if (!existsSync(reportPath)) {
  process.stderr.write(`No mutation report at ${reportPath}: run \`npm run mutate\` first (or pass --report <path to mutation.json>).\n`);
  process.exit(2);
}
const report = JSON.parse(readFileSync(reportPath, "utf8")) as MutationReport;
const equivalents = parseEquivalents(readFileSync(join(PROJECT_DIR, "test/mutation-equivalents.md"), "utf8"));
const summary = summarize(report, equivalents);
process.stdout.write(`${renderSummary(summary)}\n`);
process.exitCode = summary.failing.length === 0 ? 0 : 1;
