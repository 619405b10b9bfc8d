import { expect, test } from "vitest";
import { aliasUrn, duplicateUrnErrors, resourceUrn } from "../../lib/plan/urns";

const COMPONENT = "urn:pulumi:dev::codex-boundary::pulumi:pulumi:Stack$codex-boundary:azure:AiAccount::ai";
const ACCOUNT = "azure-native:cognitiveservices:Account";

test("a child's URN carries its parent's type and its own name, not the parent's name", () => {
  expect(resourceUrn("dev", "codex-boundary", COMPONENT, ACCOUNT, "account")).toBe(
    `urn:pulumi:dev::codex-boundary::codex-boundary:azure:AiAccount$${ACCOUNT}::account`,
  );
  const other = COMPONENT.replace(/::ai$/, "::ai-2");
  // Why fixed child names collide: two instances of a component give their children the same URN.
  expect(resourceUrn("dev", "codex-boundary", other, ACCOUNT, "account")).toBe(
    resourceUrn("dev", "codex-boundary", COMPONENT, ACCOUNT, "account"),
  );
  expect(resourceUrn("dev", "codex-boundary", null, "pulumi:pulumi:Stack", "codex-boundary-dev")).toBe(
    "urn:pulumi:dev::codex-boundary::pulumi:pulumi:Stack::codex-boundary-dev",
  );
});

test("an alias spec fills what it leaves empty from the resource itself; an alias URN is taken as it is", () => {
  const self = { stack: "dev", project: "codex-boundary", parentUrn: COMPONENT, type: ACCOUNT, name: "ai-account" };
  const spec = { name: "", type: "", stack: "", project: "", parentUrn: "", noParent: false };
  expect(aliasUrn({ spec: { ...spec, name: "account" } }, self)).toBe(
    `urn:pulumi:dev::codex-boundary::codex-boundary:azure:AiAccount$${ACCOUNT}::account`,
  );
  expect(aliasUrn({ spec: { ...spec, name: "account", noParent: true } }, self)).toBe(
    `urn:pulumi:dev::codex-boundary::${ACCOUNT}::account`,
  );
  expect(aliasUrn({ spec: { ...spec, stack: "prod" } }, self)).toBe(
    `urn:pulumi:prod::codex-boundary::codex-boundary:azure:AiAccount$${ACCOUNT}::ai-account`,
  );
  expect(aliasUrn({ urn: "urn:pulumi:dev::p::t::n" }, self)).toBe("urn:pulumi:dev::p::t::n");
});

test("every duplicated URN is reported once, with how often it was registered", () => {
  expect(
    duplicateUrnErrors([{ urn: "a" }, { urn: "b" }, { urn: "a" }, { urn: "c" }, { urn: "a" }, { urn: "c" }]),
  ).toEqual([
    "Duplicate resource URN 'a' (registered 3 times); try giving it a unique name",
    "Duplicate resource URN 'c' (registered 2 times); try giving it a unique name",
  ]);
  expect(duplicateUrnErrors([{ urn: "a" }, { urn: "b" }])).toEqual([]);
});
