import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { AzureContract } from "../../../tools/azureContract/extract";
import { REQUEST_TARGETS, RESOURCE_TARGETS, SPEC_SUBSTITUTIONS } from "../../../tools/azureContract/targets";

const NETWORK_2024_03_01 = "specification/network/resource-manager/Microsoft.Network/stable/2024-03-01";
const NETWORK_2024_05_01 = "specification/network/resource-manager/Microsoft.Network/stable/2024-05-01";

function committedContract(): AzureContract {
  return JSON.parse(
    readFileSync(join(__dirname, "../../../tools/azureContract/azureContract.json"), "utf8"),
  ) as AzureContract;
}

describe("the resources and requests checked against Azure's published specs", () => {
  test("every target's operation is a PUT (resources) or POST (requests) whose path parameters the contract takes as inputs", () => {
    const contract = committedContract();
    const entries = [
      ...RESOURCE_TARGETS.map((t) => ({ target: t, method: "put", entry: contract.resources[t.token] })),
      ...REQUEST_TARGETS.map((t) => ({ target: t, method: "post", entry: contract.requests[t.name] })),
    ];
    for (const { target, method, entry } of entries) {
      expect(target.method, target.operationPath).toBe(method);
      const inPath = [...target.operationPath.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? "");
      expect(inPath.length, target.operationPath).toBeGreaterThan(0);
      for (const name of entry?.pathParameters ?? [])
        expect(inPath, `${target.operationPath}: ${name}`).toContain(name);
      const properties = Object.keys(
        (entry?.schema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {},
      );
      for (const name of entry?.pathParameters ?? [])
        expect(properties, `${target.operationPath}: ${name}`).toContain(name);
    }
  });

  test("every spec file a target reads is a recorded source of the committed contract, with a 40-hex commit", () => {
    const contract = committedContract();
    const sources = new Map(contract.sources.map((s) => [s.path, s.commit]));
    for (const target of [...RESOURCE_TARGETS, ...REQUEST_TARGETS])
      expect(sources.get(target.specPath) ?? "", target.specPath).toMatch(/^[0-9a-f]{40}$/);
    for (const [from, to] of Object.entries(SPEC_SUBSTITUTIONS)) {
      expect(sources.has(to), `${from} -> ${to}`).toBe(true);
      expect(sources.has(from), from).toBe(false);
    }
  });

  test("only the private endpoint's spec file is read at another version, and its sibling references resolve to the used version", () => {
    expect(SPEC_SUBSTITUTIONS).toEqual({
      [`${NETWORK_2024_03_01}/virtualNetwork.json`]: `${NETWORK_2024_05_01}/virtualNetwork.json`,
      [`${NETWORK_2024_03_01}/network.json`]: `${NETWORK_2024_05_01}/network.json`,
    });
    expect(
      RESOURCE_TARGETS.filter((t) => t.specApiVersion !== undefined).map((t) => [t.token, t.specApiVersion]),
    ).toEqual([
      ["azure-native:network:PrivateEndpoint", "2024-03-01"],
      ["azure-native:network:PrivateDnsZoneGroup", "2024-03-01"],
    ]);
  });

  test("each spec file is of the version the target reads, and each type token is listed once", () => {
    for (const target of [...RESOURCE_TARGETS, ...REQUEST_TARGETS]) {
      expect(target.specPath, target.operationPath).toMatch(
        new RegExp(`^specification/.+/(stable|preview)/${target.specApiVersion ?? target.apiVersion}/[^/]+\\.json$`),
      );
    }
    expect(new Set(RESOURCE_TARGETS.map((t) => t.token)).size).toBe(RESOURCE_TARGETS.length);
  });

  test("the committed contract was extracted from this table (version, operation, source file and substitutions)", () => {
    const contract = committedContract();
    expect(Object.keys(contract.resources).sort()).toEqual(RESOURCE_TARGETS.map((t) => t.token).sort());
    expect(Object.keys(contract.requests)).toEqual(REQUEST_TARGETS.map((t) => t.name));
    for (const target of RESOURCE_TARGETS) {
      const entry = contract.resources[target.token];
      expect(entry?.apiVersion, target.token).toBe(target.apiVersion);
      expect(entry?.specApiVersion, target.token).toBe(target.specApiVersion);
      expect(entry?.operation, target.token).toBe(`${target.method.toUpperCase()} ${target.operationPath}`);
      expect(entry?.source.path, target.token).toBe(target.specPath);
    }
    for (const target of REQUEST_TARGETS) {
      const entry = contract.requests[target.name];
      expect(entry?.apiVersion, target.name).toBe(target.apiVersion);
      expect(entry?.operation, target.name).toBe(`POST ${target.operationPath}`);
      expect(entry?.source.path, target.name).toBe(target.specPath);
    }
    expect(contract.substitutions).toEqual(SPEC_SUBSTITUTIONS);
  });
});
