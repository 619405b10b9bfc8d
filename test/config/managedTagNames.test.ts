import { describe, expect, test } from "vitest";
import { MANAGED_TAGS, managedTagFor } from "../../lib/config/managedTags";

describe("managed tags", () => {
  test("the tag names the stack sets, and where", () => {
    expect(MANAGED_TAGS.map((tag) => `${tag.name} on ${tag.on}`)).toEqual([
      "team on every resource",
      "cost-center on every resource",
      "managed-by on every resource",
      "data-boundary on every resource",
      "codex-key-auth on the AI account",
      "credentialId on the key's Key Vault secret",
      "generation on the key's Key Vault secret",
      "ProviderAddress on the key's Key Vault secret",
      "ValidityPeriodDays on the key's Key Vault secret",
      "keyExpiresOn on the key's Key Vault secret",
    ]);
  });

  test("a user tag collides with a managed one whatever its case; other names pass", () => {
    expect(managedTagFor("TEAM")).toEqual({ name: "team", on: "every resource" });
    expect(managedTagFor("credentialid")).toEqual({ name: "credentialId", on: "the key's Key Vault secret" });
    expect(managedTagFor("providerADDRESS")?.name).toBe("ProviderAddress");
    expect(managedTagFor("owner")).toBeUndefined();
    expect(managedTagFor("team2")).toBeUndefined();
    expect(managedTagFor("")).toBeUndefined();
  });
});
