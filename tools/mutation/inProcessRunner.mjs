// A Stryker test runner that runs the pure core's vitest unit tests in its own process, with the lib/ modules
// loaded once (docs/testing.md, "Why an in-process runner").
//
// Stryker's vitest runner starts a new worker thread for every mutant and imports each covering test file and its
// dependencies again: about half a second a mutant on 2 cores, which made a full run about an hour. Stryker's
// instrumented code reads the active mutant at run time (mutation switching), so modules need not be reloaded
// between mutants; only a mutant whose code also runs at import ("hybrid") asks for a reload, and gets one.
// The tests run on vitest's own runner and expect (@vitest/runner, @vitest/expect with chai), so they behave as in
// `npm test`; only their imports from "vitest" are served by this runner.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { isAbsolute, join, relative, sep } from "node:path";
import { INSTRUMENTER_CONSTANTS } from "@stryker-mutator/api/core";
import { commonTokens, declareClassPlugin, PluginKind, tokens } from "@stryker-mutator/api/plugin";
import { determineHitLimitReached, DryRunStatus, TestStatus, toMutantRunResult } from "@stryker-mutator/api/test-runner";
import { JestAsymmetricMatchers, JestChaiExpect, JestExtend, getState, setState, ASYMMETRIC_MATCHERS_OBJECT } from "@vitest/expect";
import * as vitestRunner from "@vitest/runner";
import * as chai from "chai";
import { register } from "tsx/cjs/api";
import { cheapestFirst, selectTests, testId } from "./testIds.cjs";

const require = createRequire(import.meta.url);
const SHIM_KEY = "__codexBoundaryVitest__";
const SHIM_PATH = join(import.meta.dirname, "vitestShim.cjs");

function createExpect() {
  chai.use(JestExtend);
  chai.use(JestChaiExpect);
  chai.use(JestAsymmetricMatchers);
  const expect = (value, message) => {
    setState({ assertionCalls: getState(expect).assertionCalls + 1 }, expect);
    return chai.expect(value, message);
  };
  Object.assign(expect, chai.expect);
  Object.assign(expect, globalThis[ASYMMETRIC_MATCHERS_OBJECT]);
  expect.getState = () => getState(expect);
  expect.setState = (state) => setState(state, expect);
  setState({ assertionCalls: 0, isExpectingAssertions: false, isExpectingAssertionsError: null, expectedAssertionsNumber: null, expectedAssertionsNumberErrorGen: null }, expect);
  return expect;
}

/** Serves `import { describe, test, expect, ... } from "vitest"` from vitest's own runner and expect. */
function installVitestShim() {
  const { describe, test, it, suite, beforeAll, beforeEach, afterAll, afterEach } = vitestRunner;
  globalThis[SHIM_KEY] = { describe, test, it, suite, beforeAll, beforeEach, afterAll, afterEach, expect: createExpect() };
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function resolveVitest(request, ...rest) {
    return request === "vitest" ? SHIM_PATH : resolve.call(this, request, ...rest);
  };
}

/** The names of the test and its suites, outermost first, as vitest shows them; the file is not one of them. */
function fullName(task) {
  const names = [];
  for (let t = task; t !== undefined && t !== t.file && !("filepath" in t); t = t.suite) names.unshift(t.name);
  return names.join(" > ");
}

function allTests(task) {
  return task.type === "test" ? [task] : (task.tasks ?? []).flatMap(allTests);
}

function failureText(test) {
  const error = test.result?.errors?.[0];
  return error ? `${error.name ?? "Error"}: ${error.message ?? ""}` : "failed";
}

export class InProcessVitestRunner {
  static inject = tokens(commonTokens.options, commonTokens.logger);

  /** Stryker starts the runner in its sandbox, the project's copy with instrumented lib/; tests may pass a root. */
  constructor(options, logger, root = process.cwd()) {
    this.options = options;
    this.logger = logger;
    this.root = root;
    /** Each test's time in the first run, to run a mutant's cheap tests first. */
    this.timeSpentMs = new Map();
    this.timesFile = join(root, ".mutation-test-times.json");
    /** Each test file's project modules (relative paths), from the first run: what a static mutant can reach. */
    this.dependencies = new Map();
    this.dependenciesFile = join(root, ".mutation-test-dependencies.json");
    this.ns = (globalThis[INSTRUMENTER_CONSTANTS.NAMESPACE] ??= {});
  }

