import { z } from "zod";
import { checkEmergencyReason } from "../keys/emergencyReason";
import { cidrContains, IPV4_CIDR_PATTERN } from "../net/cidr";
import { DEPLOYMENT_NAME_MAX, DEPLOYMENT_NAME_PATTERN, ignoreCase, RUNNER_LABEL_PATTERN, TEAM_NAME_PATTERN } from "./patterns";

export { TEAM_NAME_PATTERN } from "./patterns";
export { cidrContains } from "../net/cidr";

/**
 * The team config, as read from `codex-boundary:*` keys of Pulumi.<team>.yaml. This schema is the single source of
 * the config reference: every field carries its description and its default (stated once, here), and
 * `npm run docs` renders the README's config reference and schema/team-config.schema.json from it.
 * Every object is strict: an unknown key is an error, so a typo never passes silently.
 * Defaults are the secure choice; every opt-out is a key someone has to write.
 */

/** Free text up to EMERGENCY_REASON_MAX characters; never a number; never key material (not echoed back). */
const emergencyReason = z
  .string({
    error: (issue) =>
      typeof issue.input === "number" || typeof issue.input === "boolean"
        ? `must be text, but YAML read it as a ${typeof issue.input}: quote it (e.g. '${String(issue.input)}')`
        : "must be text: why the key was rotated",
  })
  .superRefine((reason, ctx) => {
    for (const message of checkEmergencyReason(reason)) {
      ctx.addIssue({ code: "custom", message, params: { hideValue: message.startsWith("looks like key material") } });
    }
  });

const GUID_PATTERN = ignoreCase(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const ARM_ID_PATTERN = ignoreCase(/^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+\/providers\/[^/]+\/.+$/);
const SUBNET_ID_PATTERN = ignoreCase(
  /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+\/subnets\/[^/]+$/,
);
const RESOURCE_GROUP_ID_PATTERN = ignoreCase(/^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[-\w._()]{1,90}$/);
const POLICY_ASSIGNMENT_ID_PATTERN = ignoreCase(/\/providers\/Microsoft\.Authorization\/policyAssignments\/[^/]+$/);
const FQDN_PATTERN = ignoreCase(/^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/);

export const DATA_BOUNDARIES = ["global", "eu", "us"] as const;
export const DEPLOYMENT_SKUS = [
  "GlobalStandard",
  "GlobalProvisionedManaged",
  "GlobalBatch",
  "DataZoneStandard",
  "DataZoneProvisionedManaged",
  "DataZoneBatch",
  "Standard",
  "ProvisionedManaged",
] as const;
export const VERSION_UPGRADE_OPTIONS = [
  "NoAutoUpgrade",
  "OnceCurrentVersionExpired",
  "OnceNewDefaultVersionAvailable",
] as const;
export const REASONING_EFFORTS = ["minimal", "low", "medium", "high", "xhigh"] as const;

/** The GitHub environment that holds the key in a team repository when the config names none. */
export const DEFAULT_KEY_ENVIRONMENT = "codex";

/**
 * The rotation schedule a stack gets when its config names none. new-team writes these into every new stack file,
 * so a later change here never shifts the schedule of a deployed team.
 */
export const KEY_ROTATION_DEFAULTS = { periodDays: 30, epoch: "2026-01-01" } as const;

/** A dedicated label: bare `self-hosted` would run Codex (and its key) on any self-hosted runner of the org. */
export const DEFAULT_RUNNER_LABELS = ["self-hosted", "codex-runner"] as const;

// Shared field schemas.
const guid = (what: string) =>
  z.string().regex(GUID_PATTERN, `must be ${what} (a GUID such as 00000000-0000-0000-0000-000000000000)`);
const entraGroupIds = (who: string) =>
  z
    .array(guid("an Entra group object ID"))
    .min(1, `must list at least one Entra group for ${who}`)
    .describe(`Entra group object IDs of the team's ${who}.`);
const armId = (what: string) =>
  z.string().regex(ARM_ID_PATTERN, `must be the Azure resource ID of ${what} (/subscriptions/<guid>/resourceGroups/<rg>/providers/...)`);
const PRIVATE_DNS_ZONE_ID_PATTERN = ignoreCase(
  /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/privateDnsZones\/[^/]+$/,
);
const privateDnsZoneId = (zone: string) =>
  z
    .string()
    .regex(PRIVATE_DNS_ZONE_ID_PATTERN, `must be the resource ID of the private DNS zone ${zone}`)
    .refine((id) => id.toLowerCase().endsWith(`/privatednszones/${zone}`), `must point at the zone named ${zone}`)
    .describe(`Resource ID of the existing private DNS zone ${zone}.`);
const cidr = z.string().regex(IPV4_CIDR_PATTERN, "must be an IPv4 CIDR block with a prefix from /8 to /29, e.g. 10.60.0.0/24");
const yearMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month as YYYY-MM, e.g. 2026-12 (Azure budgets start on the first of a month and the start cannot change later)");
const isoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "must be a date as YYYY-MM-DD");
const githubIds = (what: string) => z.array(z.number().int().positive()).default([]).describe(what);

