/**
 * Import rules checked by `npm run lint` (with eslint.config.mjs, which keeps lib/ off the runtime's modules).
 * tsPreCompilationDeps: a type-only import counts, so a cycle through `import type` fails too.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: "no-cycle",
      comment: "No import cycles anywhere: move what both sides need into a module of its own.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "lib-is-the-bottom-layer",
      comment: "lib/ holds pure functions: it imports only lib/ and packages, never the layers built on it.",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "^(stacks|components|providers|policies|tools|scripts|test)/" },
    },
    {
      name: "components-only-wire-resources",
      comment:
        "components/ wire resources from lib/ values; CLIs and adapters (scripts/, tools/) are not theirs to call.",
      severity: "error",
      from: { path: "^components/" },
      to: { path: "^(scripts|tools|test)/" },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|dist|out|coverage|reports|\\.stryker-tmp)/" },
  },
};
