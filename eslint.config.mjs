import js from "@eslint/js";
import tseslint from "typescript-eslint";
import checkFile from "eslint-plugin-check-file";
import prettierOff from "eslint-config-prettier/flat";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "dist/",
      "out/",
      "coverage/",
      "policies/node_modules/",
      "policies/bin/",
      ".stryker-tmp/",
      "reports/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": "off",
    },
  },
  {
    // One clock (docs/testing.md, "How a test sets its date"): only tools/clock.ts reads the time; everything else,
    // tests included, takes a Clock or a nowMs so a run is the same on any day.
    files: ["**/*.ts", "**/*.mts", "**/*.mjs"],
    ignores: ["tools/clock.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        {
          object: "Date",
          property: "now",
          message: "Read the time through a Clock (lib/clock.ts; systemClock in tools/clock.ts), or take nowMs.",
        },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: "new Date() reads the clock: take a Clock (lib/clock.ts) or nowMs and pass new Date(nowMs).",
        },
        {
          selector: "CallExpression[callee.name='Date']",
          message: "Date() reads the clock: take a Clock (lib/clock.ts) or nowMs.",
        },
      ],
    },
  },
  {
    // lib/ is pure (README "Layout"; issue 23): no Pulumi runtime or SDK, no Azure SDK, no file system, processes,
    // network, host or process state. It takes what it needs as arguments; adapters in tools/ and scripts/ do the I/O.
    // node:crypto stays allowed for hashing (deterministic), not for randomness. node:path is not allowed either:
    // relative() and sep follow the host platform (tools/onboarding/schemaRef.ts does that). Which layer may import
    // which, and the no-cycle rule for the whole repo, are in .dependency-cruiser.cjs (also run by `npm run lint`).
    files: ["lib/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            ...[
              "fs",
              "fs/promises",
              "path",
              "os",
              "child_process",
              "net",
              "http",
              "https",
              "http2",
              "dns",
              "tls",
              "dgram",
              "process",
              "readline",
              "worker_threads",
              "cluster",
            ].map((name) => ({
              name,
              message: "lib/ is pure: do the I/O in tools/ or scripts/ and pass lib/ the values.",
            })),
            {
              name: "node:crypto",
              importNames: ["randomBytes", "randomUUID", "randomInt", "getRandomValues"],
              message: "lib/ is deterministic: take random values as arguments.",
            },
          ],
          patterns: [
            {
              group: ["node:*", "!node:crypto"],
              message: "lib/ is pure: do the I/O in tools/ or scripts/ and pass lib/ the values.",
            },
            {
              group: ["@pulumi/*"],
              message:
                "lib/ never loads the Pulumi runtime or SDKs: stacks/, components/ and tools/plan/ turn engine values into plain data.",
            },
            { group: ["@azure/*"], message: "lib/ never calls Azure: the Azure SDK clients live in tools/." },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        ...["process", "fetch", "XMLHttpRequest", "WebSocket"].map((name) => ({
          name,
          message: "lib/ is pure: take argv, env and network answers as arguments.",
        })),
      ],
      "no-restricted-properties": [
        "error",
        {
          object: "Date",
          property: "now",
          message: "Read the time through a Clock (lib/clock.ts; systemClock in tools/clock.ts), or take nowMs.",
        },
        { object: "globalThis", property: "process", message: "lib/ is pure: take argv and env as arguments." },
        { object: "globalThis", property: "fetch", message: "lib/ is pure: the network belongs to tools/." },
      ],
    },
  },
  {
    // One file-naming style for code: camelCase before the first dot (`newTeam.ts`, `planCli.e2e.test.ts`,
    // `vitest.unit.config.mts`). The dotted middle parts name a tier (.program, .e2e) or a tool's config file.
    // Markdown, workflow YAML and the published JSON Schema keep their kebab-case names (links and $schema lines).
    files: ["**/*.{ts,mts,cts,js,mjs,cjs}"],
    ignores: [".dependency-cruiser.cjs"],
    plugins: { "check-file": checkFile },
    rules: {
      "check-file/filename-naming-convention": [
        "error",
        { "**/*.{ts,mts,cts,js,mjs,cjs}": "CAMEL_CASE" },
        { ignoreMiddleExtensions: true },
      ],
    },
  },
  {
    files: ["**/*.mjs", "**/*.cjs", "**/*.js"],
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        require: "readonly",
        module: "writable",
        __dirname: "readonly",
      },
    },
  },
  // Layout is Prettier's (.prettierrc.json, checked by `npm run lint`): ESLint's formatting rules are off.
  prettierOff,
);
