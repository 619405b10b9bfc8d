import { z } from "zod";
import { checkEmergencyReason } from "../keys/emergencyReason";
import { IPV4_CIDR_PATTERN, networkBlock } from "../net/cidr";
import { calendarDateProblem, ISO_DATE_PATTERN } from "./dates";
import { managedTagFor } from "./managedTags";
import { DEFAULT_ROLLOUT_STAGE, ROLLOUT_STAGES } from "../devkit/rollout";
import {
  DEPLOYMENT_NAME_MAX,
  DEPLOYMENT_NAME_PATTERN,
  GITHUB_OWNER_PATTERN,
  ignoreCase,
  REGION_NAME_PATTERN,
  RUNNER_LABEL_PATTERN,
  TEAM_NAME_PATTERN,
} from "./patterns";

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

/** How Codex authenticates to the account: an API key (rotated, in GitHub secrets) or Entra ID tokens (no key). */
export const AUTH_MODES = ["key", "entra"] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

/** Azure allows at most 20 federated identity credentials on one user-assigned identity (one per repository here). */
export const MAX_FEDERATED_CREDENTIALS = 20;

/** The branch a repository without an environment federates from in entra mode, when the config names none. */
export const DEFAULT_BRANCH = "main";

/** The GitHub environment that holds the key in a team repository when the config names none. */
export const DEFAULT_KEY_ENVIRONMENT = "codex";

/**
 * The rotation schedule a stack gets when its config names none. new-team writes these into every new stack file,
 * so a later change here never shifts the schedule of a deployed team.
 */
export const KEY_ROTATION_DEFAULTS = { periodDays: 30, epoch: "2026-01-01" } as const;

/** A dedicated label: bare `self-hosted` would run Codex (and its key) on any self-hosted runner of the org. */
export const DEFAULT_RUNNER_LABELS = ["self-hosted", "codex-runner"] as const;