export const modelSchema = z
  .strictObject({
    name: z
      .string()
      .regex(DEPLOYMENT_NAME_PATTERN, `must be a deployment name of 1-${DEPLOYMENT_NAME_MAX} letters, digits, '.', '_' or '-'`)
      .describe("Deployment name: what Codex sends as `model`."),
    model: z.string().min(1, "must name an Azure OpenAI model, e.g. gpt-5.3-codex").describe("Azure OpenAI model name, e.g. gpt-5.3-codex."),
    version: z.string().min(1, "must be the model version Azure lists, e.g. 2026-02-24").describe("Model version as Azure lists it, e.g. 2026-02-24."),
    sku: z.enum(DEPLOYMENT_SKUS).describe("Deployment type. `eu`/`us` data boundaries reject every Global* SKU."),
    capacity: z
      .number()
      .int("must be a positive integer")
      .positive("must be a positive integer")
      .max(100000)
      .describe("Capacity in thousands of tokens per minute."),
    versionUpgradeOption: z.enum(VERSION_UPGRADE_OPTIONS).default("OnceCurrentVersionExpired").describe("When Azure moves the deployment to a newer model version."),
    raiPolicyName: z.string().min(1).optional().describe("Content filter (RAI policy) of the deployment; Azure's default when unset."),
  })
  .describe("One model deployment on the account.");

const createNetworking = z
  .strictObject({
    mode: z.literal("create").describe("`create`: a new VNet and private DNS zones for this team."),
    addressSpace: cidr.describe("Address space of the new VNet; it must overlap no other team's nor your network's routes."),
    privateEndpointSubnet: cidr.optional().describe("Subnet for the private endpoints, inside addressSpace (default: its first /27)."),
  })
  .describe("A new VNet for the private endpoints.");

const existingNetworking = z
  .strictObject({
    mode: z.literal("existing").describe("`existing`: a hub-and-spoke subnet and the hub's private DNS zones."),
    subnetId: z
      .string()
      .regex(SUBNET_ID_PATTERN, "must be the resource ID of an existing subnet (.../virtualNetworks/<vnet>/subnets/<subnet>)")
      .describe("Resource ID of the existing subnet for the private endpoints."),
    privateDnsZoneIds: z
      .strictObject({
        cognitiveServices: privateDnsZoneId("privatelink.cognitiveservices.azure.com"),
        openAi: privateDnsZoneId("privatelink.openai.azure.com"),
        aiServices: privateDnsZoneId("privatelink.services.ai.azure.com"),
        keyVault: privateDnsZoneId("privatelink.vaultcore.azure.net"),
      })
      .describe("The hub's private DNS zones the endpoints register in."),
    privateEndpointResourceGroupId: z
      .string()
      .regex(RESOURCE_GROUP_ID_PATTERN, "must be the resource ID of a resource group (/subscriptions/<guid>/resourceGroups/<name>)")
      .optional()
      .describe(
        "Resource group for the private endpoints, in the subnet's subscription: required when the subnet is in another subscription than the stack's (a private endpoint must be in its virtual network's subscription); default: the team's resource group.",
      ),
  })
  .superRefine((networking, ctx) => {
    const groupId = networking.privateEndpointResourceGroupId;
    if (groupId === undefined) return;
    const subnetSubscription = subscriptionOfId(networking.subnetId);
    if (subscriptionOfId(groupId) !== subnetSubscription) {
      ctx.addIssue({
        code: "custom",
        path: ["privateEndpointResourceGroupId"],
        message: `must be in the subnet's subscription (${subnetSubscription}): a private endpoint must be in its virtual network's subscription`,
      });
    }
  })
  .describe("An existing subnet and private DNS zones (hub and spoke).");

