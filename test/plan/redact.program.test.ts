import * as pulumi from "@pulumi/pulumi";
import { expect, test } from "vitest";
import { captureProgram } from "../../tools/plan/capture";
import { containsSecret, redact, REDACTED } from "../../lib/plan/redact";
import { planVerdicts, toPlanDocument } from "../../lib/plan/render";
import { dayMs } from "../support/clock";

class Thing extends pulumi.CustomResource {
  constructor(name: string, props: Record<string, pulumi.Input<unknown>>, opts?: pulumi.CustomResourceOptions) {
    super("test:index:Thing", name, props, opts);
  }
}

test("every secret, at any depth of inputs and outputs, prints as [secret] and nothing else leaks", async () => {
  const run = await captureProgram({
    project: "codex-boundary",
    stack: "redact",
    config: { values: {}, secretKeys: [], placeholders: [] },
    loadProgram: async () => async () => {
      const parent = new pulumi.ComponentResource("test:index:Group", "group");
      const thing = new Thing(
        "thing",
        {
          plain: "visible",
          top: pulumi.secret("s3cr3t-top"),
          nested: { list: ["visible-item", pulumi.secret({ deep: "s3cr3t-deep" })] },
          derived: pulumi.secret("s3cr3t-base").apply((v) => `${v}-derived`),
        },
        { parent },
      );
      return {
        plainOut: "shown",
        secretOut: pulumi.secret("s3cr3t-output"),
        mixed: { a: 1, b: pulumi.secret("s3cr3t-mixed") },
        thingUrn: thing.urn,
      };
    },
  });
  const doc = toPlanDocument(run, planVerdicts(run, dayMs("2026-11-25")));
  const text = JSON.stringify(doc);
  expect(text).not.toMatch(/s3cr3t/);

  const thing = doc.resources.find((r) => r.type === "test:index:Thing");
  expect(thing?.inputs).toEqual({
    derived: REDACTED,
    // The SDK lifts a nested secret to its whole top-level property: the redaction follows, conservatively.
    nested: REDACTED,
    plain: "visible",
    top: REDACTED,
  });
  expect(thing?.parent).toBe(doc.resources.find((r) => r.type === "test:index:Group")?.urn);
  expect(thing?.urn).toBe("urn:pulumi:redact::codex-boundary::test:index:Group$test:index:Thing::thing");
  expect(doc.outputs).toMatchObject({ plainOut: "shown", secretOut: REDACTED, mixed: REDACTED });
});

test("a failing program surfaces its error instead of hanging", async () => {
  await expect(
    captureProgram({
      project: "codex-boundary",
      stack: "boom",
      config: { values: {}, secretKeys: [], placeholders: [] },
      loadProgram: async () => async () => {
        throw new Error("program exploded");
      },
    }),
  ).rejects.toThrowError("program exploded");
});

test("redact handles secrets nested deep in values that arrive already serialized", () => {
  const secret = (value: unknown) => ({ [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value });
  const value = { a: [{ b: { c: secret("k1") } }, "plain"], d: secret({ e: "k2" }), f: pulumi.runtime.unknownValue };
  const redacted = redact(value);
  expect(redacted).toEqual({ a: [{ b: { c: REDACTED } }, "plain"], d: REDACTED, f: "[unknown until apply]" });
  expect(JSON.stringify(redacted)).not.toMatch(/k1|k2/);
  expect(containsSecret(value)).toBe(true);
  expect(containsSecret(redacted)).toBe(true);
  expect(containsSecret({ a: ["plain"] })).toBe(false);
});
