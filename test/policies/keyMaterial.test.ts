import fc from "fast-check";
import { expect, test } from "vitest";
import { holdsKeyMaterial, keyMaterialPaths } from "../../lib/policy/keyMaterial";

const hexKey = fc.stringMatching(/^[0-9a-f]{32}$/);
const longKey = fc.stringMatching(/^[A-Za-z0-9]{84}$/);
/** Text around a key: anything, with a separator touching the key (so it cannot extend it into a digest's length). */
const before = fc.string({ maxLength: 40 }).map((s) => `${s} `);
const after = fc.string({ maxLength: 40 }).map((s) => `;${s}`);

test("a key is caught wherever it sits in a string (regression: only a whole value of exactly that shape was)", () => {
  fc.assert(
    fc.property(fc.oneof(hexKey, longKey), before, after, (key, prefix, suffix) => {
      expect(holdsKeyMaterial(`${prefix}${key}${suffix}`)).toBe(true);
      expect(holdsKeyMaterial(`KEY=${key}`)).toBe(true);
      expect(holdsKeyMaterial(`https://x.example/?api-key=${key}&v=1`)).toBe(true);
    }),
  );
  expect(holdsKeyMaterial("[secret]")).toBe(true);
});

test("identifiers, URLs and digests that are not keys pass", () => {
  for (const harmless of [
    "https://codex-payments-eu-abc123.openai.azure.com/openai/v1",
    "3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b",
    "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683",
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "gpt-5.3-codex",
    "a note about [secret] handling",
    "0123456789abcdef0123456789abcde",
  ]) {
    expect(holdsKeyMaterial(harmless), harmless).toBe(false);
  }
});

test("paths name where the material is, never the material; skipped fields are the secret's own value", () => {
  const key = "0123456789abcdef0123456789abcdef";
  const props = { value: key, secretName: "X", nested: { list: ["ok", `k=${key}`] } };
  expect(keyMaterialPaths(props)).toEqual(["value", "nested.list[1]"]);
  expect(keyMaterialPaths(props, ["value"])).toEqual(["nested.list[1]"]);
  expect(keyMaterialPaths(props).join()).not.toContain(key);
});
