module.exports = globalThis.__codexBoundaryVitest__;