// Shared field schemas (zod schemas are immutable: `.describe()` and `.optional()` return new ones).
const guid = (what: string) =>
  z
    .string()
    .regex(
      ignoreCase(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      `must be ${what} (a GUID such as 00000000-0000-0000-0000-000000000000)`,
    );
const entraGroupIds = (who: string) =>
  z
    .array(guid("an Entra group object ID"))
    .min(1, `must list at least one Entra group for ${who}`)
    .describe(`Entra group object IDs of the team's ${who}.`);
const armId = (what: string) =>
  z
    .string()
    .regex(
      ignoreCase(/^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+\/providers\/[^/]+\/.+$/),
      `must be the Azure resource ID of ${what} (/subscriptions/<guid>/resourceGroups/<rg>/providers/...)`,
    );
const privateDnsZoneId = (zone: string) =>
  z
    .string()
    .regex(
      ignoreCase(
        /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/privateDnsZones\/[^/]+$/,
      ),
      `must be the resource ID of the private DNS zone ${zone}`,
    )
    .refine((id) => id.toLowerCase().endsWith(`/privatednszones/${zone}`), `must point at the zone named ${zone}`)
    .describe(`Resource ID of the existing private DNS zone ${zone}.`);
export const cidr = z
  .string()
  .regex(IPV4_CIDR_PATTERN, "must be an IPv4 CIDR block with a prefix from /8 to /29, e.g. 10.60.0.0/24")
  .superRefine((block, ctx) => {
    if (!IPV4_CIDR_PATTERN.test(block)) return;
    const network = networkBlock(block);
    if (network !== block) {
      ctx.addIssue({
        code: "custom",
        message: `has host bits set: Azure accepts an address block only as its network address; use ${network}`,
      });
    }
  });
const yearMonth = z
  .string()
  .regex(
    /^\d{4}-(0[1-9]|1[0-2])$/,
    "must be a month as YYYY-MM, e.g. 2026-12 (Azure budgets start on the first of a month and the start cannot change later)",
  );
const isoDate = z
  .string()
  .regex(ISO_DATE_PATTERN, "must be a date as YYYY-MM-DD")
  .superRefine((text, ctx) => {
    const problem = calendarDateProblem(text);
    if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
  });
/** Azure tag names: 1-512 characters without < > % & \\ ? /, and none the stack sets itself (compared ignoring case). */
const tagName = z
  .string()
  .regex(/^[^<>%&\\?/]{1,512}$/, "must be an Azure tag name: 1-512 characters, none of < > % & \\ ? /")
  .superRefine((name, ctx) => {
    const managed = managedTagFor(name);
    if (managed !== undefined) {
      ctx.addIssue({
        code: "custom",
        message: `collides with the tag '${managed.name}' the stack sets on ${managed.on} (Azure tag names ignore case): remove '${name}' from tags or rename it`,
      });
    }
  });
const githubIds = (what: string) => z.array(z.number().int().positive()).default([]).describe(what);

export const modelSchema = z
  .strictObject({
    name: z
      .string()
      .regex(
        DEPLOYMENT_NAME_PATTERN,
        `must be a deployment name of 1-${DEPLOYMENT_NAME_MAX} letters, digits, '.', '_' or '-'`,
      )
      .describe("Deployment name: what Codex sends as `model`."),
    model: z
      .string()
      .min(1, "must name an Azure OpenAI model, e.g. gpt-5.3-codex")
      .describe("Azure OpenAI model name, e.g. gpt-5.3-codex."),
    version: z
      .string()
      .min(1, "must be the model version Azure lists, e.g. 2026-02-24")
      .describe("Model version as Azure lists it, e.g. 2026-02-24."),
    sku: z.enum(DEPLOYMENT_SKUS).describe("Deployment type. `eu`/`us` data boundaries reject every Global* SKU."),
    capacity: z
      .number()
      .int("must be a positive integer")
      .positive("must be a positive integer")
      .max(100000)
      .describe("Capacity in thousands of tokens per minute."),
    versionUpgradeOption: z
      .enum(VERSION_UPGRADE_OPTIONS)
      .default("OnceCurrentVersionExpired")
      .describe("When Azure moves the deployment to a newer model version."),
    raiPolicyName: z
      .string()
      .min(1)
      .optional()
      .describe("Content filter (RAI policy) of the deployment; Azure's default when unset."),
  })
  .describe("One model deployment on the account.");

const createNetworkingSchema = z
  .strictObject({
    mode: z.literal("create").describe("`create`: a new VNet and private DNS zones for this team."),
    addressSpace: cidr.describe(
      "Address space of the new VNet; it must overlap no other team's nor your network's routes.",
    ),
    privateEndpointSubnet: cidr
      .optional()
      .describe("Subnet for the private endpoints, inside addressSpace (default: its first /27)."),
  })
  .describe("A new VNet for the private endpoints.");

export const existingNetworkingSchema = z
  .strictObject({
    mode: z.literal("existing").describe("`existing`: a hub-and-spoke subnet and the hub's private DNS zones."),
    subnetId: z
      .string()
      .regex(
        ignoreCase(
          /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+\/subnets\/[^/]+$/,
        ),
        "must be the resource ID of an existing subnet (.../virtualNetworks/<vnet>/subnets/<subnet>)",
      )
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
      .regex(
        ignoreCase(/^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[-\w._()]{1,90}$/),
        "must be the resource ID of a resource group (/subscriptions/<guid>/resourceGroups/<name>)",
      )
      .optional()
      .describe(
        "Resource group for the private endpoints, in the subnet's subscription: required when the subnet is in another subscription than the stack's (a private endpoint must be in its virtual network's subscription); default: the team's resource group.",
      ),
  })
  .describe("An existing subnet and private DNS zones (hub and spoke).");

/**
 * GitHub's rules for repository names (github/docs#44518 and github.com/dead-claudia/github-limits, both observed
 * behaviour, not a published spec): ASCII letters, digits, '-', '_' and '.', at most 100; `.` and `..` are reserved;
 * GitHub strips a trailing `.git` (the secret would go to a repository of another name) and refuses a trailing `.wiki`.
 */
const repositoryName = z
  .string()
  .regex(
    /^[A-Za-z0-9._-]{1,100}$/,
    "must be a GitHub repository name without the owner: 1-100 ASCII letters, digits, '-', '_' or '.'",
  )
  .superRefine((name, ctx) => {
    if (name === "." || name === "..") {
      ctx.addIssue({
        code: "custom",
        message: `'${name}' is reserved by GitHub and names no repository: write the repository's name, e.g. api`,
      });
    } else if (/\.git$/i.test(name)) {
      ctx.addIssue({
        code: "custom",
        message: `ends in '.git', which GitHub strips from a repository name: write ${name.slice(0, -4) || "the name"} without it`,
      });
    } else if (/\.wiki$/i.test(name)) {
      ctx.addIssue({
        code: "custom",
        message:
          "ends in '.wiki', which GitHub refuses for a repository name (it is the wiki's address): write the repository's own name",
      });
    }
  });

/**
 * A team repository. The key goes into an environment secret of `environment` (default "codex"); the environment
 * admits the repository's default branch only. `allowRepositorySecret: true` is the explicit opt-out: a plain repository
 * secret, which a workflow pushed on any branch can read (named in the compliance report). After parsing,
 * `environment` is undefined exactly when the opt-out is taken.
 */
export const repositorySchema = z
  .strictObject({
    name: repositoryName.describe("Repository name, without the owner."),
    environment: z
      .string()
      .regex(
        /^[A-Za-z0-9 ._-]{1,255}$/,
        "must be a GitHub environment name: 1-255 letters, digits, spaces, '.', '_' or '-', e.g. codex",
      )
      .optional()
      .describe(
        `GitHub environment whose secret holds the key; only the repository's default branch may use it (default \`${DEFAULT_KEY_ENVIRONMENT}\`).`,
      ),
    // OPT-OUT (insecure): the key as a plain repository secret instead of a branch-restricted environment secret.
    allowRepositorySecret: z
      .boolean()
      .default(false)
      .describe(
        "Opt-out (insecure, not with `environment`): a plain repository secret that a workflow on any branch can read; named in the compliance report.",
      ),
    defaultBranch: z
      .string()
      .regex(/^[A-Za-z0-9._/-]{1,255}$/, "must be a branch name")
      .optional()
      .describe(
        `The repository's default branch (default \`${DEFAULT_BRANCH}\`): the only branch the key environment admits; in auth.mode entra without an environment (allowRepositorySecret), the only branch whose workflows may get the CI identity's token.`,
      ),
  })
  .transform((repo) => ({
    name: repo.name,
    environment: repo.allowRepositorySecret ? undefined : (repo.environment ?? DEFAULT_KEY_ENVIRONMENT),
    allowRepositorySecret: repo.allowRepositorySecret,
    ...(repo.defaultBranch !== undefined ? { defaultBranch: repo.defaultBranch } : {}),
  }))
  .describe("A team repository that receives the key and the Codex CI workflow.");

/** A team repository as the stack uses it: `environment` is undefined exactly when the opt-out is taken. */
export type RepositoryConfig = z.output<typeof repositorySchema>;

/** What the key distribution and the developer kit need of a repository (one shape for both). */
export type RepositoryTarget = Pick<RepositoryConfig, "name"> & {
  environment?: string | undefined;
  defaultBranch?: string | undefined;
};

/**
 * A path a CI task may change, relative to the repository root: a folder ends in `/`. No segment starts with `.`, so
 * `.github` (workflows), `.codex`, `.git` and `..` can never be allowed.
 */
const codePath = z
  .string()
  .regex(
    /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*\/?$/,
    "must be a path relative to the repository root, of letters, digits, '.', '_', '-' and '/', not starting with '.' or '/' (a folder ends in '/'), e.g. src/",
  );

const rolloutStage = z.enum(ROLLOUT_STAGES);
/** A key of rollout.repositories: <owner>/<name>, as GitHub spells them (the cross-field rule reads only these). */
export const ROLLOUT_REPOSITORY_KEY_PATTERN = /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/;

export const rolloutSchema = z
  .strictObject({
    stage: rolloutStage.describe(
      "The team's stage: `local` (chat and agent profiles, no CI workflow), `ci-docs` (adds the ci profile and a CI workflow that may change CHANGELOG.md and docs/ only, opening a pull request for review), `ci-code` (the workflow may also change `codePaths`; still a pull request). The workflow fails the job when the diff touches any other path.",
    ),
    repositories: z
      .record(
        z.string().regex(ROLLOUT_REPOSITORY_KEY_PATTERN, "must be <owner>/<name>, e.g. contoso/api"),
        rolloutStage,
      )
      .default({})
      .describe(
        "Per repository (`<github.owner>/<name>` of github.repositories): its own stage, at most the team's `stage`, e.g. `local` for a critical repository.",
      ),
    codePaths: z
      .array(codePath)
      .default([])
      .describe(
        "At `ci-code`: the code paths CI tasks may change besides CHANGELOG.md and docs/ (a folder ends in `/`, e.g. `src/`); required there.",
      ),
  })
  .describe("The staged rollout.");

export type RolloutConfig = z.output<typeof rolloutSchema>;

export const teamConfigSchema = z.strictObject({
  team: z
    .string()
    .regex(TEAM_NAME_PATTERN, "must be 2-16 lowercase letters, digits and single hyphens, starting with a letter")
    .describe("Team name, 2-16 lowercase letters, digits and single hyphens; it names every resource of the stack."),
  costCenter: z.string().min(1).max(64).describe("Cost center, written to the `cost-center` tag of every resource."),
  location: z
    .string()
    .regex(REGION_NAME_PATTERN, "must be an Azure region name such as swedencentral or eastus2")
    .describe(
      "Azure region of the team's resources, e.g. swedencentral: a region of lib/azure/regions.ts, in the data boundary's geography.",
    ),
  dataBoundary: z
    .enum(DATA_BOUNDARIES)
    .describe(
      "Where prompts may be processed. `eu`/`us` reject every Global* deployment SKU (prompts stay in the data zone) and admit only a `location` in an EU member state / the United States; `global` admits any known region.",
    ),
  account: z
    .strictObject({
      kind: z.enum(["AIServices", "OpenAI"]).default("AIServices").describe("`AIServices` (Foundry) or `OpenAI`."),
      allowedFqdns: z
        .array(
          z
            .string()
            .regex(
              ignoreCase(/^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/),
              "must be a host name such as login.microsoftonline.com",
            ),
        )
        .default([])
        .describe(
          "Outbound host names the account may call (none by default). A wildcard (`*.`) fails the mandatory control `outbound-restricted`; a host other than login.microsoftonline.com is named by the advisory `outbound-fqdns-allow-listed`.",
        ),
      // OPT-OUT (insecure): "Enabled" exposes the model endpoint to the internet. The mandatory policy
      // ai-and-vault-private-only fails, the plan exits 3 and `pulumi up --policy-pack` is blocked.
      publicNetworkAccess: z
        .enum(["Disabled", "Enabled"])
        .default("Disabled")
        .describe(
          "`Enabled` is an explicit, insecure opt-out: the plan shows it, the mandatory policy fails (plan exits 3, `pulumi up --policy-pack` is blocked).",
        ),
    })
    .prefault({})
    .describe("The Foundry / Azure OpenAI account."),
  auth: z
    .strictObject({
      mode: z
        .enum(AUTH_MODES)
        .default("key")
        .describe(
          "`key`: Codex uses an API key (rotated, in Key Vault and GitHub secrets; key auth stays on). `entra` (recommended): Entra ID tokens from `az`, key auth off on the account, a managed identity with GitHub OIDC for CI, no secret anywhere (docs/entra.md).",
        ),
      switching: z
        .boolean()
        .default(false)
        .describe(
          "During a switch between modes: keep both credentials working (key, secrets and exemption as in key mode, plus the CI identity and its variables) until every repository runs the new mode's workflow; then remove it (docs/entra.md, 'Switching').",
        ),
    })
    .prefault({})
    .describe("How Codex authenticates to the account: an API key or Entra ID tokens."),
  models: z
    .array(modelSchema)
    .min(1, "must list at least one model deployment")
    .describe("The model deployments, created one after another."),
  codex: z
    .strictObject({
      defaultModel: z
        .string()
        .optional()
        .describe("The deployment config.toml uses by default (default: the first model)."),
      reasoningEffort: z.enum(REASONING_EFFORTS).default("medium").describe("Codex's reasoning effort in config.toml."),
      allowFullAccess: z.boolean().default(false).describe("`true` adds a full-access Codex profile."),
      runnerLabels: z
        .array(
          z
            .string()
            .regex(
              RUNNER_LABEL_PATTERN,
              "must be a runner label: letters, digits, '.', '_' or '-', starting with a letter or digit, e.g. codex-runner",
            ),
        )
        .min(1)
        .default([...DEFAULT_RUNNER_LABELS])
        .describe(
          "Runner labels of the generated Codex CI workflow: a dedicated runner that can reach the private endpoint (bare `self-hosted` would let any self-hosted runner of the organization take the job and its key).",
        ),
    })
    .prefault({})
    .describe("The generated Codex files (config.toml, profiles, CI workflow)."),
  rollout: rolloutSchema
    .optional()
    .describe(
      `The staged rollout (docs/developer-guide.md, 'Rollout stages'): which profiles the kit ships and whether, and on which paths, the CI workflow runs. Without it the kit ships the \`${DEFAULT_ROLLOUT_STAGE}\` stage; new-team writes \`local\`. Moving a stage is a change of this file.`,
    ),
  github: z
    .strictObject({
      owner: z
        .string()
        .regex(
          GITHUB_OWNER_PATTERN,
          "must be a GitHub organization or user name: 1-39 letters, digits or '-', not starting with '-'",
        )
        .describe("Organization or user owning the repositories."),
      repositories: z
        .array(repositorySchema)
        .prefault([])
        .describe("Repositories that receive the key as a secret and a Codex CI workflow."),
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
      // Kept so stack files from before platform.yaml named the deployer still parse.
      deployerPrincipalType: z
        .enum(["ServicePrincipal", "User"])
        .optional()
        .describe(
          "Superseded by platform.yaml `azure.deployer` (docs/platform.md), whose identity every deployer role assignment names: when set, it must equal `azure.deployer.principalType`, or the run stops. Leave it out.",
        ),
    })
    .describe("Who may use and administer the team's Codex endpoint."),
  budget: z
    .strictObject({
      amount: z
        .number()
        .positive("must be a positive number")
        .describe("Monthly amount, in the currency of the billing account."),
      contactEmails: z
        .array(z.email("must be an email address"))
        .min(1, "must list at least one contact email")
        .describe("Who gets the budget alerts."),
      startMonth: yearMonth.describe("First month of the budget, YYYY-MM; fixed: Azure rejects a changed start date."),
      actionGroupId: armId("a monitor action group")
        .optional()
        .describe("A monitor action group that also receives the alerts."),
    })
    .describe("The monthly cost budget on the team's resource group."),
  keyRotation: z
    .strictObject({
      periodDays: z
        .number()
        .int()
        .min(1)
        .max(365)
        .default(KEY_ROTATION_DEFAULTS.periodDays)
        .describe("Days each key stays active; the previous key keeps working one more period."),
      epoch: isoDate.default(KEY_ROTATION_DEFAULTS.epoch).describe("The day generation 0 starts (YYYY-MM-DD)."),
      generation: z
        .number()
        .int()
        .nonnegative()
        .optional()
        .describe(
          "Override of the clock's generation: set it to `nextGenerationOverride` of the keyRotation output to rotate now (docs/key-rotation.md).",
        ),
      // Emergency rotations (a key leaked), one reason each; matched against the stack's rotation record, so
      // an entry acts once, and removing one never steps back (docs/key-rotation.md).
      emergencies: z
        .array(emergencyReason)
        .default([])
        .describe(
          "Emergency rotations, one reason each (free text up to 500 characters, quoted in YAML, never key material); each new one rotates once, now.",
        ),
    })
    .prefault({})
    .describe("The API key's rotation schedule."),
  networking: z
    .discriminatedUnion("mode", [createNetworkingSchema, existingNetworkingSchema])
    .describe("Where the private endpoints live: `mode: create` (a new VNet) or `mode: existing` (hub and spoke)."),
  keyVault: z
    .strictObject({
      softDeleteRetentionDays: z
        .number()
        .int()
        .min(7)
        .max(90)
        .default(90)
        .describe("Days a deleted vault or secret can be recovered."),
    })
    .prefault({})
    .describe("The Key Vault holding the API key."),
  audit: z
    .strictObject({
      retentionDays: z
        .number()
        .int()
        .min(30)
        .max(730)
        .default(90)
        .describe("Days the Log Analytics workspace keeps audit logs."),
      workspaceId: armId("an existing Log Analytics workspace")
        .optional()
        .describe(
          "An existing Log Analytics workspace instead of a new one; in a landing zone, the central workspace the diagnostic-settings policies name.",
        ),
      categoryGroup: z
        .enum(["allLogs", "audit"])
        .default("allLogs")
        .describe(
          "The diagnostic category group the account and the vault send, as the tenant's 'Enable logging by category group' assignments (55d1f543, 6b359d8f) name it: `allLogs` (default) or `audit`.",
        ),
    })
    .prefault({})
    .describe("Audit logs of the account and the vault."),
  policy: z
    .strictObject({
      keyAuthExemption: z
        .strictObject({
          policyAssignmentId: z
            .string()
            .regex(
              ignoreCase(/\/providers\/Microsoft\.Authorization\/policyAssignments\/[^/]+$/),
              "must be a policy assignment resource ID, ending in /providers/Microsoft.Authorization/policyAssignments/<name>",
            )
            .describe("Resource ID of the assignment of the policy that forbids key authentication."),
          expiresOn: isoDate.describe(
            "Expiry (YYYY-MM-DD), at most 12 months after the day the config is checked; the report warns 30 days before.",
          ),
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
    .record(tagName, z.string().max(256, "must be at most 256 characters (Azure's limit for a tag value)"))
    .default({})
    .describe(
      "Extra tags for every resource. A name the stack sets itself (team, cost-center, managed-by, data-boundary, codex-key-auth; in any case) is an error.",
    ),
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

/** Whether a value is one of the deployment types the schema knows. */
export function isDeploymentSku(value: unknown): value is DeploymentSku {
  return typeof value === "string" && (DEPLOYMENT_SKUS as readonly string[]).includes(value);
}
