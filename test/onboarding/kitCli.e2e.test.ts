import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { PROJECT_DIR } from "../support/stackFiles";

const TSX_CLI = join(PROJECT_DIR, "node_modules/tsx/dist/cli.mjs");
const kit = (args: string[], path: string) =>
  spawnSync(process.execPath, [TSX_CLI, "scripts/kit.ts", ...args], {
    cwd: PROJECT_DIR,
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, PATH: path },
  });

// The entry with the real Pulumi CLI lookup on PATH; what the kit writes is tested in-process (kitCli.program.test.ts).
test("npm run kit reads the outputs through the pulumi on PATH, and names a missing pulumi", () => {
  const bin = join(mkdtempSync(join(tmpdir(), "cb-kit-stub-")), "bin");
  mkdirSync(bin);
  writeFileSync(
    join(bin, "pulumi"),
    ["#!/usr/bin/env bash", '[ "$*" = "stack output --json --stack dev" ] && echo "{}"'].join("\n"),
  );
  chmodSync(join(bin, "pulumi"), 0o755);
  const out = mkdtempSync(join(tmpdir(), "cb-kit-out-"));
  const undeployed = kit(["--stack", "dev", "--out", out], `${bin}:${process.env.PATH ?? ""}`);
  expect(undeployed.status).toBe(2);
  expect(undeployed.stderr).toContain("stack 'dev' has no outputs: deploy it first");
  expect(readdirSync(out)).toEqual([]);
  const missing = kit(["--stack", "dev"], mkdtempSync(join(tmpdir(), "cb-kit-empty-path-")));
  expect(missing.status).toBe(2);
  expect(missing.stderr).toContain("the Pulumi CLI (pulumi) is not on PATH");
});
