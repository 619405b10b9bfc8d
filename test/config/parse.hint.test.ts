import { describe, expect, test } from "vitest";
import type { z } from "zod";
import { problemsFromIssues } from "../../lib/config/parse";

/**
 * The "allowed here" hint of an unknown key looks the path up in the config's JSON Schema. A path that runs past a
 * plain value of the schema (a key under `team`, a text) has no keys to offer: the hint is empty, never a crash.
 */
const unknownAt = (path: PropertyKey[], raw: unknown) => problemsFromIssues([{ code: "unrecognized_keys", keys: ["x"], path, message: "" } as z.core.$ZodIssue], raw);

describe("the unknown-key hint below a plain value", () => {
  test("a map under a text field, or under a number, offers no keys", () => {
    expect(unknownAt(["team", "inner"], { team: { inner: { x: 1 } } })).toEqual([{ path: "team.inner.x", message: "unknown key (a typo?); allowed here: " }]);
    expect(unknownAt(["budget", "amount", "inner"], { budget: { amount: { inner: { x: 1 } } } })).toEqual([{ path: "budget.amount.inner.x", message: "unknown key (a typo?); allowed here: " }]);
  });

  test("one level up, the section's keys are offered", () => {
    expect(unknownAt(["budget"], { budget: { x: 1 } })).toEqual([{ path: "budget.x", message: "unknown key (a typo?); allowed here: amount, contactEmails, startMonth, actionGroupId" }]);
  });
});
