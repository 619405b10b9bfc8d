import type { DevKitInputs } from "./inputs";

/** Codex reads at most this many bytes of project docs (AGENTS.md files) by default. */
export const CODEX_PROJECT_DOC_LIMIT_BYTES = 32 * 1024;

/** Where the model credential lives, so Codex knows not to go looking for it. */
function credentialLine(inputs: DevKitInputs): string {
  if (inputs.authMode === "entra")
    return "There is no model key: Codex gets short-lived Entra ID tokens from `az`; never print or store one.";
  return "The model key is in no environment variable or file: Codex reads it from Key Vault through its auth command; never print or store it.";
}

/** A starter AGENTS.md for the team's repositories: where commands go, and what Codex must never do. */
export function renderAgentsMd(inputs: DevKitInputs): string {
  return `# AGENTS.md

Instructions for Codex in this repository (team ${inputs.team}). Keep this file short: Codex reads at most
32 KiB of AGENTS.md files. Replace the TODOs below with this repository's real commands.

## Build and test

- Install: \`TODO: e.g. npm ci\`
- Build: \`TODO: e.g. npm run build\`
- Test: \`TODO: e.g. npm test\` (run it before you say a change is done)
- Lint and format: \`TODO: e.g. npm run lint\`

## Conventions

- TODO: language, style and layout conventions a new contributor needs.
- Keep changes small and focused; explain in the pull request what changed and why.

## Never

- Never write a secret, token, password or API key into a file, a commit, a log or a command line.
  ${credentialLine(inputs)}
- Never reach the network beyond the company boundary: no downloads from the internet, no calls to
  external APIs or package registries other than the ones this repository already uses.
- Never edit, create or delete files outside this repository's working directory.
- Never push to the default branch or rewrite history; changes go through a pull request and human review.
- Never disable tests, linters or security checks to make a change pass.

## Model endpoint

Codex talks to the team's private Azure OpenAI endpoint (${inputs.baseUrl}) with the
\`${inputs.defaultModel}\` deployment; it works only from inside the corporate network.
`;
}
