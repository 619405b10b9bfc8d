import { expect, test } from "vitest";
import { holdsKeyMaterial, keyMaterialPaths } from "../../lib/policy/keyMaterial";

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
