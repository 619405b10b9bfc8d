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

const hex = (n: number) => "0123456789abcdef".repeat(5).slice(0, n);
const alnum = (n: number) => "Zz".repeat(50).slice(0, n);

test("hex runs: 31 passes, 32 is a key; digests of exactly 40 or 64 pass, one more or less is a key", () => {
  expect(holdsKeyMaterial(hex(31))).toBe(false);
  expect(holdsKeyMaterial(hex(32))).toBe(true);
  expect(holdsKeyMaterial(hex(32).toUpperCase())).toBe(true);
  for (const n of [39, 41, 63, 65]) expect(holdsKeyMaterial(hex(n)), String(n)).toBe(true);
  for (const n of [40, 64]) expect(holdsKeyMaterial(hex(n)), String(n)).toBe(false);
});

test("letter-and-digit runs: 83 pass, 84 is a key; the redaction marker only as a whole value", () => {
  expect(holdsKeyMaterial(alnum(83))).toBe(false);
  expect(holdsKeyMaterial(alnum(84))).toBe(true);
  expect(holdsKeyMaterial(`x ${alnum(84)} y`)).toBe(true);
  expect(holdsKeyMaterial("[secret]")).toBe(true);
  expect(holdsKeyMaterial("[secret] ")).toBe(false);
  expect(holdsKeyMaterial("")).toBe(false);
});

test("paths: a bare string, nested arrays, and skip applying to top-level fields only", () => {
  expect(keyMaterialPaths(hex(32))).toEqual(["(value)"]);
  expect(keyMaterialPaths([["ok", hex(32)]])).toEqual(["[0][1]"]);
  expect(keyMaterialPaths({ value: { value: hex(32) } }, ["value"])).toEqual([]);
  expect(keyMaterialPaths({ inner: { value: hex(32) } }, ["value"])).toEqual(["inner.value"]);
  expect(keyMaterialPaths({ n: 1, b: true, z: null, u: undefined })).toEqual([]);
  expect(keyMaterialPaths(null)).toEqual([]);
  expect(keyMaterialPaths(7)).toEqual([]);
  expect(keyMaterialPaths([{ url: hex(32) }, { list: [{ k: hex(32) }] }])).toEqual(["[0].url", "[1].list[0].k"]);
});
