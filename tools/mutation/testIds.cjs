// How the in-process runner names a test for Stryker (tools/mutation/inProcessRunner.mjs): the test file's path
// from the project root, "#", and the test's full name. The file is in the id because Stryker may restart the
// runner between mutants, and a fresh runner must know from the ids alone which files to load.

/** @param {string} file @param {string} name */
function testId(file, name) {
  return `${file}#${name}`;
}

/**
 * The files to load and the ids to run for a mutant's covering tests, files in the order first seen.
 * @param {readonly string[]} ids
 * @returns {{ files: string[], only: Set<string> }}
 */
function selectTests(ids) {
  const files = [];
  for (const id of ids) {
    const hash = id.indexOf("#");
    const file = hash === -1 ? id : id.slice(0, hash);
    if (!files.includes(file)) files.push(file);
  }
  return { files, only: new Set(ids) };
}

/**
 * The files of a selection, the cheapest first: a file costs the first run's time of its selected tests. A mutant
 * stops at its first failing test, so a slow file (the rotation simulation: seconds) runs only when the quick ones
 * let the mutant live. A file the runner has no times for (it was restarted) keeps its place, after the timed ones.
 * @param {readonly string[]} files
 * @param {ReadonlySet<string>} only
 * @param {ReadonlyMap<string, number>} timeSpentMs
 * @returns {string[]}
 */
function cheapestFirst(files, only, timeSpentMs) {
  const cost = new Map(files.map((file) => [file, 0]));
  const timed = new Set();
  for (const id of only) {
    const file = id.slice(0, id.indexOf("#") === -1 ? id.length : id.indexOf("#"));
    const ms = timeSpentMs.get(id);
    if (ms === undefined || !cost.has(file)) continue;
    cost.set(file, (cost.get(file) ?? 0) + ms);
    timed.add(file);
  }
  const rank = (file) => (timed.has(file) ? 0 : 1);
  return [...files].sort((a, b) => rank(a) - rank(b) || (cost.get(a) ?? 0) - (cost.get(b) ?? 0));
}

module.exports = { testId, selectTests, cheapestFirst };
