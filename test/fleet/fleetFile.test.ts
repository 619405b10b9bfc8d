import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { DEPLOYMENT_SKUS } from "../../lib/config/schema";
import { parseFleetFile } from "../../lib/fleet/fleetFile";

const GUID = "aaaaaaaa-0000-4000-8000-000000000001";
const TOP_KEYS = "allowed here: defaultSubscription, defaults, subscriptions";
const SKU_KEYS = `allowed here: ${DEPLOYMENT_SKUS.join(", ")}`;

/** The fleet file's one problem: at this path, with the value as given (or none), saying what fixes it. */
function expectProblem(raw: unknown, path: string, got: string | undefined, ...says: string[]): void {
  const problems = parseFleetFile(raw).problems;
  expect(problems, problems.join("\n")).toHaveLength(1);
  const line = problems[0] ?? "";
  expect(line.startsWith(`${path}: `), line).toBe(true);
  if (got === undefined) expect(line, line).not.toContain("(got ");
  else expect(line.endsWith(`(got ${got})`), line).toBe(true);
  for (const phrase of says) expect(line, line).toContain(phrase);
}

describe("fleet.yaml", () => {
  test("an absent or empty file means tier-1 defaults and no default subscription", () => {
    expect(parseFleetFile(undefined)).toEqual({ fleet: { defaults: {}, subscriptions: {} }, problems: [] });
    expect(parseFleetFile(null)).toEqual({ fleet: { defaults: {}, subscriptions: {} }, problems: [] });
  });

  test("per subscription and per pool quotas parse", () => {
    const raw = parse(`
defaultSubscription: ${GUID}
defaults:
  gpt-5-mini:
    DataZoneStandard: { eu: 500, us: 800 }
subscriptions:
  ${GUID}:
    name: ai-prod-1
    quotas:
      gpt-5.3-codex:
        GlobalStandard: 3000
`);
    const result = parseFleetFile(raw);
    expect(result.problems).toEqual([]);
    expect(result.fleet?.subscriptions[GUID]?.quotas["gpt-5.3-codex"]?.GlobalStandard).toBe(3000);
    expect(result.fleet?.defaults["gpt-5-mini"]?.DataZoneStandard).toEqual({ eu: 500, us: 800 });
  });

  test("every problem at once, each naming its path; no fleet then", () => {
    const raw = parse(`
defaultSubscription: prod
subscription: {}
defaults:
  gpt-5:
    GlobalStandrd: 10
    DataZoneStandard: -1
subscriptions:
  not-a-guid: {}
  ${GUID}:
    quotas:
      gpt-5: { Standard: 1.5 }
`);
    const { problems, fleet } = parseFleetFile(raw);
    expect(fleet).toBeUndefined();
    const paths = problems.map((p) => p.slice(0, p.indexOf(": ")));
    for (const path of [
      "defaultSubscription",
      "(top level)",
      "defaults.gpt-5",
      "defaults.gpt-5.DataZoneStandard",
      "subscriptions.not-a-guid",
      `subscriptions.${GUID}.quotas.gpt-5.Standard`,
    ]) {
      expect(paths, path).toContain(path);
    }
  });
});

describe("unknown keys: listed together, with what is allowed at that place", () => {
  test("at the top level, several in one message", () => {
    expectProblem(
      { defualts: {}, subscritpions: {} },
      "(top level)",
      undefined,
      "unknown key(s) defualts, subscritpions (a typo?)",
      TOP_KEYS,
    );
    expectProblem({ defaultSubscripton: GUID }, "(top level)", undefined, "defaultSubscripton", TOP_KEYS);
  });

  test("in a subscription: name and quotas; under a model, in defaults or a subscription's quotas: the deployment SKUs", () => {
    expectProblem(
      { subscriptions: { [GUID]: { nmae: "prod" } } },
      `subscriptions.${GUID}`,
      undefined,
      "nmae",
      "allowed here: name, quotas",
    );
    expectProblem(
      { subscriptions: { [GUID]: { quotas: { "gpt-5": { GlobalStandrd: 10 } } } } },
      `subscriptions.${GUID}.quotas.gpt-5`,
      undefined,
      "GlobalStandrd",
      SKU_KEYS,
    );
    expectProblem({ defaults: { "gpt-5": { Standrd: 10 } } }, "defaults.gpt-5", undefined, "Standrd", SKU_KEYS);
  });
});

