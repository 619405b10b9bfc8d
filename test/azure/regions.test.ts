import { describe, expect, test } from "vitest";
import { AZURE_REGIONS, nearestRegions, regionNamed, regionsIn } from "../../lib/azure/regions";
import { MODEL_CATALOG } from "../../lib/models/modelCatalog";

const catalogRegions = (): string[] => {
  const covered = Object.values(MODEL_CATALOG.coveredRegions).flat();
  const offered = MODEL_CATALOG.models.flatMap((m) => Object.values(m.skus).flat());
  return [...new Set([...covered, ...offered])].sort();
};

describe("the region table", () => {
  test("one row per programmatic name, lower case as ARM spells it", () => {
    const names = AZURE_REGIONS.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9]+$/);
  });

  test("every region the model catalog names is in the table", () => {
    const missing = catalogRegions().filter((r) => regionNamed(r) === undefined);
    expect(missing).toEqual([]);
  });

  test("every region where the catalog offers a DataZone SKU lies in the eu or us geography", () => {
    const zoned = MODEL_CATALOG.models.flatMap((m) =>
      Object.entries(m.skus)
        .filter(([sku]) => sku.startsWith("DataZone"))
        .flatMap(([, regions]) => regions),
    );
    for (const region of new Set(zoned)) expect(["eu", "us"], region).toContain(regionNamed(region)?.geography);
  });

  test("EU member states are eu, the United States us, the rest other (the UK, Norway, Switzerland included)", () => {
    const geography = (name: string) => regionNamed(name)?.geography;
    for (const name of ["swedencentral", "westeurope", "northeurope", "francecentral", "polandcentral", "austriaeast"])
      expect(geography(name), name).toBe("eu");
    for (const name of ["eastus", "eastus2", "centralus", "westus3", "westcentralus"])
      expect(geography(name), name).toBe("us");
    for (const name of ["uksouth", "norwayeast", "switzerlandnorth", "japaneast", "canadacentral", "brazilsouth"])
      expect(geography(name), name).toBe("other");
    expect(regionNamed("norwayeast")?.country).toBe("Norway");
    expect(regionNamed("westeurope")?.country).toBe("Netherlands");
  });

  test("names compare ignoring case; regionsIn lists one geography, sorted", () => {
    expect(regionNamed("SwedenCentral")?.name).toBe("swedencentral");
    expect(regionNamed("mars")).toBeUndefined();
    const eu = regionsIn("eu");
    expect(eu).toEqual([...eu].sort());
    expect(eu).toContain("swedencentral");
    expect(eu).not.toContain("uksouth");
  });

  test("the nearest names to a typo start with the region meant", () => {
    expect(nearestRegions("swedencentrall")[0]).toBe("swedencentral");
    expect(nearestRegions("Sweden Central")[0]).toBe("swedencentral");
    expect(nearestRegions("eastus3")).toEqual(["eastus", "eastus2", "westus3"]);
    expect(nearestRegions("mars")).toHaveLength(3);
  });
});
