/**
 * Azure regions where GitHub supports private networking for GitHub-hosted runners (GitHub.com, not GHE.com data
 * residency, which has its own list). A fact from GitHub's docs, kept here only:
 * source: https://docs.github.com/en/organizations/managing-organization-settings/troubleshooting-azure-private-network-configurations-for-github-hosted-runners-in-your-organization
 * ("Supported regions"), read 2026-12-08. GitHub adds regions over time: re-read the page before relying on a refusal.
 * Spelled as GitHub lists them; compared with Azure location names case-insensitively (`EastUs2` = `eastus2`).
 */
export const HOSTED_NETWORKING_REGIONS: readonly string[] = [
  "AustraliaEast",
  "BrazilSouth",
  "CanadaCentral",
  "CanadaEast",
  "CentralUs",
  "EastAsia",
  "EastUs",
  "EastUs2",
  "FranceCentral",
  "GermanyWestCentral",
  "JapanEast",
  "KoreaCentral",
  "NorthCentralUs",
  "NorthEurope",
  "NorwayEast",
  "SouthCentralUs",
  "SoutheastAsia",
  "SouthIndia",
  "SwedenCentral",
  "SwitzerlandNorth",
  "UkSouth",
  "WestUs",
  "WestUs2",
  "WestUs3",
];

export const HOSTED_NETWORKING_REGIONS_SOURCE =
  "https://docs.github.com/en/organizations/managing-organization-settings/troubleshooting-azure-private-network-configurations-for-github-hosted-runners-in-your-organization";

/** Whether an Azure location (`swedencentral`, `Sweden Central`) is one GitHub supports for private networking. */
export function isHostedNetworkingRegion(location: string): boolean {
  const key = location.replace(/\s+/g, "").toLowerCase();
  return HOSTED_NETWORKING_REGIONS.some((r) => r.toLowerCase() === key);
}
