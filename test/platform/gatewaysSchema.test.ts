import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { parsePlatformConfig, PlatformFileError } from "../../lib/platform/parse";
import { COGNITIVE_SERVICES_RESOURCE } from "../../lib/devkit/entraAuth";
import type { PlatformConfigInput } from "../../lib/platform/schema";
import { expectProblems } from "../support/problemText";
import { PROJECT_DIR } from "../support/stackFiles";

const RAW = parse(readFileSync(join(PROJECT_DIR, "platform.yaml"), "utf8")) as PlatformConfigInput;
const SERVICE =
  "/subscriptions/00000000-0000-4000-8000-00000000c0de/resourceGroups/rg-codex-gateway-hub-eastus2/providers/Microsoft.ApiManagement/service/apim-codex-hub-eastus2";
const ENTRY = {
  resourceId: SERVICE,
  hostname: "apim-codex-hub-eastus2.azure-api.net",
  principalId: "5e0f3a55-1c2d-4e5f-8a9b-0c1d2e3f4a5b",
  loggerId: `${SERVICE}/loggers/appinsights`,
};

function problems(gateways: unknown): string[] {
  try {
    parsePlatformConfig({ ...RAW, gateways });
  } catch (error) {
    if (error instanceof PlatformFileError) return [...error.problems];
    throw error;
  }
  return [];
}

describe("platform.yaml gateways", () => {
  test("none by default; an entry gets the Cognitive Services audience and keeps what the platform wrote", () => {
    const { gateways: _omitted, ...withoutGateways } = RAW;
    expect(parsePlatformConfig(withoutGateways).gateways).toEqual({});
    expect(parsePlatformConfig({ ...RAW, gateways: { "hub-eastus2": ENTRY } }).gateways).toEqual({
      "hub-eastus2": { ...ENTRY, audience: COGNITIVE_SERVICES_RESOURCE },
    });
  });

  test("every bad fact of an entry is one problem at its path, naming the value and what it must be", () => {
    expectProblems(
      problems({
        Hub: ENTRY,
        "hub-eu": {
          resourceId: "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Web/sites/app",
          hostname: "https://apim.azure-api.net/",
          principalId: "not-a-guid",
          loggerId: "appinsights",
          audience: "cognitiveservices",
          publicAccess: true,
        },
      }),
      [
        ["gateways.Hub", "Invalid key in record"],
        ["gateways.hub-eu.resourceId", "Microsoft.ApiManagement/service/<name>", "apimResourceId", "Microsoft.Web"],
        ["gateways.hub-eu.hostname", "must be a host name", "gatewayHostname", "https://apim.azure-api.net/"],
        ["gateways.hub-eu.principalId", "a GUID", "not-a-guid"],
        ["gateways.hub-eu.loggerId", "loggers/<logger>", "loggerId", '"appinsights"'],
        ["gateways.hub-eu.audience", "https://cognitiveservices.azure.com", '"cognitiveservices"'],
        ["gateways.hub-eu", "unknown key(s) publicAccess"],
      ],
    );
  });

  test("the logger must belong to the gateway's own service (ignoring case), else its metrics go elsewhere", () => {
    const otherLogger = SERVICE.replace("apim-codex-hub-eastus2", "apim-other") + "/loggers/appinsights";
    expectProblems(problems({ "hub-eastus2": { ...ENTRY, loggerId: otherLogger } }), [
      ["gateways.hub-eastus2.loggerId", `must be a logger of the service ${SERVICE}`, otherLogger],
    ]);
    expect(
      problems({
        "hub-eastus2": { ...ENTRY, loggerId: ENTRY.loggerId.toUpperCase().replace("/SUBSCRIPTIONS", "/subscriptions") },
      }),
    ).toEqual([]);
  });
});
