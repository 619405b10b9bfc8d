import { z } from "zod";
import { refineBoundaryRegions } from "../config/geography";
import {
  GITHUB_OWNER_PATTERN,
  GUID_PATTERN,
  ignoreCase,
  REGION_NAME_PATTERN,
  RUNNER_LABEL_PATTERN,
  TEAM_NAME_PATTERN,
} from "../config/patterns";
import { existingNetworkingSchema } from "../config/schema";
import { COGNITIVE_SERVICES_RESOURCE } from "../devkit/entraAuth";

/**
 * platform.yaml, beside the stack files: what only the platform team decides. A team's stack file can only choose
 * within it (lib/platform/teamRules.ts); anything outside is an input error naming the key, the value and the platform
 * setting. Changes to this file are reviewed by the platform and security owners (CODEOWNERS) and never ride in the
 * same pull request as a stack file (deploy.yml). Every object is strict: an unknown key is an error.
 */

/** The file's name, beside the stack files (the project directory, or --stack-dir / --stacks-dir of the CLIs). */
export const PLATFORM_FILE_NAME = "platform.yaml";

/** Provider keys a stack file may ever carry, whatever platform.yaml says: none moves an endpoint or a token. */
export const SAFE_PROVIDER_KEYS = ["azure-native:location", "azure-native:subscriptionId"] as const;

const REPOSITORY_FULL_NAME_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
const CODE_OWNER_PATTERN = /^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(\/[A-Za-z0-9._-]+)?$|^[^@\s]+@[^@\s]+\.[^@\s]+$/;

const guid = (what: string) => z.string().regex(GUID_PATTERN, `must be ${what} (a GUID)`);
const codeOwners = (whose: string) =>
  z
    .array(z.string().regex(CODE_OWNER_PATTERN, "must be a CODEOWNERS owner: @org/team, @user or an email address"))
    .min(1, `must name at least one owner for ${whose}`)
    .describe(`CODEOWNERS owners of ${whose}.`);
const boundaryTarget = z
  .strictObject({
    subscriptionIds: z
      .array(guid("a subscription ID"))
      .min(1, "must list at least one subscription")
      .describe("Subscriptions a team of this data boundary may deploy into."),
    regions: z
      .array(z.string().regex(REGION_NAME_PATTERN, "must be an Azure region name such as swedencentral"))
      .min(1, "must list at least one region")
      .describe("Regions a team of this data boundary may use (each must lie in the boundary's geography)."),
  })
  .describe("Where teams of one data boundary may deploy.");

const hubSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, "must be a short name such as hub-eu"),
    virtualNetworkIds: z
      .array(
        z
          .string()
          .regex(
            ignoreCase(
              /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+$/,
            ),
            "must be the resource ID of a virtual network (.../providers/Microsoft.Network/virtualNetworks/<vnet>)",
          ),
      )
      .min(1)
      .describe("Spoke virtual networks whose subnets a team's `networking.subnetId` may name."),
    privateDnsZoneIds: existingNetworkingSchema.shape.privateDnsZoneIds.describe(
      "The hub's private DNS zones: a team in `networking.mode: existing` must name exactly these.",
    ),
  })
  .describe("A hub-and-spoke estate teams may attach to.");

const teamEntry = z
  .strictObject({
    owners: codeOwners("the team's stack file"),
    repositories: z
      .array(z.string().regex(REPOSITORY_FULL_NAME_PATTERN, "must be a repository as <owner>/<name>"))
      .default([])
      .describe(
        "Repositories (<owner>/<name>) the team may claim in `github.repositories`; compared ignoring case. None by default.",
      ),
  })
  .describe("One team the platform admits: who owns its stack file and what it may claim.");

/** Gateway names (platform.yaml `gateways` keys, a team's `gateway.name`): like hub names. */
export const GATEWAY_NAME_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;

const APIM_SERVICE_ID_PATTERN =
  /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.ApiManagement\/service\/[^/]+$/;
const APIM_LOGGER_ID_PATTERN =
  /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.ApiManagement\/service\/[^/]+\/loggers\/[^/]+$/;
const HOST_NAME_PATTERN = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

