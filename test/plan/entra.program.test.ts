import { describe, expect, test } from "vitest";
import type { PlanDocument } from "../../lib/plan/render";
import { keyMaterialPaths } from "../../lib/policy/keyMaterial";
import { federatedCredentialName } from "../../lib/azure/federation";
import { roleAssignmentName, ROLES } from "../../lib/azure/roles";
import { FIXTURES_DIR, ofType, planStack } from "../support/runStack";
import { onGithubHost, projectPlatformInput } from "../support/platformFiles";

const ENTRA = { stack: "entra", fixture: "Pulumi.entra.yaml" } as const;
const IDENTITY = "azure-native:managedidentity:UserAssignedIdentity";
const FEDERATION = "azure-native:managedidentity:FederatedIdentityCredential";
const ROLE = "azure-native:authorization:RoleAssignment";
const ACCOUNT = "azure-native:cognitiveservices:Account";
const VARIABLE = "github:index/actionsVariable:ActionsVariable";
/** Everything that holds, makes or excuses a key. */
const KEY_BEARING = [
  "pulumi-nodejs:dynamic/keys:KeyRegeneration",
  "codex-boundary:keys:KeyRotation",
  "codex-boundary:keys:EmergencyRevocation",
  "azure-native:keyvault:Secret",
  "github:index/actionsEnvironmentSecret:ActionsEnvironmentSecret",
  "github:index/actionsSecret:ActionsSecret",
  "azure-native:authorization:PolicyExemption",
];

function verdict(doc: PlanDocument, name: string): PlanDocument["policies"][number] | undefined {
  return doc.policies.find((p) => p.name === name);
}

function urns(doc: PlanDocument): Set<string> {
  return new Set(doc.resources.map((r) => r.urn));
}

