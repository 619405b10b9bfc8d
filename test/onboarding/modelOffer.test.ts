import { describe, expect, test, it } from "vitest";
import { checkAnswers, checkOneAnswer, type RawAnswers } from "../../lib/onboarding/answers";
import { NEW_TEAM_MIN_LIFE_DAYS } from "../../lib/models/lifecycle";
import type { CatalogEntry, ModelCatalog } from "../../lib/models/modelCatalog";
import { describeOffer, lifeText, newTeamModelOffer } from "../../lib/onboarding/modelOffer";
import { catalog, DAY, entry, midnight } from "../models/syntheticCatalog";
import fc from "fast-check";
import { dataZoneOf } from "../../lib/fleet/dataZones";
import { parsePlatformConfig } from "../../lib/platform/parse";
import { samplePlatform } from "../support/platformFiles";

const PLATFORM = parsePlatformConfig(samplePlatform());

const NOW = midnight("2030-03-01");
/** The day a model must outlive to be offered. */
const day = (offset: number) => new Date(NOW + offset * DAY).toISOString().slice(0, 10);

/** Real region names, so data zones (lib/fleet/dataZones.ts) apply; every date relative to NOW. */
function testCatalog(models: CatalogEntry[]): ModelCatalog {
  return {
    ...catalog(models),
    coveredRegions: { "matrix-a": ["swedencentral", "germanywestcentral", "eastus2", "japaneast"] },
  };
}

const CATALOG = testCatalog([
  entry({
    model: "codex-long",
    version: "2030-01-01",
    retirementDate: day(200),
    skus: { GlobalStandard: ["swedencentral", "eastus2"], DataZoneStandard: ["germanywestcentral", "eastus2"] },
  }),
  entry({
    model: "codex-exact",
    version: "2030-01-01",
    retirementDate: day(NEW_TEAM_MIN_LIFE_DAYS),
    skus: { DataZoneStandard: ["eastus2"] },
  }),
  entry({
    model: "codex-short",
    version: "2030-01-01",
    retirementDate: day(NEW_TEAM_MIN_LIFE_DAYS - 1),
    skus: { DataZoneStandard: ["swedencentral", "eastus2"] },
  }),
  entry({ model: "codex-forever", version: "2030-01-01", retirementDate: null, skus: { GlobalStandard: ["eastus2"] } }),
  {
    ...entry({
      model: "chat-only",
      version: "2030-01-01",
      retirementDate: day(300),
      skus: { DataZoneStandard: ["swedencentral", "eastus2"] },
    }),
    codex: false,
  } as CatalogEntry,
]);

