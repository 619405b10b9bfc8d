import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse as parseYaml } from "yaml";
import { geographyProblems, providerLocationProblems } from "../../lib/config/geography";
import { parsePlatformConfig, PlatformFileError } from "../../lib/platform/parse";
import { PROJECT_DIR } from "../support/stackFiles";
import { expectProblems } from "../support/problemText";
import { configProblems, minimalConfig } from "./minimalConfig";

const NOW = Date.parse("2026-12-07T12:00:00Z");
const DATA_ZONE_MODEL = { name: "codex", model: "gpt-5", version: "2025-08-07", sku: "DataZoneStandard", capacity: 10 };
const lines = (location: unknown, dataBoundary: unknown) =>
  geographyProblems({ location, dataBoundary }).map((p) => `${p.path.join(".")}: ${p.message}`);

describe("the data boundary follows geography, in the config parser", () => {
  test("--location swedencentral --data-boundary us is refused, naming both settings, the US regions and the fix", () => {
    const config = { ...minimalConfig(), location: "swedencentral", dataBoundary: "us", models: [DATA_ZONE_MODEL] };
    expectProblems(configProblems(config, NOW), [
      [
        "location",
        "swedencentral (Sweden Central, Sweden) is in an EU member state",
        "outside the 'us' data boundary",
        "eastus, eastus2",
        "Set location to one of them, or dataBoundary eu",
        '(got "swedencentral")',
      ],
    ]);
  });

  test("an unknown region is an input error with the nearest names, whatever the boundary", () => {
    const config = { ...minimalConfig(), location: "mars" };
    expectProblems(configProblems(config, NOW), [
      ["location", "is not an Azure public-cloud region", "lib/azure/regions.ts", "nearest: ", '(got "mars")'],
    ]);
    expectProblems(lines("swedencentrall", "eu"), [["location", "nearest: swedencentral,"]]);
  });

  test("eu admits only EU member states, us only the United States, global any known region", () => {
    expect(lines("swedencentral", "eu")).toEqual([]);
    expect(lines("westeurope", "eu")).toEqual([]);
    expect(lines("eastus2", "us")).toEqual([]);
    for (const region of ["uksouth", "norwayeast", "eastus2", "japaneast", "swedencentral"])
      expect(lines(region, "global"), region).toEqual([]);
    expectProblems(lines("eastus2", "eu"), [
      ["location", "in the United States", "'eu' data boundary", "dataBoundary us"],
    ]);
    expectProblems(lines("norwayeast", "eu"), [
      ["location", "Norway", "in neither the EU nor the United States", "swedencentral", "dataBoundary global only if"],
    ]);
    expectProblems(lines("uksouth", "us"), [["location", "United Kingdom", "'us' data boundary", "westus3"]]);
  });

  test("a malformed location or boundary is the schema's to name; the region is still checked against none", () => {
    expect(lines("Sweden Central", "eu")).toEqual([]);
    expect(lines(42, "eu")).toEqual([]);
    expect(lines("swedencentral", "mars")).toEqual([]);
    expectProblems(lines("mars", "Us"), [["location", "nearest: "]]);
  });

  test("azure-native:location must be the team's location (compared ignoring case) when the stack file sets it", () => {
    expect(providerLocationProblems({ "codex-boundary:location": "swedencentral" })).toEqual([]);
    // A malformed or unknown team location is its own problem alone (the fix would suggest the unknown name).
    expect(
      providerLocationProblems({ "azure-native:location": "eastus2", "codex-boundary:location": "Sweden Central" }),
    ).toEqual([]);
    expect(providerLocationProblems({ "azure-native:location": "eastus2", "codex-boundary:location": "mars" })).toEqual(
      [],
    );
    expect(
      providerLocationProblems({
        "azure-native:location": "SwedenCentral",
        "codex-boundary:location": "swedencentral",
      }),
    ).toEqual([]);
    const found = providerLocationProblems({
      "azure-native:location": "eastus2",
      "codex-boundary:location": "swedencentral",
    });
    expectProblems(
      found.map((p) => `${p.path.join(".")}: ${p.message}`),
      [["location", 'azure-native:location ("eastus2")', "set azure-native:location to swedencentral"]],
    );
  });
});

describe("platform.yaml: each data boundary's regions lie in its geography", () => {
  const platform = (dataBoundaries: Record<string, unknown>) => ({
    github: { organizations: ["contoso"], platformRepository: "contoso/codex-boundary", runnerLabels: ["codex"] },
    azure: { dataBoundaries },
    owners: { platform: ["@contoso/platform"], security: ["@contoso/security"] },
  });
  const sub = ["00000000-0000-4000-8000-00000000c0de"];
  const problemsOf = (raw: unknown): string[] => {
    try {
      parsePlatformConfig(raw);
      return [];
    } catch (error) {
      if (!(error instanceof PlatformFileError)) throw error;
      return [...error.problems];
    }
  };

  test("a US region under eu, an EU region under us and an unknown one anywhere are refused, each at its entry", () => {
    const found = problemsOf(
      platform({
        eu: { subscriptionIds: sub, regions: ["swedencentral", "eastus2"] },
        us: { subscriptionIds: sub, regions: ["swedencentral"] },
        global: { subscriptionIds: sub, regions: ["uksouth", "mars"] },
      }),
    );
    // In the schema's order of the boundaries: global, eu, us.
    expectProblems(found, [
      ["azure.dataBoundaries.global.regions[1]", "nearest: ", '(got "mars")'],
      [
        "azure.dataBoundaries.eu.regions[1]",
        "in the United States",
        "under azure.dataBoundaries.us.regions",
        '(got "eastus2")',
      ],
      ["azure.dataBoundaries.us.regions[0]", "in an EU member state", '(got "swedencentral")'],
    ]);
  });

  test("the shipped platform files pass", () => {
    for (const file of [join(PROJECT_DIR, "platform.yaml"), join(PROJECT_DIR, "test", "fixtures", "platform.yaml")])
      expect(() => parsePlatformConfig(parseYaml(readFileSync(file, "utf8")))).not.toThrow();
  });
});
