import { editDistance } from "../editDistance";

/**
 * The one table of Azure public-cloud regions: programmatic name (as ARM and `az account list-locations` spell it)
 * -> display name, country, and the geography a data boundary admits it in. Every check that relates a region to a
 * data boundary reads it: the config parser, new-team, the policy pack, the fleet's data-zone pools, platform.yaml.
 *
 * Sources (read 2026-12-07):
 * - Regions, display names and countries: Microsoft's "Azure regions list" (MicrosoftDocs/reliability-docs,
 *   articles/reliability/regions-list.md, commit c7803c506e09cb705dd2dd45c338c480a0500e27 of 2026-07-28, the "All"
 *   table: Physical location, Geography, Programmatic name). Where that table's geography is a continent ("Europe",
 *   "Asia Pacific") the country is the physical location's (westeurope: Netherlands, northeurope: Ireland,
 *   eastasia: Hong Kong, southeastasia: Singapore). swedensouth is named there only as Sweden Central's (restricted)
 *   paired region; it is listed here so that pair is known. Restricted regions are listed like the others.
 * - What the data zones cover: "Deployment types for Microsoft Foundry Models" (MicrosoftDocs/azure-ai-docs,
 *   articles/foundry/foundry-models/includes/concepts-deployment-types-content.md). Its version of ms.date 2026-03-19
 *   (commit 0e07333a902d5c8e08301cf89171858caa913cfc) says a DataZone deployment of a resource in the United States
 *   is processed anywhere in the US, and of a resource in an EU member nation within any EU member nation. Its
 *   version of ms.date 2026-05-08 (commit 061aa849a431071f6463f5acaf7a9c9f045da440) ties the EU data zone to the
 *   Azure EU Data Boundary instead and names, "as of May 2026", regions in France, Germany, Italy, Netherlands,
 *   Norway, Poland, Spain, Sweden and Switzerland, adding that more regions may join without notice.
 *
 * Geography: "eu" for a region in an EU member state, "us" for one in the United States, "other" for every other
 * (its country says which). So `dataBoundary: eu` means the team's resources sit in the EU. Not checked, and left as
 * the stricter reading: Norway and Switzerland are "other" here although the May 2026 page counts them in the EU
 * data zone (neither is an EU member state; the model catalog lists no DataZone deployment there, so no team can
 * plan one anyway). The same page means an `eu` team's DataZone prompts may be processed in Norway or Switzerland:
 * the data zone is Microsoft's, this table cannot narrow it. Not listed: sovereign clouds (US Gov, China), logical
 * locations (`global`, `europe`), regions the page does not name (restricted ones such as jioindiawest): add a
 * region here, with its row from the page, when Microsoft opens it.
 */
export type Geography = "eu" | "us" | "other";

export interface AzureRegion {
  /** Programmatic name, lower case: what `location` holds. */
  name: string;
  displayName: string;
  country: string;
  geography: Geography;
}

/** The table's source, short, for messages (the comment above has the commit). */
export const REGION_SOURCE = "Microsoft's Azure regions list of 2026-07-28";

/** The 27 member states of the European Union (2026). */
const EU_MEMBER_STATES: ReadonlySet<string> = new Set([
  "Austria",
  "Belgium",
  "Bulgaria",
  "Croatia",
  "Cyprus",
  "Czechia",
  "Denmark",
  "Estonia",
  "Finland",
  "France",
  "Germany",
  "Greece",
  "Hungary",
  "Ireland",
  "Italy",
  "Latvia",
  "Lithuania",
  "Luxembourg",
  "Malta",
  "Netherlands",
  "Poland",
  "Portugal",
  "Romania",
  "Slovakia",
  "Slovenia",
  "Spain",
  "Sweden",
]);

const UNITED_STATES = "United States";

