// Loads the project's TypeScript through require() for `npm run plan`, `fleet` and `bench`:
// `node --require ./tools/tsRequire.cjs scripts/plan.ts`.
// Why not tsx: its CLI starts a second node process and an ESM loader thread, and its hook resolves every one of the
// ~1,500 modules the Pulumi SDK loads; that was most of the plan's wall time (docs/fleet.md, Speed). This hook only
// compiles .ts files, with the options tsx uses (so function text, e.g. the dynamic provider Pulumi serializes into the
// plan, is the same), and keeps the output in a cache keyed by the source text, the options and the esbuild version.
"use strict";
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload, loaded before any TypeScript */
const { createHash } = require("node:crypto");
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require("node:fs");
const Module = require("node:module");
const { tmpdir, userInfo } = require("node:os");
const { join } = require("node:path");

const projectDir = join(__dirname, "..");
const tsconfigRaw = readFileSync(join(projectDir, "tsconfig.json"), "utf8");
const cacheDir = join(tmpdir(), `codex-boundary-ts-${userInfo().uid}`);
const esbuildVersion = require("esbuild/package.json").version;
let esbuild;

function optionsFor(filename) {
  return {
    target: `node${process.versions.node}`,
    loader: "ts",
    format: "cjs",
    platform: "node",
    sourcefile: filename,
    sourcemap: "inline",
    minifyWhitespace: true,
    keepNames: true,
    banner: `__filename=${JSON.stringify(filename)};(()=>{`,
    footer: "})()",
    tsconfigRaw,
  };
}

function compile(source, filename) {
  const options = optionsFor(filename);
  const key = createHash("sha256")
    .update(`${esbuildVersion}\0${JSON.stringify(options)}\0${source}`)
    .digest("hex");
  const cached = join(cacheDir, `${key}.js`);
  try {
    return readFileSync(cached, "utf8");
  } catch {
    esbuild ??= require("esbuild");
    const { code } = esbuild.transformSync(source, options);
    mkdirSync(cacheDir, { recursive: true });
    const partial = `${cached}.${process.pid}`;
    writeFileSync(partial, code);
    renameSync(partial, cached);
    return code;
  }
}

Module._extensions[".ts"] = (module, filename) => {
  module._compile(compile(readFileSync(filename, "utf8"), filename), filename);
};
// Source maps cost about a quarter of a second per run (Node then reads the SDK's .js.map files too); stack traces
// are printed only with --verbose, so only then are they mapped back to the .ts lines.
if (process.argv.includes("--verbose") || process.argv.includes("-v")) process.setSourceMapsEnabled(true);
