import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { conflictsWith, firstFreeBlock, overlaps, PICK_POOL } from "../../lib/onboarding/addressSpace";
import { scanStackFiles } from "../../tools/onboarding/stackFiles";

describe("the free /24 picker at the edges of 10.60.0.0/16", () => {
  const block = (i: number) => ({ file: `Pulumi.t${i}.yaml`, addressSpace: `10.60.${i}.0/24` });

  test("the pool is the 256 /24 blocks of 10.60.0.0/16", () => {
    expect(PICK_POOL).toEqual({ first: "10.60.0.0", blocks: 256, prefix: 24 });
  });

  test("nothing taken: the first block; the first taken: the second", () => {
    expect(firstFreeBlock([])).toBe("10.60.0.0/24");
    expect(firstFreeBlock([block(0)])).toBe("10.60.1.0/24");
  });

  test("all but the last /24 taken: the last, 10.60.255.0/24; all taken: none", () => {
    const all = Array.from({ length: 256 }, (_, i) => block(i));
    expect(firstFreeBlock(all.slice(0, 255))).toBe("10.60.255.0/24");
    expect(firstFreeBlock(all)).toBeUndefined();
    expect(firstFreeBlock([{ file: "Pulumi.low.yaml", addressSpace: "10.60.0.0/17" }])).toBe("10.60.128.0/24");
    expect(
      firstFreeBlock([
        { file: "Pulumi.low.yaml", addressSpace: "10.60.0.0/17" },
        { file: "Pulumi.hi.yaml", addressSpace: "10.60.128.0/18" },
        { file: "Pulumi.top.yaml", addressSpace: "10.60.192.0/19" },
      ]),
    ).toBe("10.60.224.0/24");
  });

  test("blocks next to the pool, and an invalid value, take nothing from it", () => {
    const neighbours = [
      { file: "Pulumi.below.yaml", addressSpace: "10.59.255.0/24" },
      { file: "Pulumi.above.yaml", addressSpace: "10.61.0.0/24" },
      { file: "Pulumi.bad.yaml", addressSpace: "10.60.0.0/33" },
      { file: "Pulumi.junk.yaml", addressSpace: "x10.60.0.0/24" },
    ];
    expect(firstFreeBlock(neighbours)).toBe("10.60.0.0/24");
    expect(conflictsWith("10.60.0.0/16", neighbours)).toEqual([]);
    expect(conflictsWith("10.60.0.0/24x", [{ file: "Pulumi.a.yaml", addressSpace: "10.60.0.0/24" }])).toEqual([]);
  });

  test("a /29 inside a taken /24 and a /8 around it both overlap; touching blocks do not", () => {
    expect(overlaps("10.60.5.248/29", "10.60.5.0/24")).toBe(true);
    expect(overlaps("10.0.0.0/8", "10.60.5.0/24")).toBe(true);
    expect(overlaps("10.60.4.0/24", "10.60.5.0/24")).toBe(false);
    expect(overlaps("10.60.6.0/24", "10.60.5.0/24")).toBe(false);
    expect(overlaps("10.60.5.0/24", "not-a-cidr")).toBe(false);
    expect(overlaps("not-a-cidr", "10.60.5.0/24")).toBe(false);
    expect(
      conflictsWith("10.60.5.0/24", [
        { file: "Pulumi.a.yaml", addressSpace: "10.60.5.128/25" },
        { file: "Pulumi.b.yaml", addressSpace: "10.60.6.0/24" },
      ]),
    ).toEqual([{ file: "Pulumi.a.yaml", addressSpace: "10.60.5.128/25" }]);
  });
});

