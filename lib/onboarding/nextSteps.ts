/** The secrets provider a new stack should use: the one every other stack file records, or a placeholder to fill in. */
export function secretsProviderFor(recorded: ReadonlyArray<{ file: string; url: string }>): {
  url: string;
  source: string;
} {
  const keyVault = recorded.filter((r) => r.url.startsWith("azurekeyvault://"));
  const urls = [...new Set(keyVault.map((r) => r.url))];
  // Stryker disable next-line ConditionalExpression: with exactly one URL the first is defined (a type guard)
  if (urls.length === 1 && urls[0] !== undefined)
    return {
      url: urls[0],
      source: `the Key Vault key ${keyVault.map((r) => r.file).join(", ")} already ${keyVault.length === 1 ? "uses" : "use"}`,
    };
  return {
    url: "azurekeyvault://<vault>.vault.azure.net/keys/<key>",
    source:
      "fill in <vault> and <key>: the Key Vault key that encrypts your team stacks' secrets, the same one the deploy and " +
      "rotation workflows use (docs/key-rotation.md, setup); without it the stack falls back to a passphrase the workflows cannot open",
  };
}

/** What to do after new-team wrote the file: complete commands, by pull request or by hand. */
export function nextSteps(team: string, secretsProvider: { url: string; source: string }): string {
  return [
    "Next:",
    `  npm run plan -- --stack ${team}        # offline check: exit 0, every mandatory control passes`,
    "  npm run docs                           # adds the stack file's owners to .github/CODEOWNERS",
    `  then open a pull request with Pulumi.${team}.yaml and .github/CODEOWNERS (no other file: platform.yaml changes`,
    "  go in their own pull request first, docs/platform.md): deploy.yml creates the stack with the Key Vault secrets provider,",
    "  previews it on the pull request and deploys it on merge.",
    "Or by hand, logged in to the stacks' backend (pulumi login azblob://<container>?storage_account=<account>):",
    `  pulumi stack init ${team} --secrets-provider "${secretsProvider.url}"`,
    `      (${secretsProvider.source})`,
    `  npm run build && pulumi up --stack ${team} --policy-pack dist/policies`,
    "After the deployment, the developer kit with the deployed names, for the team:",
    `  npm run kit -- --stack ${team}         # writes kit/${team}/; hand it over with docs/developer-guide.md`,
    "The team starts at rollout stage local (chat and agent profiles, no CI workflow); raise codex-boundary:rollout.stage",
    "  to ci-docs, later ci-code, in a reviewed pull request (docs/developer-guide.md, 'Rollout stages').",
    "",
  ].join("\n");
}
