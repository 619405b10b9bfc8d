import { describe, expect, test } from "vitest";
import { EMPTY_FLEET_FILE } from "../../lib/fleet/fleetFile";
import { fleetGate } from "../../lib/fleet/gate";
import { buildFleetReport } from "../../lib/fleet/report";
import type { StackFacts } from "../../lib/fleet/types";
import { deployment, facts } from "./support";

// The per-stack verdict the workflows' matrices read (npm run fleet -- --gate-file).
const NOW = Date.parse("2026-11-25T12:00:00Z");
const inTenDays = () => new Date("2026-12-05T00:00:00Z");
const gateOf = (stacks: StackFacts[], unplannable = new Map<string, string[]>(), lookup = inTenDays) =>
  fleetGate(
    [...stacks.map((s) => s.stack), ...unplannable.keys()],
    buildFleetReport(stacks, EMPTY_FLEET_FILE, lookup, NOW),
    unplannable,
  );

describe("the fleet's verdict per stack", () => {
  test("a model retiring in 10 days holds no stack: it is a finding of the report, not of the gate", () => {
    const gate = gateOf([facts("a"), facts("b")]);
    expect(gate).toEqual({ version: 1, date: "2026-11-25", blocked: {}, passed: ["a", "b"] });
  });

  test("a mandatory fleet rule holds exactly the stacks it names, with the rule, the message and the fix", () => {
    const shared = ["https://github.com/contoso/shared"];
    const gate = gateOf([facts("a", { repositories: shared }), facts("b", { repositories: shared }), facts("c")]);
    expect(Object.keys(gate.blocked)).toEqual(["a", "b"]);
    expect(gate.blocked.a?.[0]).toMatch(/^repository-claimed-twice: .*contoso\/shared.*; fix: /);
    expect(gate.passed).toEqual(["c"]);
  });

  test("a stack whose own mandatory policy fails is held; a failing lifecycle policy holds nothing", () => {
    const failing = (policy: string) => ({
      verdict: "fail" as const,
      mandatoryFailures: [{ policy, messages: ["it fails"] }],
    });
    const gate = gateOf([
      facts("a", failing("boundary-network-isolated")),
      facts("b", failing("model-not-retiring")),
      facts("c"),
    ]);
    expect(Object.keys(gate.blocked)).toEqual(["a"]);
    expect(gate.blocked.a?.[0]).toContain(
      "stack-policy: a: mandatory policy boundary-network-isolated fails: it fails",
    );
    expect(gate.passed).toEqual(["b", "c"]);
  });

  test("a stack that cannot be planned is held with its problems; every other stack is still judged", () => {
    const gate = gateOf(
      [facts("a", { deployments: [deployment({ capacity: 5 })] })],
      new Map([["broken", ["codex-boundary:team: is required", "codex-boundary:location: unknown"]]]),
    );
    expect(gate.blocked).toEqual({
      broken: ["cannot be planned: codex-boundary:team: is required codex-boundary:location: unknown"],
    });
    expect(gate.passed).toEqual(["a"]);
  });
});
