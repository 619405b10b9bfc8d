import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "out/", "coverage/", "policies/node_modules/", "policies/bin/", ".stryker-tmp/", "reports/"] },
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
      "no-restricted-properties": ["error", { object: "Date", property: "now", message: "Read the time through a Clock (lib/clock.ts; systemClock in tools/clock.ts), or take nowMs." }],
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "new Date() reads the clock: take a Clock (lib/clock.ts) or nowMs and pass new Date(nowMs)." },
        { selector: "CallExpression[callee.name='Date']", message: "Date() reads the clock: take a Clock (lib/clock.ts) or nowMs." },
      ],
    },
  },
  {
    files: ["**/*.mjs", "**/*.cjs", "**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly", require: "readonly", module: "writable", __dirname: "readonly" } },
  },
);
