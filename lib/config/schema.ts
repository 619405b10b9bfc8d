import { z } from "zod";
import { checkEmergencyReason } from "../keys/emergencyReason";

/**
 * The team config, as read from `codex-boundary:*` keys of Pulumi.<team>.yaml.
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

export const TEAM_NAME_PATTERN = /^(?=.{2,16}$)[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ARM_ID_PATTERN = /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+\/providers\/[^/]+\/.+$/i;
const SUBNET_ID_PATTERN =
  /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+\/subnets\/[^/]+$/i;
const PRIVATE_DNS_ZONE_ID_PATTERN =
  /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/privateDnsZones\/[^/]+$/i;
const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
const FQDN_PATTERN = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

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

const guid = (what: string) => z.string().regex(GUID_PATTERN, `must be ${what} (a GUID such as 00000000-0000-0000-0000-000000000000)`);
const armId = (what: string) =>
  z.string().regex(ARM_ID_PATTERN, `must be the Azure resource ID of ${what} (/subscriptions/<guid>/resourceGroups/<rg>/providers/...)`);
const privateDnsZoneId = (zone: string) =>
  z
    .string()
    .regex(PRIVATE_DNS_ZONE_ID_PATTERN, `must be the resource ID of the private DNS zone ${zone}`)
    .refine((id) => id.toLowerCase().endsWith(`/privatednszones/${zone}`), `must point at the zone named ${zone}`);

const cidr = z.string().refine((value) => {
  const match = CIDR_PATTERN.exec(value);
  if (!match) return false;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  return octets.every((o) => o <= 255) && prefix >= 8 && prefix <= 29;
}, "must be an IPv4 CIDR block with a prefix from /8 to /29, e.g. 10.60.0.0/24");

const yearMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month as YYYY-MM, e.g. 2026-12 (Azure budgets start on the first of a month and the start cannot change later)");
const isoDate = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "must be a date as YYYY-MM-DD");

export const modelSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, "must be a deployment name of 1-64 letters, digits, '.', '_' or '-'"),
  model: z.string().min(1, "must name an Azure OpenAI model, e.g. gpt-5.3-codex"),
  version: z.string().min(1, "must be the model version Azure lists, e.g. 2026-02-24"),
  sku: z.enum(DEPLOYMENT_SKUS),
  capacity: z.number().int("must be a positive integer").positive("must be a positive integer").max(100000),
  versionUpgradeOption: z.enum(VERSION_UPGRADE_OPTIONS).default("OnceCurrentVersionExpired"),
  raiPolicyName: z.string().min(1).optional(),
});

const createNetworking = z.strictObject({
  mode: z.literal("create"),
  addressSpace: cidr,
  privateEndpointSubnet: cidr.optional(),
});

const existingNetworking = z.strictObject({
  mode: z.literal("existing"),
  subnetId: z.string().regex(SUBNET_ID_PATTERN, "must be the resource ID of an existing subnet (.../virtualNetworks/<vnet>/subnets/<subnet>)"),
  privateDnsZoneIds: z.strictObject({
    cognitiveServices: privateDnsZoneId("privatelink.cognitiveservices.azure.com"),
    openAi: privateDnsZoneId("privatelink.openai.azure.com"),
    aiServices: privateDnsZoneId("privatelink.services.ai.azure.com"),
    keyVault: privateDnsZoneId("privatelink.vaultcore.azure.net"),
  }),
});

/** The GitHub environment that holds the key in a team repository when the config names none. */
export const DEFAULT_KEY_ENVIRONMENT = "codex";

/**
 * A team repository. The key goes into an environment secret of `environment` (default "codex"); the environment
 * lets only protected branches use it. `allowRepositorySecret: true` is the explicit opt-out: a plain repository
 * secret, which a workflow pushed on any branch can read (named in the compliance report). After parsing,
 * `environment` is undefined exactly when the opt-out is taken.
 */
const repositorySchema = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, "must be a repository name (without the owner)"),
    environment: z.string().regex(/^[A-Za-z0-9 ._-]{1,255}$/, "must be a GitHub environment name").optional(),
    // OPT-OUT (insecure): the key as a plain repository secret instead of a branch-restricted environment secret.
    allowRepositorySecret: z.boolean().default(false),
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
  }));