describe("reading the other stack files", () => {
  function dir(files: Record<string, string>) {
    const path = mkdtempSync(join(tmpdir(), "scan-"));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(path, name), text);
    return path;
  }

  test("address spaces of network-creating stacks and the recorded secrets providers, by file name order; unreadable files apart", () => {
    const path = dir({
      "Pulumi.yaml": "name: codex-boundary\nconfig:\n  codex-boundary:networking:\n    addressSpace: 10.0.0.0/8\n",
      "Pulumi.yml": "config: {}\n",
      "Pulumi.b.yaml":
        "secretsprovider: azurekeyvault://kv.vault.azure.net/keys/k\nconfig:\n  codex-boundary:networking:\n    addressSpace: 10.60.1.0/24\n",
      "Pulumi.a.yml": "config:\n  codex-boundary:networking:\n    addressSpace: 10.60.0.0/24\n",
      "Pulumi.org.team.yaml": "config:\n  codex-boundary:networking:\n    mode: existing\n",
      "Pulumi.org.team2.yaml": "config:\n  codex-boundary:networking:\n    addressSpace: 10.60.2.0/24\n",
      "Pulumi.g.yaml": "secretsprovider: azurekeyvault://kv.vault.azure.net/keys/g\n",
      "Pulumi.h.yaml": "",
      "Pulumi.c.yaml":
        "config:\n  other:networking:\n    addressSpace: 10.60.9.0/24\n  codex-boundary:networking:\n    addressSpace: 7\n",
      "Pulumi.d.yaml": "- a list\n",
      "Pulumi.e.yaml": "config:\n  codex-boundary:networking: [10.60.8.0/24]\n",
      "Pulumi.broken.yaml": "config: [\n",
      "notes.yaml": "config:\n  codex-boundary:networking:\n    addressSpace: 10.60.7.0/24\n",
      "Pulumi.f.yaml.bak": "config:\n  codex-boundary:networking:\n    addressSpace: 10.60.6.0/24\n",
      "XPulumi.g.yaml": "config:\n  codex-boundary:networking:\n    addressSpace: 10.60.5.0/24\n",
    });
    mkdirSync(join(path, "Pulumi.dir.yaml"));
    expect(scanStackFiles(path)).toEqual({
      taken: [
        { file: "Pulumi.a.yml", addressSpace: "10.60.0.0/24" },
        { file: "Pulumi.b.yaml", addressSpace: "10.60.1.0/24" },
        { file: "Pulumi.org.team2.yaml", addressSpace: "10.60.2.0/24" },
      ],
      unreadable: ["Pulumi.broken.yaml", "Pulumi.dir.yaml"],
      secretsProviders: [
        { file: "Pulumi.b.yaml", url: "azurekeyvault://kv.vault.azure.net/keys/k" },
        { file: "Pulumi.g.yaml", url: "azurekeyvault://kv.vault.azure.net/keys/g" },
      ],
    });
  });

  test("a folder that does not exist has nothing", () => {
    expect(scanStackFiles(join(tmpdir(), "no-such-folder-for-scan"))).toEqual({
      taken: [],
      unreadable: [],
      secretsProviders: [],
    });
  });
});

test("address spaces: overlap is containment either way; the first free /24 skips every taken block", () => {
  expect(overlaps("10.60.0.0/16", "10.60.3.0/24")).toBe(true);
  expect(overlaps("10.60.3.0/24", "10.60.0.0/16")).toBe(true);
  expect(overlaps("10.60.0.0/24", "10.60.1.0/24")).toBe(false);
  const taken = [
    { file: "Pulumi.dev.yaml", addressSpace: "10.60.0.0/24" },
    { file: "Pulumi.hub.yaml", addressSpace: "10.60.0.0/23" },
    { file: "Pulumi.ops.yaml", addressSpace: "10.60.2.0/25" },
  ];
  expect(firstFreeBlock(taken)).toBe("10.60.3.0/24");
  expect(conflictsWith("10.60.1.128/25", taken).map((t) => t.file)).toEqual(["Pulumi.hub.yaml"]);
  expect(firstFreeBlock([{ file: "Pulumi.big.yaml", addressSpace: "10.60.0.0/16" }])).toBeUndefined();
});