describe("subscription IDs are whole GUIDs", () => {
  test("a GUID is accepted as the default subscription, in either case, and as a subscription key", () => {
    expect(parseFleetFile({ defaultSubscription: GUID }).problems).toEqual([]);
    expect(parseFleetFile({ defaultSubscription: GUID.toUpperCase() }).problems).toEqual([]);
    expect(parseFleetFile({ subscriptions: { [GUID]: { name: "prod" } } }).problems).toEqual([]);
  });

  test("junk before or after the default subscription's GUID is refused, with the value", () => {
    expectProblem(
      { defaultSubscription: `x${GUID}` },
      "defaultSubscription",
      `"x${GUID}"`,
      "must be a subscription ID (a GUID)",
    );
    expectProblem(
      { defaultSubscription: `${GUID}x` },
      "defaultSubscription",
      `"${GUID}x"`,
      "must be a subscription ID (a GUID)",
    );
  });

  test("a subscription key that is not a GUID, or one with junk around it, is refused at that key, with nothing else", () => {
    for (const key of ["prod", `0${GUID}`, `${GUID}0`])
      expectProblem(
        { subscriptions: { [key]: {} } },
        `subscriptions.${key}`,
        undefined,
        "must be a subscription ID (a GUID)",
      );
  });
});

describe("quotas: whole numbers of 0 or more, per SKU or per pool scope", () => {
  const UNION = "must be a number (every pool of this model and SKU) or a map of scope to number (one pool each)";

  test("subscription, eu, us and region names are accepted as scopes; 0 is a quota", () => {
    expect(
      parseFleetFile({
        defaults: {
          "gpt-5": {
            GlobalStandard: { subscription: 10 },
            DataZoneStandard: { eu: 5, us: 0 },
            Standard: { eastus2: 1 },
          },
        },
      }).problems,
    ).toEqual([]);
    expect(parseFleetFile({ defaults: { "gpt-5": { GlobalStandard: 0 } } }).problems).toEqual([]);
  });

  test.each(["-eu", "eu-", "Eu", "east us2", ""])(
    "scope %j is refused: the quota is neither a number nor a map of scopes",
    (scope) => {
      expectProblem(
        { defaults: { "gpt-5": { DataZoneStandard: { [scope]: 1 } } } },
        "defaults.gpt-5.DataZoneStandard",
        JSON.stringify({ [scope]: 1 }),
        UNION,
      );
    },
  );

  test("-1 is refused with the rule and the value, for a SKU and for a scope; a fraction or text with the quota's form", () => {
    expectProblem(
      { defaults: { "gpt-5": { GlobalStandard: -1 } } },
      "defaults.gpt-5.GlobalStandard",
      "-1",
      "0 or more",
    );
    expectProblem(
      { defaults: { "gpt-5": { DataZoneStandard: { eu: -1 } } } },
      "defaults.gpt-5.DataZoneStandard.eu",
      "-1",
      "0 or more",
    );
    expectProblem({ defaults: { "gpt-5": { GlobalStandard: 1.5 } } }, "defaults.gpt-5.GlobalStandard", "1.5", UNION);
    expectProblem(
      { defaults: { "gpt-5": { GlobalStandard: "lots" } } },
      "defaults.gpt-5.GlobalStandard",
      '"lots"',
      UNION,
    );
  });
});

describe("values of the wrong shape", () => {
  test("an empty model name is refused at its path", () => {
    expectProblem({ defaults: { "": {} } }, "defaults.", undefined, ">=1 characters");
  });

  test("a value given but wrong shows what was given; a value left undefined shows no (got ...)", () => {
    expectProblem({ subscriptions: { [GUID]: null } }, `subscriptions.${GUID}`, "null", "expected object");
    expectProblem({ subscriptions: { [GUID]: undefined } }, `subscriptions.${GUID}`, undefined, "expected object");
    expectProblem({ defaults: "none" }, "defaults", '"none"');
  });

  test("a fleet file that is not a map at all is a top-level problem with the value", () => {
    expectProblem("quotas", "(top level)", '"quotas"', "expected object");
    expectProblem([], "(top level)", "[]", "expected object");
  });
});
