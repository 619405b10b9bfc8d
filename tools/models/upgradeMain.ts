import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { systemClock } from "../clock";
import { runUpgradeCli } from "./upgradeCli";

/** `npm run models -- --upgrade` with the real file system and clock. */
export async function runUpgrade(argv: readonly string[]): Promise<number> {
  return Promise.resolve(
    runUpgradeCli(argv, {
      projectDir: resolve(__dirname, "../.."),
      // --as-of replaces it.
      clock: systemClock,
      readFile: (path) => readFileSync(path, "utf8"),
      writeFile: (path, text) => writeFileSync(path, text),
      listDir: (dir) => readdirSync(dir),
      exists: (path) => existsSync(path),
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
    }),
  );
}