export const teamConfigSchema = z
  .strictObject({
    team: z
      .string()
      .regex(TEAM_NAME_PATTERN, "must be 2-16 lowercase letters, digits and single hyphens, starting with a letter"),
    costCenter: z.string().min(1).max(64),
    location: z.string().regex(/^[a-z][a-z0-9]+$/, "must be an Azure region name such as swedencentral or eastus2"),
    dataBoundary: z.enum(DATA_BOUNDARIES),
    account: z
      .strictObject({
        kind: z.enum(["AIServices", "OpenAI"]).default("AIServices"),
        allowedFqdns: z.array(z.string().regex(FQDN_PATTERN, "must be a host name such as login.microsoftonline.com")).default([]),
        // OPT-OUT (insecure): "Enabled" exposes the model endpoint to the internet. The mandatory policy
        // ai-and-vault-private-only fails, the plan exits 3 and `pulumi up --policy-pack` is blocked.
        publicNetworkAccess: z.enum(["Disabled", "Enabled"]).default("Disabled"),
      })
      .default({ kind: "AIServices", allowedFqdns: [], publicNetworkAccess: "Disabled" }),
    models: z.array(modelSchema).min(1, "must list at least one model deployment"),
    codex: z
      .strictObject({
        defaultModel: z.string().optional(),
        reasoningEffort: z.enum(REASONING_EFFORTS).default("medium"),
        allowFullAccess: z.boolean().default(false),
        runnerLabels: z
          .array(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "must be a runner label"))
          .min(1)
          // A dedicated label: bare `self-hosted` would run Codex (and its key) on any self-hosted runner of the org.
          .default(["self-hosted", "codex-runner"]),
      })
      .default({ reasoningEffort: "medium", allowFullAccess: false, runnerLabels: ["self-hosted", "codex-runner"] }),
    github: z.strictObject({
      owner: z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, "must be a GitHub organization or user name"),
      baseUrl: z.url({ protocol: /^https$/ }).optional(),
      repositories: z.array(repositorySchema).default([]),
      reviewers: z
        .strictObject({
          teamIds: z.array(z.number().int().positive()).default([]),
          userIds: z.array(z.number().int().positive()).default([]),
        })
        .default({ teamIds: [], userIds: [] }),
    }),
    access: z.strictObject({
      userGroupIds: z.array(guid("an Entra group object ID")).min(1, "must list at least one Entra group for Codex users"),
      adminGroupIds: z.array(guid("an Entra group object ID")).min(1, "must list at least one Entra group for admins"),
      // The identity running `pulumi up`: a service principal in CI (OIDC), a user when run by hand.
      deployerPrincipalType: z.enum(["ServicePrincipal", "User"]).default("ServicePrincipal"),
    }),
    budget: z.strictObject({
      amount: z.number().positive("must be a positive number"),
      contactEmails: z.array(z.email("must be an email address")).min(1, "must list at least one contact email"),
      startMonth: yearMonth,
      actionGroupId: armId("a monitor action group").optional(),
    }),
    keyRotation: z
      .strictObject({
        periodDays: z.number().int().min(1).max(365).default(30),
        epoch: isoDate.default("2026-01-01"),
        generation: z.number().int().nonnegative().optional(),
        // Emergency rotations (a key leaked), one reason each; matched against the stack's rotation record, so
        // an entry acts once, and removing one never steps back (docs/key-rotation.md).
        emergencies: z.array(emergencyReason).default([]),
      })
      .default({ periodDays: 30, epoch: "2026-01-01", emergencies: [] }),
    networking: z.discriminatedUnion("mode", [createNetworking, existingNetworking]),
    keyVault: z
      .strictObject({
        softDeleteRetentionDays: z.number().int().min(7).max(90).default(90),
      })
      .default({ softDeleteRetentionDays: 90 }),
    audit: z
      .strictObject({
        retentionDays: z.number().int().min(30).max(730).default(90),
        workspaceId: armId("an existing Log Analytics workspace").optional(),
      })
      .default({ retentionDays: 90 }),
    policy: z
      .strictObject({
        keyAuthExemption: z
          .strictObject({
            policyAssignmentId: z
              .string()
              .regex(/\/providers\/Microsoft\.Authorization\/policyAssignments\/[^/]+$/i, "must be a policy assignment resource ID"),
            expiresOn: isoDate,
          })
          .optional(),
      })
      .default({}),
    tags: z.record(z.string().regex(/^[^<>%&\\?/]{1,512}$/, "must be a valid Azure tag name"), z.string().max(256)).default({}),
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

function cidrToRange(block: string): [number, number] {
  const [address = "", prefixText = "0"] = block.split("/");
  const base = address.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
  const size = 2 ** (32 - Number(prefixText));
  const start = base - (base % size);
  return [start, start + size - 1];
}

export function cidrContains(outer: string, inner: string): boolean {
  const [outerStart, outerEnd] = cidrToRange(outer);
  const [innerStart, innerEnd] = cidrToRange(inner);
  return innerStart >= outerStart && innerEnd <= outerEnd;
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