/** [programmatic name, display name, country], in the source's order. */
const ROWS: ReadonlyArray<readonly [string, string, string]> = [
  ["australiacentral", "Australia Central", "Australia"],
  ["australiacentral2", "Australia Central 2", "Australia"],
  ["australiaeast", "Australia East", "Australia"],
  ["australiasoutheast", "Australia Southeast", "Australia"],
  ["austriaeast", "Austria East", "Austria"],
  ["belgiumcentral", "Belgium Central", "Belgium"],
  ["brazilsouth", "Brazil South", "Brazil"],
  ["brazilsoutheast", "Brazil Southeast", "Brazil"],
  ["canadacentral", "Canada Central", "Canada"],
  ["canadaeast", "Canada East", "Canada"],
  ["centralindia", "Central India", "India"],
  ["centralus", "Central US", UNITED_STATES],
  ["chilecentral", "Chile Central", "Chile"],
  ["denmarkeast", "Denmark East", "Denmark"],
  ["eastasia", "East Asia", "Hong Kong"],
  ["eastus", "East US", UNITED_STATES],
  ["eastus2", "East US 2", UNITED_STATES],
  ["francecentral", "France Central", "France"],
  ["francesouth", "France South", "France"],
  ["germanynorth", "Germany North", "Germany"],
  ["germanywestcentral", "Germany West Central", "Germany"],
  ["indiasouthcentral", "India South Central", "India"],
  ["indonesiacentral", "Indonesia Central", "Indonesia"],
  ["israelcentral", "Israel Central", "Israel"],
  ["italynorth", "Italy North", "Italy"],
  ["japaneast", "Japan East", "Japan"],
  ["japanwest", "Japan West", "Japan"],
  ["koreacentral", "Korea Central", "Korea"],
  ["koreasouth", "Korea South", "Korea"],
  ["malaysiawest", "Malaysia West", "Malaysia"],
  ["mexicocentral", "Mexico Central", "Mexico"],
  ["newzealandnorth", "New Zealand North", "New Zealand"],
  ["northcentralus", "North Central US", UNITED_STATES],
  ["northeurope", "North Europe", "Ireland"],
  ["norwayeast", "Norway East", "Norway"],
  ["norwaywest", "Norway West", "Norway"],
  ["polandcentral", "Poland Central", "Poland"],
  ["qatarcentral", "Qatar Central", "Qatar"],
  ["southafricanorth", "South Africa North", "South Africa"],
  ["southafricawest", "South Africa West", "South Africa"],
  ["southcentralus", "South Central US", UNITED_STATES],
  ["southindia", "South India", "India"],
  ["southeastasia", "Southeast Asia", "Singapore"],
  ["spaincentral", "Spain Central", "Spain"],
  ["swedencentral", "Sweden Central", "Sweden"],
  ["swedensouth", "Sweden South", "Sweden"],
  ["switzerlandnorth", "Switzerland North", "Switzerland"],
  ["switzerlandwest", "Switzerland West", "Switzerland"],
  ["uaecentral", "UAE Central", "UAE"],
  ["uaenorth", "UAE North", "UAE"],
  ["uksouth", "UK South", "United Kingdom"],
  ["ukwest", "UK West", "United Kingdom"],
  ["westcentralus", "West Central US", UNITED_STATES],
  ["westeurope", "West Europe", "Netherlands"],
  ["westindia", "West India", "India"],
  ["westus", "West US", UNITED_STATES],
  ["westus2", "West US 2", UNITED_STATES],
  ["westus3", "West US 3", UNITED_STATES],
];

function geographyOfCountry(country: string): Geography {
  if (country === UNITED_STATES) return "us";
  return EU_MEMBER_STATES.has(country) ? "eu" : "other";
}

export const AZURE_REGIONS: readonly AzureRegion[] = ROWS.map(([name, displayName, country]) => ({
  name,
  displayName,
  country,
  geography: geographyOfCountry(country),
}));

const BY_NAME: ReadonlyMap<string, AzureRegion> = new Map(AZURE_REGIONS.map((r) => [r.name, r]));

/** The region of that programmatic name (ARM compares region names ignoring case), or undefined when unknown. */
export function regionNamed(name: string): AzureRegion | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** The programmatic names of a geography's regions, sorted. */
export function regionsIn(geography: Geography): string[] {
  return AZURE_REGIONS.filter((r) => r.geography === geography)
    .map((r) => r.name)
    .sort();
}

/** Where a region is, as a message says it: "in an EU member state", "in the United States", "in neither ...". */
export function geographyName(geography: Geography): string {
  if (geography === "eu") return "in an EU member state";
  return geography === "us" ? "in the United States" : "in neither the EU nor the United States";
}

/** Which regions a geography holds, as a message says it: "in EU member states", "in the United States". */
export function geographyRegionsName(geography: "eu" | "us"): string {
  return geography === "eu" ? "in EU member states" : "in the United States";
}

/**
 * The known regions closest to a name that is not one (edit distance, then name), so a typo gets its fix. A display
 * name typed as such ("Sweden Central") is compared without its spaces and case.
 */
export function nearestRegions(typed: string, count = 3): string[] {
  const word = typed.toLowerCase().replace(/\s+/g, "");
  return AZURE_REGIONS.map((r) => ({ name: r.name, d: editDistance(word, r.name) }))
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
    .slice(0, count)
    .map((r) => r.name);
}
