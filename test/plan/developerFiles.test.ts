import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { PLAN_FOLDER_MARKER } from "../../lib/plan/folders";
import { writeDeveloperFiles } from "../../tools/plan/developerFiles";

test("a plan replaces its own folder: stale files go, the new files and the marker are there", () => {
  const out = join(mkdtempSync(join(tmpdir(), "cb-devfiles-")), "dev");
  writeDeveloperFiles(out, { "config.toml": "a = 1\n", "old.txt": "stale" });
  writeDeveloperFiles(out, { "config.toml": "a = 2\n", "repos/api/.github/workflows/codex.yml": "name: x\n" });
  expect(readdirSync(out).sort()).toEqual([PLAN_FOLDER_MARKER, "config.toml", "repos"].sort());
  expect(readFileSync(join(out, "config.toml"), "utf8")).toBe("a = 2\n");
});

test("a non-empty folder a plan did not write is refused and left untouched", () => {
  const out = join(mkdtempSync(join(tmpdir(), "cb-devfiles-")), "dev");
  mkdirSync(out);
  writeFileSync(join(out, "notes.md"), "mine");
  expect(() => writeDeveloperFiles(out, { "config.toml": "a = 1\n" })).toThrowError(
    /already holds files that npm run plan did not write/,
  );
  expect(readdirSync(out)).toEqual(["notes.md"]);
  expect(existsSync(join(out, "config.toml"))).toBe(false);
});

test("paths that escape the folder and secret values are refused before anything is written", () => {
  const out = join(mkdtempSync(join(tmpdir(), "cb-devfiles-")), "dev");
  expect(() => writeDeveloperFiles(out, { "../escape.txt": "x" })).toThrowError(
    /must be a relative path inside the output folder/,
  );
  expect(existsSync(out)).toBe(false);
});
