import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  federatedCredentialName,
  federatedSubject,
  GITHUB_OIDC_AUDIENCE,
  GITHUB_OIDC_ISSUER,
  oidcIssuer,
} from "../../lib/azure/federation";

// Azure's rule for a federated identity credential's name.
const AZURE_RULE = /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,119}$/;

test("federated credential names are stable (a change renames, so replaces, the credential)", () => {
  expect(federatedCredentialName("docs.site")).toBe("github-docs-site-180932d3");
  expect(federatedCredentialName("a")).toBe("github-a-ca978112");
  expect(federatedCredentialName(`${"x".repeat(150)}.y`)).toBe(`github-${"x".repeat(100)}-024e99a2`);
});

test("any GitHub repository name gives a name within Azure's rule", () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[A-Za-z0-9._-]{1,100}$/), (repository) =>
      AZURE_RULE.test(federatedCredentialName(repository)),
    ),
  );
});

describe("federated credentials: audience, issuer, stable names, subject", () => {
  test("audience and github.com issuer; GHES issuer from platform.yaml's github.host", () => {
    expect(GITHUB_OIDC_AUDIENCE).toBe("api://AzureADTokenExchange");
    expect(GITHUB_OIDC_ISSUER).toBe("https://token.actions.githubusercontent.com");
    expect(oidcIssuer("github.com")).toBe("https://token.actions.githubusercontent.com");
    expect(oidcIssuer("GHE.contoso.com")).toBe("https://ghe.contoso.com/_services/token");
  });

  test("credential names: github-<stem>-<sha256 prefix>, '.' becomes '-', a.b and a-b stay apart, long names cut at 100", () => {
    expect(federatedCredentialName("api")).toBe("github-api-14c2529e");
    expect(federatedCredentialName("a.b")).toBe("github-a-b-2e7336dc");
    expect(federatedCredentialName("a-b")).toBe("github-a-b-d44362d6");
    expect(federatedCredentialName("x".repeat(120))).toBe(`github-${"x".repeat(100)}-13f05a0b`);
  });

  test("the subject names the environment when there is one, else the default branch", () => {
    expect(federatedSubject("contoso", { name: "api", environment: "codex", defaultBranch: "trunk" })).toBe(
      "repo:contoso/api:environment:codex",
    );
  });
});
