import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { ARM_STATUS } from "../../lib/models/armCompare";
import { MODEL_CATALOG, readCatalog, skusOfferedIn } from "../../lib/models/modelCatalog";
import { ARM_SOURCE_ID } from "../../lib/models/refresh";
import { runRefreshCli } from "../../tools/models/refreshCli";
import { clockOn, NEVER_EXPIRES_MS } from "../support/clock";
import { FakeArm, SUBSCRIPTION } from "../support/fakeArm";
import { PROJECT_DIR } from "../support/stackFiles";
import { armItem } from "./armItems";
import { drawnTexts, ERASED_LINE } from "../support/terminalStderr";

const TOKEN = "refresh-token";
const REFRESH_DAY = "2026-12-07";
const CATALOG_TEXT = readFileSync(join(PROJECT_DIR, "lib", "models", "catalog.json"), "utf8");

/** What ARM would answer in `location` if the shipped catalog were exactly right there. */
function agreeing(location: string) {
  return MODEL_CATALOG.models.map((e) =>
    armItem(e.model, e.version, skusOfferedIn(e, location), {
      status: ARM_STATUS[e.lifecycle][0],
      ...(e.retirementDate === null ? {} : { retires: e.retirementDate }),
    }),
  );
}

/** A folder of stack files, each with just the region, and a copy of the shipped catalog. */
function workspace(stacks: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), "cb-refresh-"));
  for (const [stack, location] of Object.entries(stacks))
    writeFileSync(join(dir, `Pulumi.${stack}.yaml`), `config:\n  codex-boundary:location: ${location}\n`);
  const catalog = join(dir, "catalog.json");
  writeFileSync(catalog, CATALOG_TEXT);
  return { dir, catalog };
}

async function refresh(
  arm: FakeArm,
  args: string[],
  env: Record<string, string> = { ARM_SUBSCRIPTION_ID: SUBSCRIPTION },
  terminal: { stderrIsTTY?: boolean; stderrColumns?: number } = {},
) {
  let stdout = "";
  let stderr = "";
  const clock = clockOn(REFRESH_DAY);
  const code = await runRefreshCli(["--refresh", "--arm-endpoint", arm.endpoint, ...args], {
    credential: () => ({ getToken: async () => ({ token: TOKEN, expiresOnTimestamp: NEVER_EXPIRES_MS }) }),
    clock,
    env,
    projectDir: PROJECT_DIR,
    tlsCa: arm.ca,
    out: (t) => void (stdout += t),
    err: (t) => void (stderr += t),
    ...terminal,
  });
  return { code, stdout, stderr };
}

