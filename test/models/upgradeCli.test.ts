import { describe, expect, it } from "vitest";
import { runUpgradeCli, type UpgradeDeps } from "../../tools/models/upgradeCli";
import { clockOn } from "../support/clock";
import { catalog, entry } from "./syntheticCatalog";

const STACK = `config:
  codex-boundary:location: regiona
  codex-boundary:models:
    - name: gpt-old
      model: gpt-old
      version: "2026-01-01"
      sku: GlobalStandard
      capacity: 50
  codex-boundary:codex:
    defaultModel: gpt-old
`;
const CATALOG = catalog([
  entry({ model: "gpt-old", version: "2026-01-01", retirementDate: "2027-02-01", replacement: "gpt-new" }),
  entry({ model: "gpt-new", version: "2026-06-01", retirementDate: "2028-01-01" }),
]);

function fakeDeps(files: Record<string, string>, c = CATALOG) {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, string> = {};
  const deps: UpgradeDeps = {
    projectDir: "/p",
    clock: clockOn("2026-12-01"),
    readFile: (path) => {
      const text = files[path];
      if (text === undefined) throw new Error("ENOENT");
      return text;
    },
    writeFile: (path, text) => {
      written[path] = text;
    },
    listDir: () => Object.keys(files).map((p) => p.slice("/p/".length)),
    exists: (path) => path === "/p" || files[path] !== undefined,
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    catalog: c,
  };
  return { deps, out, err, written };
}

describe("npm run models -- --upgrade", () => {
  it("--stack: writes step 1, prints each change with the old model's retirement day, exits 0", () => {
    const f = fakeDeps({ "/p/Pulumi.alpha.yaml": STACK });
    expect(runUpgradeCli(["--upgrade", "--stack", "alpha"], f.deps)).toBe(0);
    expect(f.written["/p/Pulumi.alpha.yaml"]).toContain("- name: gpt-new");
    const text = f.out.join("");
    expect(text).toMatch(/alpha: add deployment gpt-new .*to replace gpt-old, which retires 2027-02-01/);
    expect(text).toContain("codex.defaultModel gpt-old -> gpt-new");
  });

  it("--dry-run writes nothing; --as-of outside the window finds nothing to do", () => {
    const f = fakeDeps({ "/p/Pulumi.alpha.yaml": STACK });
    expect(runUpgradeCli(["--upgrade", "--all", "--dry-run"], f.deps)).toBe(0);
    expect(f.written).toEqual({});
    expect(f.out.join("")).toContain("would write");
    const g = fakeDeps({ "/p/Pulumi.alpha.yaml": STACK });
    expect(runUpgradeCli(["--upgrade", "--all", "--as-of", "2026-06-01"], g.deps)).toBe(0);
    expect(g.written).toEqual({});
    expect(g.out.join("")).toContain("nothing to upgrade");
  });

  it("exits 1 when a retiring deployment has no successor, naming model, version, region, SKU and fix", () => {
    const f = fakeDeps(
      { "/p/Pulumi.alpha.yaml": STACK },
      catalog([entry({ model: "gpt-old", version: "2026-01-01", retirementDate: "2027-02-01" })]),
    );
    expect(runUpgradeCli(["--upgrade", "--stack", "alpha"], f.deps)).toBe(1);
    const text = f.out.join("");
    for (const fact of [
      "gpt-old 2026-01-01",
      "GlobalStandard",
      "regiona",
      "npm run models -- --refresh",
      "another region or SKU",
    ])
      expect(text).toContain(fact);
  });

  it("exits 2 on bad input, one error per problem, and writes nothing for any stack", () => {
    const f = fakeDeps({ "/p/Pulumi.alpha.yaml": STACK, "/p/Pulumi.broken.yaml": "config: [unclosed" });
    expect(runUpgradeCli(["--upgrade", "--all"], f.deps)).toBe(2);
    expect(f.written).toEqual({});
    expect(f.err.join("")).toMatch(/Pulumi\.broken\.yaml: not valid YAML/);
    const g = fakeDeps({});
    expect(runUpgradeCli(["--upgrade", "--stack", "nope", "--as-of", "2026-13-01"], g.deps)).toBe(2);
    expect(g.err.join("")).toMatch(/--as-of must be a date as YYYY-MM-DD \(got "2026-13-01"\)/);
    const h = fakeDeps({});
    expect(runUpgradeCli(["--upgrade", "--stack", "nope"], h.deps)).toBe(2);
    expect(h.err.join("")).toMatch(/--stack nope: no stack file .*Pulumi\.nope\.yaml/);
  });
});
