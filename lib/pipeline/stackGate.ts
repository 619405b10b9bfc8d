import { parse } from "yaml";

/**
 * What a workflow job does with one team stack before running Pulumi, decided from plain facts: the stack file,
 * whether the backend has the stack, and the secrets provider its state records. Every stack must be encrypted
 * with the one Key Vault key the pipeline is configured with (PULUMI_SECRETS_PROVIDER); anything else is refused,
 * because the workflows could not open it (passphrase) or it would be protected by a key nobody reviewed.
 */

export type GateMode = "preview" | "deploy" | "rotate" | "emergency";
export const GATE_MODES: readonly GateMode[] = ["preview", "deploy", "rotate", "emergency"];

export type GateAction =
  /** Preview an existing stack; deploy, rotate or rotate in an emergency. */
  | "run"
  /** A stack file not deployed yet, in a pull request: preview it against an empty throwaway state. */
  | "preview-new"
  /** A stack file reaching main for the first time: create the stack with the Key Vault provider, then deploy. */
  | "create"
  /** Rotation of a stack file that is not deployed yet: nothing to rotate, not a failure. */
  | "skip";

export interface StackFileFacts {
  secretsProvider?: string;
  /** A passphrase stack leaves `encryptionsalt:` in its file. */
  hasEncryptionSalt: boolean;
}

export interface StateFacts {
  /** "cloud" for Key Vault (and other KMS) providers, "passphrase", "service"; undefined when none is recorded. */
  type?: string;
  url?: string;
}

export interface GateInput {
  mode: GateMode;
  stack: string;
  configuredProvider: string | undefined;
  file: StackFileFacts;
  exists: boolean;
  /** Only read when the stack exists. */
  state?: StateFacts;
}

export type GateDecision = { ok: true; action: GateAction; message: string } | { ok: false; problems: string[] };

const KEY_VAULT_URL =
  /^azurekeyvault:\/\/[a-z0-9-]{3,24}\.vault\.(azure\.net|azure\.cn|usgovcloudapi\.net)\/keys\/[A-Za-z0-9-]{1,127}(\/[0-9a-f]{32})?$/;

function sameProvider(a: string, b: string): boolean {
  const norm = (url: string) => url.trim().replace(/\/+$/, "").toLowerCase();
  return norm(a) === norm(b);
}

export function stackFileFacts(text: string): StackFileFacts {
  const doc = (parse(text) ?? {}) as Record<string, unknown>;
  const provider = doc.secretsprovider;
  return {
    ...(typeof provider === "string" ? { secretsProvider: provider } : {}),
    hasEncryptionSalt: typeof doc.encryptionsalt === "string",
  };
}

/** `pulumi stack ls --json`: a DIY backend may list a stack as `<name>` or `organization/<project>/<name>`. */
export function stackListed(stackLsJson: string, stack: string): boolean {
  const listed = JSON.parse(stackLsJson) as unknown;
  if (!Array.isArray(listed)) throw new Error("`pulumi stack ls --json` did not print a list.");
  return listed.some((entry) => {
    const name = (entry as { name?: unknown }).name;
    return typeof name === "string" && (name === stack || name.endsWith(`/${stack}`));
  });
}

/** `pulumi stack export`: the secrets provider recorded in the state (never prints or keeps anything else). */
export function stateFacts(exportJson: string): StateFacts {
  const exported = JSON.parse(exportJson) as {
    deployment?: { secrets_providers?: { type?: unknown; state?: { url?: unknown } } };
  };
  const providers = exported.deployment?.secrets_providers;
  return {
    ...(typeof providers?.type === "string" ? { type: providers.type } : {}),
    ...(typeof providers?.state?.url === "string" ? { url: providers.state.url } : {}),
  };
}

export function decide(input: GateInput): GateDecision {
  const { stack, configuredProvider: configured } = input;
  const fix = `pulumi stack change-secrets-provider "${configured ?? "azurekeyvault://<vault>.vault.azure.net/keys/<key>"}" --stack ${stack}`;
  const problems: string[] = [];
  if (configured === undefined || !KEY_VAULT_URL.test(configured.trim())) {
    problems.push(
      `The environment secret PULUMI_SECRETS_PROVIDER must be the Key Vault key encrypting every stack, azurekeyvault://<vault>.vault.azure.net/keys/<key>; got ${configured === undefined || configured === "" ? "nothing" : JSON.stringify(configured)}.`,
    );
  }
  if (input.file.hasEncryptionSalt) {
    problems.push(
      `Pulumi.${stack}.yaml has encryptionsalt: the stack uses a passphrase, which the workflows cannot open. Run ${fix}, then commit the file.`,
    );
  }
  if (
    input.file.secretsProvider !== undefined &&
    configured !== undefined &&
    !sameProvider(input.file.secretsProvider, configured)
  ) {
    problems.push(
      `Pulumi.${stack}.yaml names the secrets provider ${input.file.secretsProvider}, not the configured ${configured}. Run ${fix}, then commit the file.`,
    );
  }
  if (input.exists && configured !== undefined) {
    const state = input.state ?? {};
    if (state.type === undefined) {
      problems.push(`Stack ${stack} exists but its state records no secrets provider. Run ${fix}.`);
    } else if (state.type !== "cloud" || state.url === undefined || !sameProvider(state.url, configured)) {
      problems.push(
        `Stack ${stack} is encrypted with ${state.type === "cloud" ? (state.url ?? "an unnamed key") : `the ${state.type} secrets provider`}, not the configured ${configured}. Run ${fix}.`,
      );
    }
  }
  if (!input.exists && input.mode === "emergency") {
    problems.push(`Stack ${stack} is not deployed (no such stack in the backend): there is no key to revoke.`);
  }
  if (problems.length > 0) return { ok: false, problems };

  if (input.exists)
    return {
      ok: true,
      action: "run",
      message: `Stack ${stack} exists and is encrypted with the configured Key Vault key.`,
    };
  switch (input.mode) {
    case "preview":
      return {
        ok: true,
        action: "preview-new",
        message: `Stack ${stack} is not deployed yet: previewing it against an empty throwaway state (nothing is created).`,
      };
    case "deploy":
      return {
        ok: true,
        action: "create",
        message: `Stack ${stack} is not deployed yet: creating it with the secrets provider ${String(configured)}.`,
      };
    default:
      return {
        ok: true,
        action: "skip",
        message: `Stack ${stack} is not deployed yet (no such stack in the backend): rotation skipped. deploy.yml creates it when Pulumi.${stack}.yaml reaches main.`,
      };
  }
}
