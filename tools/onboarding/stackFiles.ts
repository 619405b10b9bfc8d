import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  isStackFileName,
  scanStackFileTexts,
  type StackFileScan,
  type StackFileText,
} from "../../lib/onboarding/addressSpace";

/** The team stack files in `dir`, each with its text (undefined when it cannot be read); none when `dir` cannot be listed. */
export function readStackFiles(dir: string): StackFileText[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter(isStackFileName);
  } catch {
    names = [];
  }
  return names.map((name) => {
    try {
      return { name, text: readFileSync(join(dir, name), "utf8") };
    } catch {
      return { name, text: undefined };
    }
  });
}

/** What new-team learns from the team stacks in `dir` (lib/onboarding/addressSpace.ts, scanStackFileTexts). */
export function scanStackFiles(dir: string): StackFileScan {
  return scanStackFileTexts(readStackFiles(dir));
}