  capabilities() {
    return { reloadEnvironment: true };
  }

  async init() {
    register();
    installVitestShim();
    const { unitTestFiles } = require(join(import.meta.dirname, "unitTests.ts"));
    this.files = unitTestFiles(this.root);
    if (existsSync(this.timesFile)) this.timeSpentMs = new Map(Object.entries(JSON.parse(readFileSync(this.timesFile, "utf8"))));
    if (existsSync(this.dependenciesFile)) this.dependencies = new Map(Object.entries(JSON.parse(readFileSync(this.dependenciesFile, "utf8"))));
    this.loader = new Module(join(this.root, "[mutation test loader]"), null);
    this.loader.paths = Module._nodeModulePaths(this.root);
  }

  relative(path) {
    return relative(this.root, path).split(sep).join("/");
  }

  /**
   * Runs `files` (relative paths); `only` limits the tests by id; the first failure stops the run when `bail`;
   * `onCollected` is called once the test files are loaded, before any test runs.
   */
  async run(files, { only, bail, collectCoverage, onCollected }) {
    const ns = this.ns;
    let bailed = false;
    const runner = {
      config: {
        root: this.root, setupFiles: [], name: undefined, passWithNoTests: true, testNamePattern: undefined, allowOnly: false,
        sequence: { seed: 0, hooks: "stack", setupFiles: "list", shuffle: false, concurrent: false }, chaiConfig: undefined,
        maxConcurrency: 5, testTimeout: 300_000, hookTimeout: 300_000, retry: 0, includeTaskLocation: false,
        tags: [], tagsFilter: undefined, strictTags: false,
      },
      importFile: async (filepath) => {
        // The test file itself is evaluated again so its tests register again; what it imports stays loaded. Its
        // old module is dropped from the loader's children too, or every run's copy would stay in memory.
        delete require.cache[filepath];
        this.loader.children.length = 0;
        this.loader.require(filepath);
      },
      onCollected: () => {
        onCollected?.();
      },
      onBeforeRunTask: (test) => {
        if (bailed || (only && !only.has(testId(this.relative(test.file.filepath), fullName(test))))) test.mode = "skip";
      },
      onBeforeTryTask: (test) => {
        if (collectCoverage) ns.currentTestId = testId(this.relative(test.file.filepath), fullName(test));
      },
      onAfterTryTask: () => {
        ns.currentTestId = undefined;
      },
      onAfterRunTask: (test) => {
        if (bail && test.result?.state === "fail") bailed = true;
      },
    };
    const done = await vitestRunner.startTests(files.map((file) => join(this.root, file)), runner);
    const fileErrors = done.flatMap((file) => (file.result?.errors ?? []).map((error) => `${this.relative(file.filepath)}: ${error.message}`));
    const tests = done.flatMap((file) =>
      allTests(file)
        .filter((test) => test.result && test.mode !== "skip")
        .map((test) => {
          const id = testId(this.relative(file.filepath), fullName(test));
          const timeSpentMs = test.result.duration ?? 0;
          if (test.result.state === "fail") return { id, name: id, status: TestStatus.Failed, failureMessage: failureText(test), timeSpentMs, fileName: file.filepath };
          return { id, name: id, status: TestStatus.Success, timeSpentMs, fileName: file.filepath };
        }),
    );
    return { tests, fileErrors };
  }

  async dryRun() {
    this.ns.mutantCoverage = { static: {}, perTest: {} };
    this.ns.activeMutant = undefined;
    this.ns.hitCount = undefined;
    this.ns.hitLimit = undefined;
    const { tests, fileErrors } = await this.run(this.files, { bail: false, collectCoverage: true });
    if (fileErrors.length > 0) return { status: DryRunStatus.Error, errorMessage: fileErrors.join("\n") };
    for (const test of tests) this.timeSpentMs.set(test.id, test.timeSpentMs);
    // Stryker starts new runner processes (maxTestRunnerReuse, timeouts); they read the times from here.
    writeFileSync(this.timesFile, JSON.stringify(Object.fromEntries(this.timeSpentMs)));
    this.dependencies = new Map(this.files.map((file) => [file, this.projectModulesOf(join(this.root, file))]));
    writeFileSync(this.dependenciesFile, JSON.stringify(Object.fromEntries(this.dependencies)));
    return { status: DryRunStatus.Complete, tests, mutantCoverage: this.ns.mutantCoverage };
  }

