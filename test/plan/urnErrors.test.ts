import { expect, test } from "vitest";
import { DuplicateUrnError, resourceUrn } from "../../lib/plan/urns";

test("the duplicate-URN error names every problem on its own indented line, under its own error name", () => {
  const problems = [
    "Duplicate resource URN 'a' (registered 2 times); try giving it a unique name",
    "Duplicate resource URN 'b' (registered 3 times); try giving it a unique name",
  ];
  const error = new DuplicateUrnError(problems);
  expect(error).toBeInstanceOf(Error);
  expect(error.name).toBe("DuplicateUrnError");
  expect(error.problems).toEqual(problems);
  expect(error.message).toBe(
    `it registers resources the Pulumi engine would refuse:\n  ${problems[0]}\n  ${problems[1]}`,
  );
});

test("a parent that is not a URN (no type part) gives the child no parent type", () => {
  expect(resourceUrn("dev", "p", "not-a-urn", "x:y:Z", "n")).toBe("urn:pulumi:dev::p::x:y:Z::n");
  expect(resourceUrn("dev", "p", "", "x:y:Z", "n")).toBe("urn:pulumi:dev::p::x:y:Z::n");
});