describe("auth.mode entra plans a keyless stack", () => {
  test("the account has key authentication off, and the tag says why", async () => {
    const doc = await planStack(ENTRA);
    const account = ofType(doc, ACCOUNT)[0];
    expect(account?.inputs).toMatchObject({
      properties: { disableLocalAuth: true },
      tags: { "codex-key-auth": expect.stringMatching(/^disabled: .*Entra ID/) },
    });
  });

  test("no resource holds, makes or excuses a key, and nothing planned or output is key-shaped", async () => {
    const doc = await planStack(ENTRA);
    expect(doc.resources.filter((r) => KEY_BEARING.includes(r.type)).map((r) => r.urn)).toEqual([]);
    expect(keyMaterialPaths(doc.resources.map((r) => r.inputs))).toEqual([]);
    // The bundle's .mobileconfig and Intune script carry managed/etc-codex/*.toml as base64 (long runs by nature):
    // those TOML files are scanned as they are, and test/devkit/managedBundle.test.ts checks the forms decode to them.
    const files = { ...(doc.outputs.developerFiles as Record<string, string>) };
    for (const path of Object.keys(files)) if (/^managed\/(macos|windows)\//.test(path)) delete files[path];
    expect(Object.keys(files)).toContain("managed/etc-codex/managed_config.toml");
    expect(keyMaterialPaths({ ...doc.outputs, developerFiles: files })).toEqual([]);
    for (const output of [
      "keyRotation",
      "keyDistribution",
      "keyVaultSecretId",
      "keyScriptBash",
      "keyScriptPowerShell",
      "keyAuthExemptionId",
    ]) {
      expect(doc.outputs, output).not.toHaveProperty(output);
    }
    expect(JSON.stringify(doc.outputs)).not.toMatch(/AZURE_OPENAI_API_KEY|env_key/);
    // Nobody gets a role for the key: no vault secrets role, no key regeneration role.
    const roles = ofType(doc, ROLE).map((r) => String(r.inputs.roleDefinitionId));
    expect(roles.some((id) => id.endsWith(ROLES.keyVaultSecretsUser))).toBe(false);
    expect(roles.some((id) => id.endsWith(ROLES.cognitiveServicesContributor))).toBe(false);
  });

  test("one CI identity, one federated credential per repository (issuer, audience, subject), written one after another", async () => {
    const doc = await planStack(ENTRA);
    const [identity, ...more] = ofType(doc, IDENTITY);
    expect(more).toEqual([]);
    expect(identity?.inputs).toMatchObject({ resourceName: "id-codex-keyless-ci", location: "swedencentral" });
    const credentials = ofType(doc, FEDERATION);
    const subjects = Object.fromEntries(
      credentials.map((c) => [c.inputs.federatedIdentityCredentialResourceName, c.inputs.subject]),
    );
    expect(subjects).toEqual({
      [federatedCredentialName("platform-tools")]: "repo:contoso/platform-tools:environment:codex",
      [federatedCredentialName("docs.site")]: "repo:contoso/docs.site:environment:codex-docs",
      [federatedCredentialName("legacy-tools")]: "repo:contoso/legacy-tools:ref:refs/heads/trunk",
    });
    for (const c of credentials) {
      expect(c.inputs).toMatchObject({
        issuer: "https://token.actions.githubusercontent.com",
        audiences: ["api://AzureADTokenExchange"],
        resourceName: "id-codex-keyless-ci",
      });
    }
    // Azure refuses concurrent credential writes on one identity: they form one chain, each waiting for the one before.
    const credentialUrns = new Set(credentials.map((c) => c.urn));
    const waitsFor = (c: (typeof credentials)[number]): string[] => c.dependsOn.filter((u) => credentialUrns.has(u));
    for (const c of credentials) expect(c.dependsOn, c.name).toContain(identity?.urn);
    const chain: string[] = [];
    let current = credentials.filter((c) => waitsFor(c).length === 0);
    while (current.length > 0) {
      expect(current, `after ${chain.join(" -> ")}`).toHaveLength(1);
      const urn = String(current[0]?.urn);
      chain.push(urn);
      current = credentials.filter((c) => waitsFor(c).includes(urn));
    }
    expect(chain.sort()).toEqual(credentials.map((c) => c.urn).sort());
  });

  test("GitHub Enterprise Server (platform.yaml github.host): the credentials trust the server's own token issuer, the provider its API", async () => {
    const ghe = onGithubHost(projectPlatformInput(FIXTURES_DIR), "ghe.contoso.com");
    const doc = await planStack({ ...ENTRA, platform: ghe });
    expect(ofType(doc, FEDERATION).map((c) => c.inputs.issuer)).toEqual(
      ofType(doc, FEDERATION).map(() => "https://ghe.contoso.com/_services/token"),
    );
    expect(ofType(doc, FEDERATION).length).toBeGreaterThan(0);
    expect(ofType(doc, "pulumi:providers:github").map((p) => p.inputs.baseUrl)).toEqual([
      "https://ghe.contoso.com/api/v3",
    ]);
    const dotcom = await planStack(ENTRA);
    expect(
      ofType(dotcom, FEDERATION).every((c) => c.inputs.issuer === "https://token.actions.githubusercontent.com"),
    ).toBe(true);
    // github.com: no baseUrl is passed, so the provider keeps its own default (the plan is as before the platform tier).
    expect(ofType(dotcom, "pulumi:providers:github").map((p) => p.inputs.baseUrl)).toEqual(["https://api.github.com/"]);
  });

  test("the CI identity holds only Cognitive Services OpenAI User, on the account, under a UUIDv5 name", async () => {
    const doc = await planStack(ENTRA);
    const account = ofType(doc, ACCOUNT)[0];
    const identity = ofType(doc, IDENTITY)[0];
    const ci = ofType(doc, ROLE).filter((r) => r.parent?.endsWith("::ci-identity"));
    expect(ci).toHaveLength(1);
    const principal = String(ci[0]?.inputs.principalId);
    expect(ci[0]?.inputs).toMatchObject({ principalType: "ServicePrincipal", scope: doc.outputs.accountId });
    expect(String(ci[0]?.inputs.roleDefinitionId)).toMatch(
      new RegExp(`/roleDefinitions/${ROLES.cognitiveServicesOpenAIUser}$`),
    );
    expect(ci[0]?.inputs.roleAssignmentName).toBe(
      roleAssignmentName(String(doc.outputs.accountId), "cognitiveServicesOpenAIUser", principal),
    );
    expect(identity).toBeDefined();
    // It waits for the account's chain of operations (the last deployment, then endpoint and diagnostic setting).
    expect(ci[0]?.dependsOn.some((u) => u.includes("DiagnosticSetting") && u.includes("audit-diag-account"))).toBe(
      true,
    );
    expect(account).toBeDefined();
  });

  test("each repository gets the identity's client, tenant and subscription IDs as variables (no secret); its environment stays", async () => {
    const doc = await planStack(ENTRA);
    const variables = ofType(doc, VARIABLE).filter((v) => v.inputs.repository === "platform-tools");
    expect(variables.map((v) => v.inputs.variableName).sort()).toEqual([
      "AZURE_CLIENT_ID",
      "AZURE_OPENAI_BASE_URL",
      "AZURE_SUBSCRIPTION_ID",
      "AZURE_TENANT_ID",
      "CODEX_MODEL",
    ]);
    const clientId = variables.find((v) => v.inputs.variableName === "AZURE_CLIENT_ID")?.inputs.value;
    expect(clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(
      ofType(doc, "github:index/repositoryEnvironment:RepositoryEnvironment")
        .map((e) => e.inputs.environment)
        .sort(),
    ).toEqual(["codex", "codex-docs"]);
  });

  test("guardrails: the keyless control passes, the key-auth exception finding is gone, every mandatory control passes", async () => {
    const doc = await planStack(ENTRA);
    expect(verdict(doc, "key-auth-disabled-when-keyless")).toMatchObject({ enforcement: "mandatory", verdict: "pass" });
    expect(verdict(doc, "key-auth-exception-recorded")?.verdict).toBe("pass");
    expect(doc.policies.filter((p) => p.enforcement === "mandatory" && p.verdict === "fail")).toEqual([]);
  });

  test("the developer kit: az token command, no key script, an OIDC workflow", async () => {
    const doc = await planStack(ENTRA);
    const files = doc.outputs.developerFiles as Record<string, string>;
    expect(Object.keys(files).filter((f) => f.startsWith("get-key"))).toEqual([]);
    expect(files["config.toml"]).toMatch(/command = "az"/);
    expect(files["repos/platform-tools/.github/workflows/codex.yml"]).toMatch(/azure\/login@/);
  });
});

describe("key mode stays as it was, and the report advises entra", () => {
  test("dev (key mode): key auth on, no CI identity, and the key-auth finding recommends auth.mode entra", async () => {
    const doc = await planStack({ stack: "dev" });
    expect(ofType(doc, ACCOUNT)[0]?.inputs).toMatchObject({ properties: { disableLocalAuth: false } });
    expect(ofType(doc, IDENTITY)).toEqual([]);
    expect(ofType(doc, FEDERATION)).toEqual([]);
    expect(verdict(doc, "key-auth-disabled-when-keyless")?.verdict).toBe("pass");
    const finding = doc.policies.find((p) => p.name === "key-auth-exception-recorded") as
      (PlanDocument["policies"][number] & { remediation?: string }) | undefined;
    expect(finding?.verdict).toBe("fail");
  });
});

describe("switching between modes never leaves a repository without a working credential", () => {
  test("key -> entra: step 1 (switching) only adds; step 2 (entra) only removes the key and turns key auth off", async () => {
    const key = await planStack({ ...ENTRA, overrides: { auth: { mode: "key" } } });
    const switching = await planStack({ ...ENTRA, overrides: { auth: { mode: "entra", switching: true } } });
    const entra = await planStack(ENTRA);
    const [k, s, e] = [urns(key), urns(switching), urns(entra)];
    // Step 1 adds the identity, credentials and variables; everything of key mode stays (a component's outputs may change).
    expect([...k].filter((u) => !s.has(u))).toEqual([]);
    expect(ofType(switching, FEDERATION)).toHaveLength(3);
    expect(ofType(switching, ACCOUNT)[0]?.inputs).toMatchObject({ properties: { disableLocalAuth: false } });
    expect(ofType(switching, "github:index/actionsEnvironmentSecret:ActionsEnvironmentSecret").length).toBeGreaterThan(
      0,
    );
    // Both credentials work in step 1; the kit the teams commit is already entra's.
    expect(String(switching.outputs.codexConfigToml)).toMatch(/command = "az"/);
    // Step 2 adds nothing new, and what it removes is the key's, nothing the entra credential needs.
    expect([...e].filter((u) => !s.has(u))).toEqual([]);
    const removed = switching.resources.filter((r) => !e.has(r.urn));
    expect(removed.length).toBeGreaterThan(0);
    const keyRelated = /key|secret|api-key|emergency|KeyRotation|KeyRegeneration/i;
    for (const r of removed) expect(`${r.type} ${r.name}`, r.urn).toMatch(keyRelated);
  });

  test("entra -> key: the switching step keeps the identity while the key comes back", async () => {
    const back = await planStack({ ...ENTRA, overrides: { auth: { mode: "key", switching: true } } });
    expect(ofType(back, IDENTITY)).toHaveLength(1);
    expect(ofType(back, FEDERATION)).toHaveLength(3);
    expect(ofType(back, "azure-native:keyvault:Secret")).toHaveLength(1);
    expect(String(back.outputs.codexConfigToml)).toMatch(/args = \[ "get-key.sh" \]/);
  });
});
