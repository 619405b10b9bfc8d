/**
 * Tag names the stack sets itself. A user tag of the same name (Azure tag names ignore case) would be overwritten
 * on some resources or clash with it on others, so the config refuses it. test/config/managedTags.program.test.ts checks this
 * list against every tag name a planned stack writes.
 */
export const MANAGED_TAGS: ReadonlyArray<{ name: string; on: string }> = [
  { name: "team", on: "every resource" },
  { name: "cost-center", on: "every resource" },
  { name: "managed-by", on: "every resource" },
  { name: "data-boundary", on: "every resource" },
  { name: "codex-key-auth", on: "the AI account" },
  { name: "credentialId", on: "the key's Key Vault secret" },
  { name: "generation", on: "the key's Key Vault secret" },
  { name: "ProviderAddress", on: "the key's Key Vault secret" },
  { name: "ValidityPeriodDays", on: "the key's Key Vault secret" },
  { name: "keyExpiresOn", on: "the key's Key Vault secret" },
];

/** The managed tag a user tag name collides with (compared ignoring case), if any. */
export function managedTagFor(name: string): { name: string; on: string } | undefined {
  const lower = name.toLowerCase();
  return MANAGED_TAGS.find((tag) => tag.name.toLowerCase() === lower);
}