/**
 * A team repository. The key goes into an environment secret of `environment` (default "codex"); the environment
 * lets only protected branches use it. `allowRepositorySecret: true` is the explicit opt-out: a plain repository
 * secret, which a workflow pushed on any branch can read (named in the compliance report). After parsing,
 * `environment` is undefined exactly when the opt-out is taken.
 */
const repositorySchema = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, "must be a repository name (without the owner)").describe("Repository name, without the owner."),
    environment: z
      .string()
      .regex(/^[A-Za-z0-9 ._-]{1,255}$/, "must be a GitHub environment name")
      .optional()
      .describe(`GitHub environment whose secret holds the key; only protected branches may use it (default \`${DEFAULT_KEY_ENVIRONMENT}\`).`),
    // OPT-OUT (insecure): the key as a plain repository secret instead of a branch-restricted environment secret.
    allowRepositorySecret: z
      .boolean()
      .default(false)
      .describe("Opt-out (insecure, not with `environment`): a plain repository secret that a workflow on any branch can read; named in the compliance report."),
  })
  .superRefine((repo, ctx) => {
    if (repo.allowRepositorySecret && repo.environment !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["allowRepositorySecret"],
        message: `contradicts environment '${repo.environment}': the opt-out puts the key in a plain repository secret; remove allowRepositorySecret (recommended) or environment`,
      });
    }
  })
  .transform((repo) => ({
    name: repo.name,
    environment: repo.allowRepositorySecret ? undefined : (repo.environment ?? DEFAULT_KEY_ENVIRONMENT),
    allowRepositorySecret: repo.allowRepositorySecret,
  }))
  .describe("A team repository that receives the key and the Codex CI workflow.");

/** A team repository as the stack uses it: `environment` is undefined exactly when the opt-out is taken. */
export type RepositoryConfig = z.output<typeof repositorySchema>;

/** What the key distribution and the developer kit need of a repository (one shape for both). */
export type RepositoryTarget = Pick<RepositoryConfig, "name"> & { environment?: string | undefined };

