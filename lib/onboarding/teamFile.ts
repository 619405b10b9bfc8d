import { Document } from "yaml";
import { parseTeamConfig } from "../config/parse";
import {
  type AuthMode,
  type DataBoundary,
  type DeploymentSku,
  KEY_ROTATION_DEFAULTS,
  type TeamConfigInput,
} from "../config/schema";
import { PROJECT_NAME } from "../names";
import { schemaHeader, STACK_FILE_SCHEMA_PATH } from "../config/stackFileSchema";
import { MODEL_CATALOG, type ModelCatalog } from "../models/modelCatalog";
import type { PlatformConfig } from "../platform/schema";
import { newTeamModelOffer } from "./modelOffer";
import { NEW_TEAM_ROLLOUT_STAGE } from "../devkit/rollout";

/** Starting capacity (thousands of tokens per minute) per model; a model not named here starts at 50. */
export const DEFAULT_CAPACITY: Readonly<Record<string, number>> = {
  "gpt-5.3-codex": 200,
  "gpt-5.2-codex": 100,
  "gpt-5.1-codex-max": 100,
  "gpt-5.1-codex": 100,
  "gpt-5.1-codex-mini": 100,
  "gpt-5-codex": 50,
  "gpt-5": 50,
  "gpt-5-mini": 100,
  "gpt-5-nano": 100,
};

/**
 * The deployments a new team starts with: what lib/onboarding/modelOffer.ts offers in the location as the boundary's
 * SKU (codex-capable, living at least NEW_TEAM_MIN_LIFE_DAYS after `now`), newest Codex model first; none where it refuses.
 */
export function defaultModels(
  location: string,
  boundary: string,
  now: Date,
  catalog: ModelCatalog = MODEL_CATALOG,
): Array<{ name: string; model: string; version: string; sku: DeploymentSku; capacity: number }> {
  const offer = newTeamModelOffer(location, boundary, now.getTime(), catalog);
  if (!offer.ok) return [];
  return offer.models.map(({ entry }) => ({
    name: entry.model,
    model: entry.model,
    version: entry.version,
    sku: offer.sku,
    capacity: DEFAULT_CAPACITY[entry.model] ?? 50,
  }));
}

export interface NewTeamAnswers {
  name: string;
  costCenter: string;
  location: string;
  dataBoundary: string;
  githubOwner: string;
  repositories: string[];
  userGroupIds: string[];
  adminGroupIds: string[];
  budgetAmount: number;
  contactEmails: string[];
  startMonth: string;
  addressSpace: string;
  runnerLabels: string[];
  /** auth.mode as typed: entra (recommended, the default) or key; anything else is reported under --auth-mode. */
  authMode?: string;
}

/** The config a new team starts with: secure defaults plus the answers. Validated before it is ever written. */
export function newTeamConfig(
  answers: NewTeamAnswers,
  now: Date,
  catalog: ModelCatalog = MODEL_CATALOG,
): TeamConfigInput {
  const models = defaultModels(answers.location, answers.dataBoundary, now, catalog);
  return {
    team: answers.name,
    costCenter: answers.costCenter,
    location: answers.location,
    dataBoundary: answers.dataBoundary as DataBoundary,
    models,
    codex: {
      ...(models[0] !== undefined ? { defaultModel: models[0].name } : {}),
      runnerLabels: answers.runnerLabels,
      allowFullAccess: false,
    },
    github: { owner: answers.githubOwner, repositories: answers.repositories.map((name) => ({ name })) },
    access: { userGroupIds: answers.userGroupIds, adminGroupIds: answers.adminGroupIds },
    budget: { amount: answers.budgetAmount, contactEmails: answers.contactEmails, startMonth: answers.startMonth },
    auth: { mode: (answers.authMode ?? "entra") as AuthMode },
    // Key mode only (entra has no key): written out, so a later change of the defaults never shifts the rotation schedule.
    ...((answers.authMode ?? "entra") === "entra" ? {} : { keyRotation: { ...KEY_ROTATION_DEFAULTS } }),
    networking: { mode: "create", addressSpace: answers.addressSpace },
    // A new team starts on developer machines only: no CI workflow until a reviewed change raises the stage.
    rollout: { stage: NEW_TEAM_ROLLOUT_STAGE },
  };
}

/**
 * Pulumi.<team>.yaml text for the config; throws ConfigError (every problem) if the config is not valid or steps
 * outside platform.yaml. `schemaRef` is the path from the file's folder to the JSON Schema its first line names for editors.
 */
export function renderTeamStackFile(
  config: TeamConfigInput,
  now: Date,
  platform: PlatformConfig,
  schemaRef = `./${STACK_FILE_SCHEMA_PATH}`,
): string {
  // The provider's location follows the team's, where the platform lets a stack file set it.
  const values: Record<string, unknown> = platform.stackFiles.providerKeys.includes("azure-native:location")
    ? { "azure-native:location": config.location }
    : {};
  parseTeamConfig(config as Record<string, unknown>, "the new team's answers", now.getTime(), {
    platform,
    providerKeys: { ...values },
  });
  for (const [key, value] of Object.entries(config)) values[`${PROJECT_NAME}:${key}`] = value;
  // YAML 1.1 rules when writing: values such as 2026-02-24 or "yes" get quoted, so no reader takes them for dates or booleans.
  const doc = new Document({ config: values }, { version: "1.1" });
  doc.commentBefore = ` Team stack for ${config.team}, written by 'npm run new-team'. Every key: README.md, "Config reference".\n Nothing here is secret: ${config.auth?.mode === "entra" ? "there is no API key (auth.mode entra)" : "the API key never appears in config"}.`;
  return `${schemaHeader(schemaRef)}\n${doc.toString({ lineWidth: 0 })}`;
}
