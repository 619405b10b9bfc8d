import { Document } from "yaml";
import { parseTeamConfig } from "../config/parse";
import { type DataBoundary, KEY_ROTATION_DEFAULTS, type TeamConfigInput } from "../config/schema";
import { PROJECT_NAME } from "../names";
import { schemaHeader, STACK_FILE_SCHEMA_PATH } from "../config/stackFileSchema";

/**
 * The Codex models Microsoft lists for Codex, with the model versions ARM deploys (Microsoft's model retirement
 * table, 2026; some model pages show 2025-09-11 for gpt-5-codex, but ARM's version is 2025-09-15).
 */
export const CODEX_MODELS: ReadonlyArray<{ name: string; version: string; capacity: number }> = [
  { name: "gpt-5.3-codex", version: "2026-02-24", capacity: 200 },
  { name: "gpt-5.2-codex", version: "2026-01-14", capacity: 100 },
  { name: "gpt-5.1-codex-max", version: "2025-12-04", capacity: 100 },
  { name: "gpt-5-codex", version: "2025-09-15", capacity: 50 },
  { name: "gpt-5", version: "2025-08-07", capacity: 50 },
  { name: "gpt-5-mini", version: "2025-08-07", capacity: 100 },
  { name: "gpt-5-nano", version: "2025-08-07", capacity: 100 },
];

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
}

/** Global processing for `global` teams; data-zone deployments keep prompts inside the EU or US zone. */
export function skuFor(boundary: string): "GlobalStandard" | "DataZoneStandard" {
  return boundary === "global" ? "GlobalStandard" : "DataZoneStandard";
}

/** The config a new team starts with: secure defaults plus the answers. Validated before it is ever written. */
export function newTeamConfig(answers: NewTeamAnswers): TeamConfigInput {
  return {
    team: answers.name,
    costCenter: answers.costCenter,
    location: answers.location,
    dataBoundary: answers.dataBoundary as DataBoundary,
    models: CODEX_MODELS.map((m) => ({ name: m.name, model: m.name, version: m.version, sku: skuFor(answers.dataBoundary), capacity: m.capacity })),
    codex: { defaultModel: "gpt-5.3-codex", runnerLabels: answers.runnerLabels, allowFullAccess: false },
    github: { owner: answers.githubOwner, repositories: answers.repositories.map((name) => ({ name })) },
    access: { userGroupIds: answers.userGroupIds, adminGroupIds: answers.adminGroupIds },
    budget: { amount: answers.budgetAmount, contactEmails: answers.contactEmails, startMonth: answers.startMonth },
    // Written out, so a later change of the defaults never shifts this team's rotation schedule.
    keyRotation: { ...KEY_ROTATION_DEFAULTS },
    networking: { mode: "create", addressSpace: answers.addressSpace },
  };
}

/**
 * Pulumi.<team>.yaml text for the config; throws ConfigError (every problem) if the config is not valid.
 * `schemaRef` is the path from the file's folder to the JSON Schema its first line names for editors.
 */
export function renderTeamStackFile(config: TeamConfigInput, schemaRef = `./${STACK_FILE_SCHEMA_PATH}`): string {
  parseTeamConfig(config as Record<string, unknown>, "the new team's answers");
  const values: Record<string, unknown> = { "azure-native:location": config.location };
  for (const [key, value] of Object.entries(config)) values[`${PROJECT_NAME}:${key}`] = value;
  // YAML 1.1 rules when writing: values such as 2026-02-24 or "yes" get quoted, so no reader takes them for dates or booleans.
  const doc = new Document({ config: values }, { version: "1.1" });
  doc.commentBefore = ` Team stack for ${config.team}, written by 'npm run new-team'. Every key: README.md, "Config reference".\n Nothing here is secret: the API key never appears in config.`;
  return `${schemaHeader(schemaRef)}\n${doc.toString({ lineWidth: 0 })}`;
}
