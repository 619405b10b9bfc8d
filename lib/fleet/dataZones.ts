/**
 * Which Azure data zone a region belongs to, for DataZone* deployments (one quota pool per data zone).
 * Regions: the ones Microsoft's model matrix lists as offering DataZoneStandard, classified by geography
 * (EU member state or United States). A region not listed here has no known data zone.
 */
export const DATA_ZONE_SOURCE =
  "MicrosoftDocs/azure-ai-docs articles/ai-foundry/openai/includes/model-matrix/datazone-standard.md (commit 1fca74742ad36222840bd124e8d72548f7b28274, ms.date 08/12/2025); zone by the region's country";

export const DATA_ZONE_REGIONS: Readonly<Record<"eu" | "us", readonly string[]>> = {
  eu: [
    "francecentral",
    "germanywestcentral",
    "italynorth",
    "polandcentral",
    "spaincentral",
    "swedencentral",
    "westeurope",
  ],
  us: ["eastus", "eastus2", "northcentralus", "southcentralus", "westus", "westus3"],
};

export type DataZone = keyof typeof DATA_ZONE_REGIONS;

export function dataZoneOf(region: string): DataZone | undefined {
  const lower = region.toLowerCase();
  return (Object.keys(DATA_ZONE_REGIONS) as DataZone[]).find((zone) => DATA_ZONE_REGIONS[zone].includes(lower));
}
