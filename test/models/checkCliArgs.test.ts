import { describe, expect, test } from "vitest";
import { MODELS_USAGE, runModelsCli } from "../../tools/models/checkCli";

const SUBSCRIPTION = "00000000-0000-4000-8000-00000000c0de";

/** Runs the command with a credential that must not be used: every case here stops before a request, or at the credential. */
async function run(
  argv: string[],
  credential: () => never = () => {
    throw new Error("no credential should be asked for");
  },
) {
  let out = "";
  let err = "";
  const code = await runModelsCli(argv, { credential, out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

const valid = ["--check", "--subscription", SUBSCRIPTION, "--location", "swedencentral"];

describe("npm run models: arguments", () => {
  test("--help prints the usage on stdout and exits 0 without a request", async () => {
    expect(await run(["--help"])).toEqual({ code: 0, out: `${MODELS_USAGE}\n`, err: "" });
    expect(await run(["-h"])).toEqual({ code: 0, out: `${MODELS_USAGE}\n`, err: "" });
  });

  test("an unknown option or a positional argument is refused with the usage (exit 2)", async () => {
    const unknown = await run([...valid, "--chek"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^error: Unknown option '--chek'/);
    expect(unknown.err.endsWith(`\n${MODELS_USAGE}\n`)).toBe(true);
    const positional = await run([...valid, "swedencentral"]);
    expect(positional.code).toBe(2);
    expect(positional.err).toMatch(/^error: Unexpected argument 'swedencentral'/);
    expect(positional.out).toBe("");
  });

  test("with no arguments every problem is named at once, with what was given", async () => {
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(none.err).toBe(
      [
        "error: --check is required (the only action)",
        'error: --subscription must be a subscription ID (a GUID) (got "")',
        'error: --location must be an Azure region name such as swedencentral (got "")',
        MODELS_USAGE,
        "",
      ].join("\n"),
    );
  });

  test("a region name with junk after it, or a one-letter name, is refused; a valid one passes the check", async () => {
    for (const location of ["swedencentral-x", "swedencentral ", "s"]) {
      const result = await run(["--check", "--subscription", SUBSCRIPTION, "--location", location]);
      expect(result.err).toBe(
        `error: --location must be an Azure region name such as swedencentral (got ${JSON.stringify(location)})\n${MODELS_USAGE}\n`,
      );
    }
    const ok = await run(["--check", "--subscription", SUBSCRIPTION.toUpperCase(), "--location", "westus3"], () => {
      throw new Error("credential reached");
    });
    expect(ok.err).toBe(
      `error: reading the models of westus3 for subscription ${SUBSCRIPTION.toUpperCase()} failed: credential reached\n`,
    );
  });

  test("--arm-endpoint must start with https://", async () => {
    for (const endpoint of ["http://management.azure.com", "proxy+https://management.azure.com"]) {
      const result = await run([...valid, "--arm-endpoint", endpoint]);
      expect(result).toEqual({
        code: 2,
        out: "",
        err: `error: --arm-endpoint must be an https:// URL (got ${JSON.stringify(endpoint)})\n${MODELS_USAGE}\n`,
      });
    }
  });

  test("a failure without an HTTP status is reported without one (exit 2)", async () => {
    const result = await run([...valid, "--arm-endpoint", "https://management.example"], () => {
      throw new Error("no Azure credential found: run az login");
    });
    expect(result).toEqual({
      code: 2,
      out: "",
      err: `error: reading the models of swedencentral for subscription ${SUBSCRIPTION} failed: no Azure credential found: run az login\n`,
    });
  });
});
