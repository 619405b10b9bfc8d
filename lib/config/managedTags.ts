/**
 * Tag names the stack sets itself. A user tag of the same name (Azure tag names ignore case) would be overwritten
 * on some resources or clash with it on others, so the config refuses it. test/config/managedTags.test.ts checks this
 * list against every tag name a planned stack writes.
 */
export const MANAGED_TAGS: ReadonlyArray<{ name: string; on: string }> = [
  { name: "team", on: "every resource (the team name)" },
  { name: "cost-center", on: "every resource (from costCenter)" },
  { name: "managed-by", on: "every resource" },
  { name: "data-boundary", on: "every resource (from dataBoundary)" },
  { name: "codex-key-auth", on: "the AI account (why key authentication stays on)" },
  { name: "credentialId", on: "the key's Key Vault secret (Azure's rotation metadata)" },
  { name: "generation", on: "the key's Key Vault secret (Azure's rotation metadata)" },
  { name: "ProviderAddress", on: "the key's Key Vault secret (Azure's rotation metadata)" },
  { name: "ValidityPeriodDays", on: "the key's Key Vault secret (Azure's rotation metadata)" },
];

/** The managed tag a user tag name collides with (compared ignoring case), if any. */
export function managedTagFor(name: string): { name: string; on: string } | undefined {
  const lower = name.toLowerCase();
  return MANAGED_TAGS.find((tag) => tag.name.toLowerCase() === lower);
}
