import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { GetTokenOptions } from "@azure/core-auth";
import { listLocationModels } from "../../tools/models/armModels";
import { FakeArm, SUBSCRIPTION } from "../support/fakeArm";
import { NEVER_EXPIRES_MS } from "../support/clock";

/** A credential that records the scopes it is asked for. */
function recordingCredential() {
  const scopes: Array<string | string[]> = [];
  return {
    scopes,
    getToken: async (scope: string | string[], _options?: GetTokenOptions) => {
      scopes.push(scope);
      return { token: "models-token", expiresOnTimestamp: NEVER_EXPIRES_MS };
    },
  };
}

const item = (name: string) => ({
  kind: "OpenAI",
  skuName: "S0",
  model: { format: "OpenAI", name, version: "1", skus: [] },
});

describe("listLocationModels against an ARM stand-in on 127.0.0.1", () => {
  const arm = new FakeArm();
  beforeAll(() => arm.start());
  afterAll(() => arm.stop());

  test("returns every item of every page, in order, and nothing else", async () => {
    arm.locationModels = { westus3: [item("a"), item("b"), item("c")] };
    const models = await listLocationModels({
      subscriptionId: SUBSCRIPTION,
      location: "westus3",
      credential: recordingCredential(),
      endpoint: arm.endpoint,
      tlsCa: arm.ca,
    });
    expect(models.map((m) => m.model?.name)).toEqual(["a", "b", "c"]);
    expect(models).toHaveLength(3);
  });

  test("asks the credential for the ARM endpoint's .default scope, and an endpoint's trailing slash is dropped", async () => {
    arm.locationModels = { westus3: [item("a")] };
    arm.calls.length = 0;
    const credential = recordingCredential();
    const models = await listLocationModels({
      subscriptionId: SUBSCRIPTION,
      location: "westus3",
      credential,
      endpoint: `${arm.endpoint}/`,
      tlsCa: arm.ca,
    });
    expect(models.map((m) => m.model?.name)).toEqual(["a"]);
    expect(new Set(credential.scopes.flat())).toEqual(new Set([`${arm.endpoint}/.default`]));
    expect(arm.calls.map((c) => c.path)).toEqual([
      `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.CognitiveServices/locations/westus3/models`,
    ]);
  });
});