export const teamConfigSchema = z
  .strictObject({
    team: z
      .string()
      .regex(TEAM_NAME_PATTERN, "must be 2-16 lowercase letters, digits and single hyphens, starting with a letter")
      .describe("Team name, 2-16 lowercase letters, digits and single hyphens; it names every resource of the stack."),
    costCenter: z.string().min(1).max(64).describe("Cost center, written to the `cost-center` tag of every resource."),
    location: z
      .string()
      .regex(/^[a-z][a-z0-9]+$/, "must be an Azure region name such as swedencentral or eastus2")
      .describe("Azure region of the team's resources, e.g. swedencentral."),
    dataBoundary: z
      .enum(DATA_BOUNDARIES)
      .describe("Where prompts may be processed. `eu`/`us` reject every Global* deployment SKU (prompts stay in the data zone)."),
    account: z
      .strictObject({
        kind: z.enum(["AIServices", "OpenAI"]).default("AIServices").describe("`AIServices` (Foundry) or `OpenAI`."),
        allowedFqdns: z
          .array(z.string().regex(FQDN_PATTERN, "must be a host name such as login.microsoftonline.com"))
          .default([])
          .describe(
            "Outbound host names the account may call (none by default). A wildcard (`*.`) fails the mandatory control `outbound-restricted`; a host other than login.microsoftonline.com is named by the advisory `outbound-fqdns-allow-listed`.",
          ),
        // OPT-OUT (insecure): "Enabled" exposes the model endpoint to the internet. The mandatory policy
        // ai-and-vault-private-only fails, the plan exits 3 and `pulumi up --policy-pack` is blocked.
        publicNetworkAccess: z
          .enum(["Disabled", "Enabled"])
          .default("Disabled")
          .describe("`Enabled` is an explicit, insecure opt-out: the plan shows it, the mandatory policy fails (plan exits 3, `pulumi up --policy-pack` is blocked)."),
      })
      .prefault({})
      .describe("The Foundry / Azure OpenAI account."),
    models: z.array(modelSchema).min(1, "must list at least one model deployment").describe("The model deployments, created one after another."),
    codex: z
      .strictObject({
        defaultModel: z.string().optional().describe("The deployment config.toml uses by default (default: the first model)."),
        reasoningEffort: z.enum(REASONING_EFFORTS).default("medium").describe("Codex's reasoning effort in config.toml."),
        allowFullAccess: z.boolean().default(false).describe("`true` adds a full-access Codex profile."),
        runnerLabels: z
          .array(z.string().regex(RUNNER_LABEL_PATTERN, "must be a runner label"))
          .min(1)
          .default([...DEFAULT_RUNNER_LABELS])
          .describe(
            "Runner labels of the generated Codex CI workflow: a dedicated runner that can reach the private endpoint (bare `self-hosted` would let any self-hosted runner of the organization take the job and its key).",
          ),
      })
      .prefault({})
      .describe("The generated Codex files (config.toml, profiles, CI workflow)."),
    github: z
      .strictObject({
        owner: z
          .string()
          .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, "must be a GitHub organization or user name")
          .describe("Organization or user owning the repositories."),
        baseUrl: z.url({ protocol: /^https$/ }).optional().describe("GitHub Enterprise Server API URL."),
        repositories: z.array(repositorySchema).prefault([]).describe("Repositories that receive the key as a secret and a Codex CI workflow."),
        reviewers: z
          .strictObject({
            teamIds: githubIds("GitHub team IDs that must approve every job using a repository's key environment."),
            userIds: githubIds("GitHub user IDs that must approve every job using a repository's key environment."),
          })
          .prefault({})
          .describe("Required reviewers of the key environments."),
      })
      .describe("Where the key and the Codex workflow go."),
    access: z
      .strictObject({
        userGroupIds: entraGroupIds("Codex users"),
        adminGroupIds: entraGroupIds("admins"),
        // The identity running `pulumi up`: a service principal in CI (OIDC), a user when run by hand.
        deployerPrincipalType: z
          .enum(["ServicePrincipal", "User"])
          .optional()
          .describe(
            "The identity running `pulumi up`: `ServicePrincipal` (CI with OIDC, a managed identity) or `User` (a person signed in with `az login`). Default: detected from the signed-in client (docs/operations.md); when set and the run's identity is the other kind, the run stops.",
          ),
      })
      .describe("Who may use and administer the team's Codex endpoint."),
    budget: z
      .strictObject({
        amount: z.number().positive("must be a positive number").describe("Monthly amount, in the currency of the billing account."),
        contactEmails: z.array(z.email("must be an email address")).min(1, "must list at least one contact email").describe("Who gets the budget alerts."),
        startMonth: yearMonth.describe("First month of the budget, YYYY-MM; fixed: Azure rejects a changed start date."),
        actionGroupId: armId("a monitor action group").optional().describe("A monitor action group that also receives the alerts."),
      })
      .describe("The monthly cost budget on the team's resource group."),
    keyRotation: z
      .strictObject({
        periodDays: z.number().int().min(1).max(365).default(KEY_ROTATION_DEFAULTS.periodDays).describe("Days each key stays active; the previous key keeps working one more period."),
        epoch: isoDate.default(KEY_ROTATION_DEFAULTS.epoch).describe("The day generation 0 starts (YYYY-MM-DD)."),
        generation: z
          .number()
          .int()
          .nonnegative()
          .optional()
          .describe("Override of the clock's generation: set it to `nextGenerationOverride` of the keyRotation output to rotate now (docs/key-rotation.md)."),
        // Emergency rotations (a key leaked), one reason each; matched against the stack's rotation record, so
        // an entry acts once, and removing one never steps back (docs/key-rotation.md).
        emergencies: z
          .array(emergencyReason)
          .default([])
          .describe("Emergency rotations, one reason each (free text up to 500 characters, quoted in YAML, never key material); each new one rotates once, now."),
      })
      .prefault({})
      .describe("The API key's rotation schedule."),
    networking: z
      .discriminatedUnion("mode", [createNetworking, existingNetworking])
      .describe("Where the private endpoints live: `mode: create` (a new VNet) or `mode: existing` (hub and spoke)."),
    keyVault: z
      .strictObject({
        softDeleteRetentionDays: z.number().int().min(7).max(90).default(90).describe("Days a deleted vault or secret can be recovered."),
      })
      .prefault({})
      .describe("The Key Vault holding the API key."),
    audit: z
      .strictObject({
        retentionDays: z.number().int().min(30).max(730).default(90).describe("Days the Log Analytics workspace keeps audit logs."),
        workspaceId: armId("an existing Log Analytics workspace").optional().describe("An existing Log Analytics workspace instead of a new one."),
      })
      .prefault({})
      .describe("Audit logs of the account and the vault."),
    policy: z
      .strictObject({
        keyAuthExemption: z
          .strictObject({
            policyAssignmentId: z
              .string()
              .regex(POLICY_ASSIGNMENT_ID_PATTERN, "must be a policy assignment resource ID")
              .describe("Resource ID of the assignment of the policy that forbids key authentication."),
            expiresOn: isoDate.describe("Expiry (YYYY-MM-DD), at most 12 months after the day the config is checked; the report warns 30 days before."),
            policyDefinitionReferenceIds: z
              .array(z.string().min(1, "must be a policy definition reference ID of the initiative"))
              .min(1, "must list at least one policy definition reference ID, or be left out")
              .optional()
              .describe(
                "When the assignment is an initiative: the reference IDs of its key-auth policy definitions, so only those are waived (without them the whole initiative is exempted).",
              ),
          })
          .optional()
          .describe("A time-boxed Azure Policy exemption (category Waiver) for key authentication on the account."),
      })
      .prefault({})
      .describe("Azure Policy exemptions."),
    tags: z
      .record(z.string().regex(/^[^<>%&\\?/]{1,512}$/, "must be a valid Azure tag name"), z.string().max(256))
      .default({})
      .describe("Extra tags for every resource (they cannot override team, cost-center, managed-by, data-boundary)."),
  })
  .superRefine((config, ctx) => {
    const names = new Set<string>();
    config.models.forEach((model, index) => {
      if (names.has(model.name)) {
        ctx.addIssue({ code: "custom", path: ["models", index, "name"], message: `duplicate deployment name '${model.name}': each deployment needs its own name` });
      }
      names.add(model.name);
      if (config.dataBoundary !== "global" && model.sku.startsWith("Global")) {
        const zoneSku = model.sku.replace("Global", "DataZone");
        ctx.addIssue({
          code: "custom",
          path: ["models", index, "sku"],
          message: `${model.sku} processes data in any Azure region, outside the '${config.dataBoundary}' data boundary; use ${zoneSku} or Standard`,
        });
      }
    });
    if (config.codex.defaultModel !== undefined && !names.has(config.codex.defaultModel)) {
      ctx.addIssue({
        code: "custom",
        path: ["codex", "defaultModel"],
        message: `must be one of the configured deployment names: ${[...names].join(", ")}`,
      });
    }
    const repoNames = new Set<string>();
    config.github.repositories.forEach((repo, index) => {
      if (repoNames.has(repo.name)) {
        ctx.addIssue({ code: "custom", path: ["github", "repositories", index, "name"], message: `duplicate repository '${repo.name}'` });
      }
      repoNames.add(repo.name);
    });
    if (config.networking.mode === "create" && config.networking.privateEndpointSubnet !== undefined) {
      if (!cidrContains(config.networking.addressSpace, config.networking.privateEndpointSubnet)) {
        ctx.addIssue({
          code: "custom",
          path: ["networking", "privateEndpointSubnet"],
          message: `must lie inside networking.addressSpace (${config.networking.addressSpace})`,
        });
      }
    }
  });

/** The subscription GUID of an ARM resource ID, lower case. */
export function subscriptionOfId(id: string): string {
  return (/^\/subscriptions\/([^/]+)/i.exec(id)?.[1] ?? "").toLowerCase();
}

export type TeamConfigInput = z.input<typeof teamConfigSchema>;
type ParsedTeamConfig = z.output<typeof teamConfigSchema>;

/** The validated config, with the default model resolved. */
export type TeamConfig = Omit<ParsedTeamConfig, "codex"> & {
  codex: Omit<ParsedTeamConfig["codex"], "defaultModel"> & { defaultModel: string };
};
export type ModelDeploymentConfig = TeamConfig["models"][number];
export type NetworkingConfig = TeamConfig["networking"];
export type DataBoundary = (typeof DATA_BOUNDARIES)[number];
export type DeploymentSku = (typeof DEPLOYMENT_SKUS)[number];
