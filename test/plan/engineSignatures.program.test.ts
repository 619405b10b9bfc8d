import * as pulumi from "@pulumi/pulumi";
import { expect, test } from "vitest";
import { ENGINE_SIGNATURES } from "../../lib/plan/redact";

test("the engine signatures lib/plan/redact.ts recognises are the ones the Pulumi runtime writes", () => {
  const { specialSigKey, specialSecretSig, specialResourceSig, unknownValue } = pulumi.runtime;
  expect(ENGINE_SIGNATURES).toEqual({ specialSigKey, specialSecretSig, specialResourceSig, unknownValue });
});