  async mutantRun(options) {
    const ns = this.ns;
    // Stryker asks for a reload before a "hybrid" mutant (its code also runs at import). Activated at run time, as
    // Stryker's vitest runner activates it, the import-time part is not mutated either way, so a reload would only
    // load the same modules again (seconds per mutant); only a mutant activated at import needs fresh modules.
    if (options.reloadEnvironment && options.mutantActivation === "static") this.unloadProject();
    const selection = options.testFilter ? selectTests(options.testFilter) : { files: this.filesReaching(options.activeMutant.fileName), only: undefined };
    const files = cheapestFirst(selection.files, selection.only ?? new Set(this.timeSpentMs.keys()), this.timeSpentMs);
    // As in Stryker's vitest runner: a "static" activation is active while the modules load, a "runtime" one from
    // when the test files are loaded (code a test file runs at its top level sees the original).
    const activate = () => (ns.activeMutant = options.activeMutant.id);
    if (options.mutantActivation === "static") activate();
    ns.hitLimit = options.hitLimit;
    ns.hitCount = options.hitLimit === undefined ? undefined : 0;
    ns.mutantCoverage = undefined;
    try {
      const { tests, fileErrors } = await this.run(files, { only: selection.only, bail: !options.disableBail, collectCoverage: false, onCollected: activate });
      const timedOut = determineHitLimitReached(ns.hitCount, ns.hitLimit);
      if (timedOut) return toMutantRunResult(timedOut);
      if (fileErrors.length > 0 && !tests.some((test) => test.status === TestStatus.Failed)) {
        // A test file that fails to load under this mutant is a kill by that file, as in Stryker's vitest runner.
        return toMutantRunResult({ status: DryRunStatus.Complete, tests: [{ id: "load", name: fileErrors.join("\n"), status: TestStatus.Failed, failureMessage: fileErrors.join("\n"), timeSpentMs: 0 }] });
      }
      return toMutantRunResult({ status: DryRunStatus.Complete, tests });
    } finally {
      ns.activeMutant = undefined;
      ns.hitCount = undefined;
      ns.hitLimit = undefined;
      if (options.mutantActivation === "static") this.unloadProject();
    }
  }

  /** The project modules (not node_modules) `path` loads, itself included, as paths relative to the root. */
  projectModulesOf(path) {
    const seen = new Set();
    const pending = [require.cache[path]];
    while (pending.length > 0) {
      const module = pending.pop();
      if (module === undefined || seen.has(module.filename) || module.filename.includes(`${sep}node_modules${sep}`)) continue;
      seen.add(module.filename);
      pending.push(...module.children);
    }
    return [...seen].filter((file) => file.startsWith(this.root + sep)).map((file) => this.relative(file)).sort();
  }

  /**
   * The test files that load the mutated file: a static mutant (no per-test coverage: its code runs at import) can
   * change only what those files see. Without a match (no first-run record) every file runs, as Stryker would.
   */
  filesReaching(fileName) {
    const reaching = fileName === undefined ? [] : this.files.filter((file) => (this.dependencies.get(file) ?? []).some((dep) => fileName === join(this.root, dep) || fileName.endsWith(sep + dep.split("/").join(sep))));
    return reaching.length > 0 ? reaching : this.files;
  }

  /** Forgets every module of the project (not node_modules), so the next run loads them again. */
  unloadProject() {
    for (const path of Object.keys(require.cache)) {
      if (isAbsolute(path) && path.startsWith(this.root + sep) && !path.includes(`${sep}node_modules${sep}`)) delete require.cache[path];
    }
  }

  async dispose() {}
}

export const strykerPlugins = [declareClassPlugin(PluginKind.TestRunner, "vitest-in-process", InProcessVitestRunner)];