describe("new-team offers only codex-capable models that live the documented time there", () => {
  test("a us team in eastus2: models living at least NEW_TEAM_MIN_LIFE_DAYS, in catalog order, each with its end day and days left", () => {
    const offer = newTeamModelOffer("eastus2", "us", NOW, CATALOG);
    expect(offer.ok).toBe(true);
    if (!offer.ok) return;
    expect(offer.sku).toBe("DataZoneStandard");
    expect(offer.models.map((m) => [m.entry.model, m.liveUntil, m.daysLeft])).toEqual([
      ["codex-long", day(200), 200],
      ["codex-exact", day(NEW_TEAM_MIN_LIFE_DAYS), NEW_TEAM_MIN_LIFE_DAYS],
    ]);
    const lines = describeOffer(offer, NOW);
    expect(lines[0]).toContain(`at least ${NEW_TEAM_MIN_LIFE_DAYS} days from 2030-03-01`);
    expect(lines.slice(1)).toEqual([
      `  codex-long 2030-01-01: until ${day(200)}, 200 days`,
      `  codex-exact 2030-01-01: until ${day(60)}, 60 days`,
    ]);
  });

  test("a global team gets GlobalStandard offers; a model without retirement says so", () => {
    const offer = newTeamModelOffer("eastus2", "global", NOW, CATALOG);
    expect(offer.ok && offer.models.map((m) => [m.entry.model, lifeText(m)])).toEqual([
      ["codex-long", `until ${day(200)}, 200 days`],
      ["codex-forever", "no retirement scheduled"],
    ]);
  });

  test("an eu team in swedencentral is refused: the location, the data zone, what is there but too short, and where to go", () => {
    const offer = newTeamModelOffer("swedencentral", "eu", NOW, CATALOG);
    expect(offer.ok).toBe(false);
    if (offer.ok) return;
    expect(offer.message).toContain("DataZoneStandard in swedencentral (data zone eu)");
    expect(offer.message).toContain(`lives ${NEW_TEAM_MIN_LIFE_DAYS} more days`);
    // The codex model there dies a day short; the non-codex one is not a reason to accept the region.
    expect(offer.message).toContain(`codex-short 2030-01-01 (until ${day(59)}, 59 days)`);
    expect(offer.message).not.toContain("chat-only");
    // The other EU region that has one, never a US region, for an eu team.
    expect(offer.message).toMatch(/another region of the eu data zone \(--location\): germanywestcentral;/);
    expect(offer.message).not.toMatch(/eu data zone \(--location\): [^;]*eastus2/);
    // Global processing only as the opt-out it is.
    expect(offer.message).toMatch(
      /only if the team's prompts may leave the eu data zone.*--data-boundary global, GlobalStandard in swedencentral/,
    );
    expect(offer.message).toContain('(got "swedencentral")');
  });

  test("no region of the data zone has a model: says so, and still names the global opt-out and the catalog refresh", () => {
    const onlyUs = testCatalog([
      entry({
        model: "codex-us",
        version: "2030-01-01",
        retirementDate: day(400),
        skus: { GlobalStandard: ["eastus2"], DataZoneStandard: ["eastus2"] },
      }),
    ]);
    const offer = newTeamModelOffer("germanywestcentral", "eu", NOW, onlyUs);
    expect(offer.ok).toBe(false);
    if (offer.ok) return;
    expect(offer.message).toContain("no region of the eu data zone has one in the catalog");
    expect(offer.message).toContain("--data-boundary global, GlobalStandard in eastus2");
    expect(offer.message).toContain("npm run models -- --refresh");
    expect(offer.message).not.toContain("retiring sooner");
  });

  test("a global team in a region without a live model is sent to the regions that have one", () => {
    const offer = newTeamModelOffer("swedencentral", "global", NOW + 150 * DAY, CATALOG);
    expect(offer.ok).toBe(false);
    if (offer.ok) return;
    expect(offer.message).toContain("GlobalStandard in swedencentral that lives");
    expect(offer.message).toContain("pick another region (--location): eastus2");
    expect(offer.message).not.toContain("data zone");
  });

  test("an eu team in a US region is refused: its DataZoneStandard deployments would keep prompts in the us zone", () => {
    const offer = newTeamModelOffer("eastus2", "eu", NOW, CATALOG);
    expect(offer.ok).toBe(false);
    if (offer.ok) return;
    expect(offer.message).toContain("eastus2 is in the us data zone, not eu");
    expect(offer.message).toContain("pick a region of the eu data zone (--location): germanywestcentral;");
    expect(offer.message).toContain("or --data-boundary us");
  });

  test("a region the data-zone list does not know is judged by the catalog alone, and the message says it is not a known region of the zone", () => {
    const c = testCatalog([
      entry({
        model: "codex-j",
        version: "2030-01-01",
        retirementDate: day(20),
        skus: { DataZoneStandard: ["japaneast"] },
      }),
    ]);
    const offer = newTeamModelOffer("japaneast", "us", NOW, c);
    expect(!offer.ok && offer.message).toContain("in japaneast (data zone us; japaneast is not a known region of it)");
    const later = testCatalog([
      entry({
        model: "codex-j",
        version: "2030-01-01",
        retirementDate: day(200),
        skus: { DataZoneStandard: ["japaneast"] },
      }),
    ]);
    expect(newTeamModelOffer("japaneast", "us", NOW, later).ok).toBe(true);
  });

  test("one answer at a time: the offer is judged once location and boundary are both known, under the second", () => {
    const ctx = { now: new Date(NOW), taken: [], platform: PLATFORM, stackFileExists: () => false, catalog: CATALOG };
    // Location first, boundary not yet given: no verdict on the offer.
    expect(checkOneAnswer("location", "swedencentral", ctx)).toBeUndefined();
    expect(checkOneAnswer("location", "swedencentral", ctx, { "data-boundary": "eu" })).toContain("(data zone eu)");
    // Boundary second: the pair is refused under the boundary's question; a pair with a model passes.
    expect(checkOneAnswer("data-boundary", "eu", ctx, { location: "swedencentral" })).toContain(
      "DataZoneStandard in swedencentral (data zone eu)",
    );
    expect(checkOneAnswer("data-boundary", "us", ctx, { location: "eastus2" })).toBeUndefined();
  });

  test("checkAnswers refuses under --location with that message and writes no text", () => {
    const raw: RawAnswers = {
      name: "payments",
      "cost-center": "CC-1",
      location: "swedencentral",
      "data-boundary": "eu",
      "github-owner": "contoso",
      repos: "api",
      users: "3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b",
      admins: "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a",
      budget: "1500",
      emails: "leads@contoso.com",
      "start-month": "2030-04",
      "address-space": "10.61.0.0/24",
      "runner-labels": "self-hosted,codex-runner",
    };
    const { problems, text } = checkAnswers(raw, {
      now: new Date(NOW),
      taken: [],
      platform: PLATFORM,
      stackFileExists: () => false,
      catalog: CATALOG,
    });
    expect(text).toBeUndefined();
    const location = problems.filter((p) => p.flag === "--location");
    expect(location).toHaveLength(1);
    expect(location[0]?.message).toMatch(
      /^no codex-capable model .* DataZoneStandard in swedencentral \(data zone eu\).*Fix: pick another region of the eu data zone/,
    );
    // Said once, under --location: not again as a models problem.
    expect(problems.map((p) => p.flag)).not.toContain("codex-boundary:models");
  });
});

