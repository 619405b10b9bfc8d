import fc from "fast-check";
import { expect, test } from "vitest";
import { federatedCredentialName } from "../../lib/azure/federation";

// Azure's rule for a federated identity credential's name.
const AZURE_RULE = /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,119}$/;

test("federated credential names are fixed known answers (a change renames, so replaces, the credential)", () => {
  expect(federatedCredentialName("docs.site")).toBe("github-docs-site-180932d3");
  expect(federatedCredentialName("a")).toBe("github-a-ca978112");
  expect(federatedCredentialName(`${"x".repeat(150)}.y`)).toBe(`github-${"x".repeat(100)}-024e99a2`);
});

test("any GitHub repository name gives a name within Azure's rule", () => {
  fc.assert(fc.property(fc.stringMatching(/^[A-Za-z0-9._-]{1,100}$/), (repository) => AZURE_RULE.test(federatedCredentialName(repository))));;
});