const gatewayEntry = z
  .strictObject({
    resourceId: z
      .string()
      .regex(
        ignoreCase(APIM_SERVICE_ID_PATTERN),
        "must be the resource ID of an API Management service (.../providers/Microsoft.ApiManagement/service/<name>): the gateway stack's `apimResourceId` output",
      )
      .describe("The API Management service (the gateway stack's `apimResourceId` output) teams' APIs are created in."),
    hostname: z
      .string()
      .regex(
        ignoreCase(HOST_NAME_PATTERN),
        "must be a host name such as apim-codex-hub.azure-api.net: the gateway stack's `gatewayHostname` output",
      )
      .describe(
        "The host Codex calls (the gateway stack's `gatewayHostname` output); inside the boundary it resolves to the private endpoint through privatelink.azure-api.net.",
      ),
    principalId: guid("the object ID of the gateway's system-assigned managed identity").describe(
      "Object ID of the gateway's managed identity (the gateway stack's `principalId` output): a team stack grants it Cognitive Services OpenAI User on the team's account.",
    ),
    loggerId: z
      .string()
      .regex(
        ignoreCase(APIM_LOGGER_ID_PATTERN),
        "must be the resource ID of an API Management logger (.../service/<name>/loggers/<logger>): the gateway stack's `loggerId` output",
      )
      .describe(
        "The gateway's Application Insights logger (the gateway stack's `loggerId` output), for the token metrics of a team's API.",
      ),
    tenantId: guid("the Entra tenant ID")
      .optional()
      .describe(
        "The Entra tenant whose tokens the gateway accepts; left out, `azure.tenantId` (one of the two is needed for a team to use the gateway).",
      ),
    audience: z
      .string()
      .regex(/^(https|api):\/\/\S+$/, "must be an audience URI such as https://cognitiveservices.azure.com")
      .default(COGNITIVE_SERVICES_RESOURCE)
      .describe(
        "The audience a developer's token must carry (default https://cognitiveservices.azure.com: the token Codex's Entra auth already asks for).",
      ),
    location: z
      .string()
      .regex(REGION_NAME_PATTERN, "must be an Azure region name such as swedencentral")
      .optional()
      .describe("The gateway's region, for the fleet's per-gateway view (informational)."),
  })
  .superRefine((entry, ctx) => {
    // The logger must be the service's own: a logger of another service would take the team's token metrics elsewhere.
    if (
      !ignoreCase(APIM_LOGGER_ID_PATTERN).test(entry.loggerId) ||
      !ignoreCase(APIM_SERVICE_ID_PATTERN).test(entry.resourceId)
    )
      return;
    if (!entry.loggerId.toLowerCase().startsWith(`${entry.resourceId.toLowerCase()}/loggers/`)) {
      ctx.addIssue({
        code: "custom",
        path: ["loggerId"],
        message: `must be a logger of the service ${entry.resourceId} (${entry.resourceId}/loggers/<logger>)`,
      });
    }
  })
  .describe("One AI gateway (the gateway/ project's stack): what a team stack needs to put its API behind it.");

