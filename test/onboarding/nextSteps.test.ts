import { describe, expect, test } from "vitest";
import { nextSteps, secretsProviderFor } from "../../lib/onboarding/nextSteps";

describe("what to do next", () => {
  const kv = "azurekeyvault://kv-state.vault.azure.net/keys/pulumi";

  test("the one Key Vault key the other stacks record, naming them; one or several", () => {
    expect(secretsProviderFor([{ file: "Pulumi.a.yaml", url: kv }])).toEqual({
      url: kv,
      source: "the Key Vault key Pulumi.a.yaml already uses",
    });
    expect(
      secretsProviderFor([
        { file: "Pulumi.a.yaml", url: kv },
        { file: "Pulumi.b.yaml", url: kv },
        { file: "Pulumi.c.yaml", url: "passphrase" },
      ]),
    ).toEqual({
      url: kv,
      source: "the Key Vault key Pulumi.a.yaml, Pulumi.b.yaml already use",
    });
  });

  test("no Key Vault key, or two different ones: a placeholder and what to fill in", () => {
    const placeholder = secretsProviderFor([]);
    expect(placeholder.url).toBe("azurekeyvault://<vault>.vault.azure.net/keys/<key>");
    for (const fact of ["<vault>", "<key>", "docs/key-rotation.md", "passphrase"])
      expect(placeholder.source).toContain(fact);
    expect(secretsProviderFor([{ file: "Pulumi.a.yaml", url: "passphrase" }])).toEqual(placeholder);
    expect(
      secretsProviderFor([
        { file: "Pulumi.a.yaml", url: kv },
        { file: "Pulumi.b.yaml", url: `${kv}2` },
      ]),
    ).toEqual(placeholder);
    expect(secretsProviderFor([{ file: "Pulumi.a.yaml", url: `x${kv}` }])).toEqual(placeholder);
  });

  test("complete commands for the team, with the secrets provider and where it comes from", async () => {
    const text = nextSteps("payments", { url: kv, source: "the Key Vault key Pulumi.a.yaml already uses" });
    for (const command of [
      "npm run plan -- --stack payments",
      `pulumi stack init payments --secrets-provider "${kv}"`,
      "pulumi up --stack payments --policy-pack dist/policies",
      "npm run kit -- --stack payments",
    ]) {
      expect(text).toContain(command);
    }
    expect(text).toContain("(the Key Vault key Pulumi.a.yaml already uses)");
    await expect(text).toMatchFileSnapshot("__snapshots__/nextSteps.txt");
  });
});
