import { describe, expect, test } from "vitest";
import { egressAllowList, egressDestinations, renderEgressAllowListMarkdown } from "../../lib/devkit/egressAllowList";
import type { DevKitInputs } from "../../lib/devkit/inputs";
import { SAMPLE_INPUTS } from "./support";

const ENTRA: DevKitInputs = { ...SAMPLE_INPUTS, authMode: "entra", tenantId: "11111111-2222-4333-8444-555555555555" };
const hosts = (inputs: DevKitInputs, machine: "developer" | "ci") =>
  egressAllowList(inputs, machine).map((d) => `${d.host}:${d.port}`);

describe("the egress allow-list", () => {
  test("key mode: a developer machine needs the team endpoint, the team vault and Entra ID sign-in (for az); CI the endpoint only", () => {
    expect(hosts(SAMPLE_INPUTS, "developer")).toEqual([
      "codex-dev-abc123.openai.azure.com:443",
      "kv-dev-abc123.vault.azure.net:443",
      "login.microsoftonline.com:443",
    ]);
    expect(hosts(SAMPLE_INPUTS, "ci")).toEqual(["codex-dev-abc123.openai.azure.com:443"]);
  });

  test("entra mode: no vault; Entra ID for the token, and ARM for azure/login in CI", () => {
    expect(hosts(ENTRA, "developer")).toEqual([
      "codex-dev-abc123.openai.azure.com:443",
      "login.microsoftonline.com:443",
    ]);
    expect(hosts(ENTRA, "ci")).toEqual([
      "codex-dev-abc123.openai.azure.com:443",
      "login.microsoftonline.com:443",
      "management.azure.com:443",
    ]);
  });

  test("the endpoint and the vault are private-endpoint hosts; the Entra ID and ARM hosts are public", () => {
    for (const inputs of [SAMPLE_INPUTS, ENTRA])
      for (const machine of ["developer", "ci"] as const)
        for (const d of egressAllowList(inputs, machine))
          expect(d.privateEndpoint, d.host).toBe(/\.(openai\.azure\.com|vault\.azure\.net)$/.test(d.host));
  });

  test("no OpenAI, ChatGPT or GitHub host is ever allowed", () => {
    const all = (["key", "entra"] as const).flatMap((authMode) =>
      (["developer", "ci"] as const).flatMap((m) =>
        egressDestinations({ authMode, endpointHost: "e.openai.azure.com", vaultHost: "v.vault.azure.net" }, m),
      ),
    );
    expect(all.filter((d) => /openai\.com|chatgpt|github/.test(d.host))).toEqual([]);
  });

  test("the docs table has one row per destination of every mode and machine, with placeholders for the team's hosts", () => {
    const table = renderEgressAllowListMarkdown();
    expect(table.split("\n").filter((l) => l.startsWith("| key") || l.startsWith("| entra"))).toHaveLength(9);
    expect(table).toContain("| key | CI runner (Codex job) | `<subdomain>.openai.azure.com:443` | private endpoint |");
    expect(table).toContain("| key | developer machine | `<vault>.vault.azure.net:443` | private endpoint |");
    expect(table).not.toContain("abc123");
  });
});
