import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dataZoneOf } from "../../lib/fleet/dataZones";
import { NEW_TEAM_MIN_LIFE_DAYS } from "../../lib/models/lifecycle";
import type { CatalogEntry, ModelCatalog } from "../../lib/models/modelCatalog";
import { newTeamModelOffer } from "../../lib/onboarding/modelOffer";
import { catalog, DAY, entry, midnight } from "../models/syntheticCatalog";

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

function build(specs: Array<{ life: number | null; codex: boolean; lifecycle: string; global: string[]; zone: string[] }>): ModelCatalog {
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
      fc.property(entries, fc.constantFrom(...REGIONS), fc.constantFrom(...BOUNDARIES), (specs, location, boundary) => {
        const c = build(specs);
        const offer = newTeamModelOffer(location, boundary, NOW, c);
        const expected = specs
          .map((s, i) => ({ s, model: `m${i}` }))
          .filter(({ s }) => s.codex && s.lifecycle !== "Deprecated" && (s.life === null || s.life >= NEW_TEAM_MIN_LIFE_DAYS))
          .filter(({ s }) => (boundary === "global" ? s.global : s.zone).includes(location))
          // A data-zone team only in a region of its own zone.
          .filter(() => boundary === "global" || dataZoneOf(location) === boundary)
          .map(({ model }) => model);
        if (expected.length === 0) {
          expect(offer.ok).toBe(false);
          if (!offer.ok) expect(offer.message).toContain(location);
        } else {
          expect(offer.ok && offer.models.map((m) => m.entry.model)).toEqual(expected);
          if (offer.ok) for (const m of offer.models) expect(m.daysLeft === undefined || m.daysLeft >= NEW_TEAM_MIN_LIFE_DAYS).toBe(true);
        }
      }),
    );
  });

  it("a refusal for a data zone never sends the team to a region of another zone", () => {
    fc.assert(
      fc.property(entries, fc.constantFrom(...REGIONS), fc.constantFrom("eu", "us"), (specs, location, boundary) => {
        const offer = newTeamModelOffer(location, boundary, NOW, build(specs));
        if (offer.ok) return;
        const picks = /another region of the \w+ data zone \(--location\): ([^;]*);/.exec(offer.message)?.[1]?.split(", ") ?? [];
        const zoneRegions = boundary === "eu" ? ["swedencentral", "germanywestcentral"] : ["eastus2", "westus"];
        for (const region of picks) expect(zoneRegions).toContain(region);
      }),
    );
  });
});