describe("properties of the offer", () => {
  const NOW = midnight("2031-05-01");
  const REGIONS = ["swedencentral", "germanywestcentral", "eastus2", "westus"] as const;
  const BOUNDARIES = ["global", "eu", "us"] as const;

  /** Entries with lives from already retired to far ahead (or none), each offered in a random set of regions. */
  const entries = fc.array(
    fc.record({
      life: fc.option(fc.integer({ min: -30, max: 400 })),
      codex: fc.boolean(),
      lifecycle: fc.constantFrom("GA", "Preview", "Deprecated"),
      global: fc.subarray([...REGIONS]),
      zone: fc.subarray([...REGIONS]),
    }),
    { maxLength: 6 },
  );

  function build(
    specs: Array<{ life: number | null; codex: boolean; lifecycle: string; global: string[]; zone: string[] }>,
  ): ModelCatalog {
    const models = specs.map(
      (s, i) =>
        ({
          ...entry({
            model: `m${i}`,
            version: "2031-01-01",
            lifecycle: s.lifecycle as CatalogEntry["lifecycle"],
            retirementDate: s.life === null ? null : new Date(NOW + s.life * DAY).toISOString().slice(0, 10),
            skus: { GlobalStandard: s.global, DataZoneStandard: s.zone },
          }),
          codex: s.codex,
        }) as CatalogEntry,
    );
    return { ...catalog(models), coveredRegions: { "matrix-a": [...REGIONS] } };
  }

  describe("newTeamModelOffer on generated catalogs", () => {
    it("offers exactly the codex-capable GA/Preview entries offered there as the boundary's SKU that live the minimum; refuses iff there are none", () => {
      fc.assert(
        fc.property(
          entries,
          fc.constantFrom(...REGIONS),
          fc.constantFrom(...BOUNDARIES),
          (specs, location, boundary) => {
            const c = build(specs);
            const offer = newTeamModelOffer(location, boundary, NOW, c);
            const expected = specs
              .map((s, i) => ({ s, model: `m${i}` }))
              .filter(
                ({ s }) =>
                  s.codex && s.lifecycle !== "Deprecated" && (s.life === null || s.life >= NEW_TEAM_MIN_LIFE_DAYS),
              )
              .filter(({ s }) => (boundary === "global" ? s.global : s.zone).includes(location))
              // A data-zone team only in a region of its own zone.
              .filter(() => boundary === "global" || dataZoneOf(location) === boundary)
              .map(({ model }) => model);
            if (expected.length === 0) {
              expect(offer.ok).toBe(false);
              if (!offer.ok) expect(offer.message).toContain(location);
            } else {
              expect(offer.ok && offer.models.map((m) => m.entry.model)).toEqual(expected);
              if (offer.ok)
                for (const m of offer.models)
                  expect(m.daysLeft === undefined || m.daysLeft >= NEW_TEAM_MIN_LIFE_DAYS).toBe(true);
            }
          },
        ),
      );
    });

    it("a refusal for a data zone never sends the team to a region of another zone", () => {
      fc.assert(
        fc.property(entries, fc.constantFrom(...REGIONS), fc.constantFrom("eu", "us"), (specs, location, boundary) => {
          const offer = newTeamModelOffer(location, boundary, NOW, build(specs));
          if (offer.ok) return;
          const picks =
            /another region of the \w+ data zone \(--location\): ([^;]*);/.exec(offer.message)?.[1]?.split(", ") ?? [];
          const zoneRegions = boundary === "eu" ? ["swedencentral", "germanywestcentral"] : ["eastus2", "westus"];
          for (const region of picks) expect(zoneRegions).toContain(region);
        }),
      );
    });
  });
});
