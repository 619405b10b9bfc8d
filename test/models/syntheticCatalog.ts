import type { CatalogEntry, ModelCatalog } from "../../lib/models/modelCatalog";

/** A small catalog for edge cases: two covered matrix documents, entries built per test. */
export const SOURCES: ModelCatalog["sources"] = {
  schedule: { document: "Retirement schedule", url: "https://example.test/schedule", revised: "2026-07-07" },
  launch: { document: "Version list", url: "https://example.test/versions", revised: "2026-01-30" },
  "matrix-a": { document: "Matrix A", url: "https://example.test/a", revised: "2026-04-30" },
  "matrix-b": { document: "Matrix B", url: "https://example.test/b", revised: "2026-05-02" },
  "matrix-undated": { document: "Matrix undated", url: "https://example.test/u", revised: "spring 2026" },
};

export function entry(overrides: Partial<CatalogEntry> = {}): CatalogEntry {
  return {
    model: "m-one",
    version: "2026-01-01",
    lifecycle: "GA",
    launchDate: "2026-01-01",
    retirementDate: "2027-01-31",
    replacement: null,
    registration: "none",
    newCustomerCutoff: "2027-01-01",
    codex: true,
    sources: {
      lifecycle: "schedule",
      retirementDate: "schedule",
      replacement: "schedule",
      launchDate: "launch",
      registration: "launch",
      newCustomerCutoff: "launch",
      codex: "launch",
      skus: ["matrix-a", "matrix-b"],
    },
    skus: { GlobalStandard: ["regiona", "regionb"], DataZoneStandard: ["regiona"] },
    ...overrides,
  };
}

export function catalog(models: CatalogEntry[]): ModelCatalog {
  return {
    about: "synthetic",
    reviewed: "2026-07-07",
    // A copy: a test may change a catalog it built, and the unit tests share one module graph.
    sources: structuredClone(SOURCES),
    coveredRegions: { "matrix-a": ["regiona", "regionc"], "matrix-b": ["regionb"] },
    models,
  };
}

/** Midnight UTC of a day, in ms. */
export const midnight = (day: string) => Date.parse(`${day}T00:00:00Z`);
export const DAY = 86_400_000;
