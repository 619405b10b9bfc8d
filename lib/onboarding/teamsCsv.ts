import { parse } from "csv-parse/sync";
import type { ConfigProblem } from "../config/problem";
import { NEW_TEAM_FLAGS } from "./flags";

/** The columns a `--from` CSV may have: exactly the new-team flags (without the dashes). */
export const TEAMS_CSV_COLUMNS: readonly string[] = NEW_TEAM_FLAGS.map((f) => f.flag);

/** One team's row: its line in the file and its values by flag name (empty cells left out). */
export interface TeamsCsvRow {
  line: number;
  values: Readonly<Record<string, string>>;
}

/** Parses a teams CSV (header = new-team flag names, one row per team): rows, or every problem in it. */
export function parseTeamsCsv(text: string, file = "teams.csv"): { rows: TeamsCsvRow[]; problems: ConfigProblem[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { info: true, skip_empty_lines: true, trim: true }) as unknown as typeof records;
  } catch (e) {
    const where = e instanceof Error && "lines" in e ? `:${String((e as { lines: unknown }).lines)}` : "";
    const why = e instanceof Error ? e.message : String(e);
    return {
      rows: [],
      problems: [
        {
          path: `${file}${where}`,
          message: `is not valid CSV (${why}); fix the quoting or the row's cells and run again`,
        },
      ],
    };
  }
  const [head, ...body] = records;
  if (head === undefined) {
    return {
      rows: [],
      problems: [{ path: file, message: `is empty; give a header line: ${TEAMS_CSV_COLUMNS.join(",")}` }],
    };
  }
  const problems: ConfigProblem[] = [];
  const header = head.record;
  header.forEach((col, i) => {
    if (!TEAMS_CSV_COLUMNS.includes(col)) {
      problems.push({
        path: `${file}:${head.info.lines}`,
        message: `column ${i + 1} '${col}' is not a new-team flag; allowed columns: ${TEAMS_CSV_COLUMNS.join(",")}`,
      });
    } else if (header.indexOf(col) !== i) {
      problems.push({ path: `${file}:${head.info.lines}`, message: `column '${col}' is given twice; keep one` });
    }
  });
  if (!header.includes("name")) {
    problems.push({ path: `${file}:${head.info.lines}`, message: "has no 'name' column; add it (one team per row)" });
  }
  if (problems.length > 0) return { rows: [], problems };
  const rows = body.map(({ record, info }) => {
    const values: Record<string, string> = {};
    header.forEach((col, i) => {
      const v = record[i];
      if (v !== undefined && v !== "") values[col] = v;
    });
    return { line: info.lines, values };
  });
  return { rows, problems: [] };
}