export const platformConfigSchema = z.strictObject({
  github: z
    .strictObject({
      host: z
        .string()
        .regex(
          ignoreCase(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/),
          "must be a host name such as github.com or github.example.com",
        )
        .default("github.com")
        .describe(
          "GitHub host of every team repository: github.com, or a GitHub Enterprise Server host (its API is https://<host>/api/v3).",
        ),
      organizations: z
        .array(z.string().regex(GITHUB_OWNER_PATTERN, "must be a GitHub organization name"))
        .min(1, "must list at least one organization")
        .describe("Organizations a team's `github.owner` may name."),
      platformRepository: z
        .string()
        .regex(REPOSITORY_FULL_NAME_PATTERN, "must be a repository as <owner>/<name>")
        .describe("This project's repository (<owner>/<name>): no team may claim it."),
      runnerLabels: z
        .array(z.string().regex(RUNNER_LABEL_PATTERN, "must be a runner label"))
        .min(1, "must list at least one dedicated runner label")
        .describe(
          "Dedicated labels of the platform's Codex runners: a team's `codex.runnerLabels` must carry one of them.",
        ),
    })
    .describe("Where team repositories live and which runners may run Codex."),
  azure: z
    .strictObject({
      tenantId: guid("the Entra tenant ID").optional().describe("The Entra tenant every stack deploys into."),
      deployer: z
        .strictObject({
          objectId: guid("the deploying identity's object ID (not its application/client ID)").describe(
            "Object ID of the service principal or managed identity (or person) deploy.yml runs `pulumi up` as.",
          ),
          principalType: z
            .enum(["ServicePrincipal", "User"])
            .describe("`ServicePrincipal` (CI with OIDC, a managed identity) or `User` (a person's `az login`)."),
        })
        .optional()
        .describe(
          "The identity that deploys every team stack: the deployer's role assignments name it, so a preview by another identity (the reader) or a person's local `up` never moves them. Required for a team in key mode.",
        ),
      dataBoundaries: z
        .strictObject({
          global: boundaryTarget.optional(),
          eu: boundaryTarget.optional(),
          us: boundaryTarget.optional(),
        })
        .superRefine(refineBoundaryRegions)
        .describe("Per data boundary, the subscriptions and regions teams may use; a boundary left out is refused."),
      hubs: z.array(hubSchema).default([]).describe("Hub networks teams may attach to (`networking.mode: existing`)."),
      centralPrivateDns: z
        .boolean()
        .default(false)
        .describe(
          "The estate resolves private endpoints through the hub's private DNS zones (Azure Landing Zones: Deny-Private-DNS-Zones at Corp). When true, `networking.mode: create`, which creates its own zones in the spoke, is refused.",
        ),
      auditWorkspaceIds: z
        .array(
          z
            .string()
            .regex(
              ignoreCase(
                /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.OperationalInsights\/workspaces\/[^/]+$/,
              ),
              "must be the resource ID of a Log Analytics workspace",
            ),
        )
        .default([])
        .describe("Existing Log Analytics workspaces a team's `audit.workspaceId` may name (none by default)."),
    })
    .describe("Where in Azure teams may deploy."),
  policy: z
    .strictObject({
      keyAuthExemption: z
        .strictObject({
          policyAssignmentId: z
            .string()
            .regex(
              ignoreCase(/\/providers\/Microsoft\.Authorization\/policyAssignments\/[^/]+$/),
              "must be a policy assignment resource ID",
            )
            .describe("The only policy assignment a team's key-auth exemption may name."),
          policyDefinitionReferenceIds: z
            .array(z.string().min(1))
            .min(1)
            .optional()
            .describe(
              "When the assignment is an initiative: the only reference IDs a team's exemption may waive (and must name).",
            ),
          maxDays: z
            .number()
            .int()
            .min(1)
            .max(366)
            .default(365)
            .describe("Longest an exemption may run, in days from the day the config is checked."),
        })
        .optional()
        .describe("The key-auth exemption teams in key mode may take; left out, no team may take one."),
    })
    .prefault({})
    .describe("Azure Policy exemptions teams may take."),
  stackFiles: z
    .strictObject({
      providerKeys: z
        .array(z.enum(SAFE_PROVIDER_KEYS))
        .default(["azure-native:location"])
        .describe(
          "Provider keys a stack file may set (a subset of azure-native:location and azure-native:subscriptionId).",
        ),
    })
    .prefault({})
    .describe("What a team's stack file may hold besides this project's keys."),
  owners: z
    .strictObject({
      platform: codeOwners("the platform (workflows, program, package files)"),
      security: codeOwners("security (platform.yaml, policies/, .github/)"),
    })
    .describe("Owners written to CODEOWNERS."),
  teams: z
    .record(
      z.string().regex(TEAM_NAME_PATTERN, "must be a team name (2-16 lowercase letters, digits, hyphens)"),
      teamEntry,
    )
    .default({})
    .describe("The teams the platform admits, by `codex-boundary:team`; a stack whose team is not here is refused."),
  gateways: z
    .record(z.string().regex(GATEWAY_NAME_PATTERN, "must be a short name such as hub-eastus2"), gatewayEntry)
    .default({})
    .describe(
      "AI gateways (API Management, the gateway/ project) teams may put their account behind, by name (a team's `gateway.name`); none by default.",
    ),
});

export type PlatformConfigInput = z.input<typeof platformConfigSchema>;
export type PlatformConfig = z.output<typeof platformConfigSchema>;
export type BoundaryTarget = z.output<typeof boundaryTarget>;
export type HubConfig = z.output<typeof hubSchema>;
export type GatewayConfig = z.output<typeof gatewayEntry>;

/** The GitHub REST API URL of a host: api.github.com for github.com, <host>/api/v3 for GitHub Enterprise Server. */
export function githubApiUrl(host: string): string {
  return host.toLowerCase() === "github.com" ? "https://api.github.com" : `https://${host.toLowerCase()}/api/v3`;
}