describe("npm run models -- --refresh, against an ARM stand-in on 127.0.0.1", () => {
  const arm = new FakeArm();
  beforeAll(() => arm.start());
  afterAll(() => arm.stop());
  beforeEach(() => {
    arm.calls.length = 0;
  });

  test("reads each region of the fleet once (every page, the env token, api-version 2024-10-01) and prints the diff; without --write nothing is written, exit 1", async () => {
    const { dir, catalog } = workspace({ a: "eastus2", b: "swedencentral", c: "eastus2" });
    const nano = MODEL_CATALOG.models.find((e) => e.model === "gpt-5-nano");
    arm.locationModels = {
      eastus2: agreeing("eastus2").map((i) =>
        i.model?.name === "gpt-5-nano"
          ? armItem("gpt-5-nano", nano?.version ?? "", skusOfferedIn(nano!, "eastus2"), { retires: "2027-03-01" })
          : i,
      ),
      swedencentral: agreeing("swedencentral").map((i) =>
        i.model?.name === "gpt-5-nano"
          ? armItem("gpt-5-nano", nano?.version ?? "", skusOfferedIn(nano!, "swedencentral"), { retires: "2027-03-01" })
          : i,
      ),
    };
    const result = await refresh(arm, ["--stack-dir", dir, "--catalog", catalog]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `gpt-5-nano ${nano?.version}: retirementDate ${nano?.retirementDate} -> 2027-03-01`,
    );
    expect(result.stdout).toContain(`reviewed ${MODEL_CATALOG.reviewed} -> ${REFRESH_DAY}`);
    expect(readFileSync(catalog, "utf8")).toBe(CATALOG_TEXT);
    const regions = arm.calls.map((c) => /locations\/([^/]+)\/models$/.exec(c.path)?.[1]);
    expect(new Set(regions)).toEqual(new Set(["eastus2", "swedencentral"]));
    const pages = Math.ceil(MODEL_CATALOG.models.length / arm.modelsPageSize);
    expect(arm.calls).toHaveLength(2 * pages);
    for (const call of arm.calls)
      expect([call.method, call.apiVersion, call.authorization]).toEqual(["GET", "2024-10-01", `Bearer ${TOKEN}`]);
  });

  test("on a terminal: a progress bar of the regions read on stderr, erased; stdout byte for byte as without", async () => {
    const { dir, catalog } = workspace({ a: "eastus2", b: "swedencentral" });
    arm.locationModels = { eastus2: agreeing("eastus2"), swedencentral: agreeing("swedencentral") };
    const args = ["--stack-dir", dir, "--catalog", catalog];
    const piped = await refresh(arm, args);
    const env = { ARM_SUBSCRIPTION_ID: SUBSCRIPTION };
    const onTerminal = await refresh(arm, args, env, { stderrIsTTY: true, stderrColumns: 70 });
    expect([onTerminal.code, onTerminal.stdout]).toEqual([piped.code, piped.stdout]);
    expect(piped.stderr).toBe("");
    const drawn = drawnTexts(onTerminal.stderr);
    expect(drawn[0]).toBe("reading models [--------------------] 0/2 regions | ");
    expect(drawn.at(-1)).toBe("reading models [====================] 2/2 regions | swedencentral");
    expect(onTerminal.stderr.endsWith(ERASED_LINE)).toBe(true);
    // A failed read still erases the bar before the error is written.
    const failing = await refresh(arm, [...args, "--arm-endpoint", `${arm.endpoint}/nowhere`], env, {
      stderrIsTTY: true,
    });
    expect(failing.code).toBe(2);
    expect(failing.stderr).toContain(`${ERASED_LINE}error: reading the models of eastus2`);
  });

  test("--write writes the refreshed catalog: the changed fact cites arm-models-api dated by the clock, every other line stays, exit 0", async () => {
    const { dir, catalog } = workspace({ a: "swedencentral" });
    const gpt5 = MODEL_CATALOG.models.find((e) => e.model === "gpt-5");
    arm.locationModels = {
      swedencentral: agreeing("swedencentral").map((i) =>
        i.model?.name === "gpt-5" ? { ...i, model: { ...i.model, lifecycleStatus: "Deprecating" } } : i,
      ),
    };
    const result = await refresh(arm, ["--stack-dir", dir, "--catalog", catalog, "--write"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`wrote ${catalog}`);
    const written = readCatalog(JSON.parse(readFileSync(catalog, "utf8")));
    const entry = written.models.find((e) => e.model === "gpt-5" && e.version === gpt5?.version);
    expect(entry?.lifecycle).toBe("Deprecated");
    expect(entry?.sources).toEqual({ ...gpt5?.sources, lifecycle: ARM_SOURCE_ID });
    expect(written.sources[ARM_SOURCE_ID]?.revised).toBe(REFRESH_DAY);
    expect(written.reviewed).toBe(REFRESH_DAY);
    expect(written.models.filter((e) => e !== entry)).toEqual(
      MODEL_CATALOG.models.filter((e) => !(e.model === "gpt-5" && e.version === gpt5?.version)),
    );
  });

  test("--json prints the regions, the day, the changes and the notes (an ARM-only version is a note)", async () => {
    const { dir, catalog } = workspace({ a: "swedencentral" });
    arm.locationModels = {
      swedencentral: [...agreeing("swedencentral"), armItem("gpt-7-codex", "2026-11-30", ["GlobalStandard"])],
    };
    const result = await refresh(arm, ["--stack-dir", dir, "--catalog", catalog, "--json"]);
    const doc = JSON.parse(result.stdout) as {
      regions: string[];
      day: string;
      changes: unknown[];
      notes: Array<{ kind: string; model: string }>;
    };
    expect(result.code).toBe(0);
    expect([doc.regions, doc.day, doc.changes]).toEqual([["swedencentral"], REFRESH_DAY, []]);
    expect(doc.notes.filter((n) => n.kind === "newVersion").map((n) => n.model)).toEqual(["gpt-7-codex"]);
  });

  test("bad input: every problem at once (flag, value, fix), exit 2, no request, nothing written", async () => {
    const { dir, catalog } = workspace({ a: "Sweden Central", b: "eastus2" });
    const bad = await refresh(arm, ["--subscription", "my-sub", "--arm-endpoint", "http://x"], {});
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      'error: --subscription (or $ARM_SUBSCRIPTION_ID) must be a subscription ID (a GUID) (got "my-sub")',
    );
    expect(bad.stderr).toContain('error: --arm-endpoint must be an https:// URL (got "http://x")');
    const region = await refresh(arm, ["--stack-dir", dir, "--catalog", catalog, "--write"]);
    expect(region.code).toBe(2);
    expect(region.stderr).toBe(
      `error: ${join(dir, "Pulumi.a.yaml")}: codex-boundary:location: must be an Azure region name such as swedencentral (got "Sweden Central")\n`,
    );
    const empty = mkdtempSync(join(tmpdir(), "cb-refresh-empty-"));
    writeFileSync(join(empty, "catalog.json"), "{}");
    const nothing = await refresh(arm, ["--stack-dir", empty, "--catalog", join(empty, "catalog.json")]);
    expect(nothing.stderr).toContain(`${join(empty, "catalog.json")}: not a valid model catalog`);
    expect(nothing.stderr).toContain(`--stack-dir ${empty}: holds no Pulumi.<stack>.yaml`);
    expect(arm.calls).toEqual([]);
    expect(readFileSync(catalog, "utf8")).toBe(CATALOG_TEXT);
  });

  test("a failed request names the region, exit 2, nothing written", async () => {
    const { dir, catalog } = workspace({ a: "swedencentral" });
    const result = await refresh(arm, [
      "--stack-dir",
      dir,
      "--catalog",
      catalog,
      "--write",
      "--arm-endpoint",
      `${arm.endpoint}/nowhere`,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error: reading the models of swedencentral for subscription .* failed \(HTTP 404\).*nothing written\n$/,
    );
    expect(readFileSync(catalog, "utf8")).toBe(CATALOG_TEXT);
  });
});
