import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { conflictsWith, firstFreeBlock, overlaps, PICK_POOL } from "../../lib/onboarding/addressSpace";
import { scanStackFiles } from "../../tools/onboarding/stackFiles";
import { NEW_TEAM_FLAGS, nearestFlag, OTHER_FLAGS, renderNewTeamHelp, unknownFlags } from "../../lib/onboarding/flags";
import { nextSteps, secretsProviderFor } from "../../lib/onboarding/nextSteps";

const KNOWN = ["name", "cost-center", "location", "data-boundary", "budget", "address-space", "stack-dir", "help"];

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
    expect(firstFreeBlock([{ file: "Pulumi.low.yaml", addressSpace: "10.60.0.0/17" }, { file: "Pulumi.hi.yaml", addressSpace: "10.60.128.0/18" }, { file: "Pulumi.top.yaml", addressSpace: "10.60.192.0/19" }])).toBe("10.60.224.0/24");
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
    expect(conflictsWith("10.60.5.0/24", [{ file: "Pulumi.a.yaml", addressSpace: "10.60.5.128/25" }, { file: "Pulumi.b.yaml", addressSpace: "10.60.6.0/24" }])).toEqual([
      { file: "Pulumi.a.yaml", addressSpace: "10.60.5.128/25" },
    ]);
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
      "Pulumi.b.yaml": "secretsprovider: azurekeyvault://kv.vault.azure.net/keys/k\nconfig:\n  codex-boundary:networking:\n    addressSpace: 10.60.1.0/24\n",
      "Pulumi.a.yml": "config:\n  codex-boundary:networking:\n    addressSpace: 10.60.0.0/24\n",
      "Pulumi.org.team.yaml": "config:\n  codex-boundary:networking:\n    mode: existing\n",
      "Pulumi.org.team2.yaml": "config:\n  codex-boundary:networking:\n    addressSpace: 10.60.2.0/24\n",
      "Pulumi.g.yaml": "secretsprovider: azurekeyvault://kv.vault.azure.net/keys/g\n",
      "Pulumi.h.yaml": "",
      "Pulumi.c.yaml": "config:\n  other:networking:\n    addressSpace: 10.60.9.0/24\n  codex-boundary:networking:\n    addressSpace: 7\n",
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
    expect(scanStackFiles(join(tmpdir(), "no-such-folder-for-scan"))).toEqual({ taken: [], unreadable: [], secretsProviders: [] });
  });
});

describe("flags of new-team", () => {
  test("a typo gets the nearest flag; prefixes of two letters or more match; far words get none", () => {
    expect(nearestFlag("--locaiton", KNOWN)).toBe("location");
    expect(nearestFlag("--lo", KNOWN)).toBe("location");
    expect(nearestFlag("-l", KNOWN)).toBeUndefined();
    expect(nearestFlag("--budgte=5", KNOWN)).toBe("budget");
    expect(nearestFlag("--nam", KNOWN)).toBe("name");
    expect(nearestFlag("--xyz", KNOWN)).toBeUndefined();
    expect(nearestFlag("--name", [])).toBeUndefined();
  });

  test("how far a typo may be: two edits for short words, a third of the length for long ones", () => {
    // "nxxe" is 2 edits from "name": accepted
    expect(nearestFlag("--nxxe", ["name"])).toBe("name");
    // "nxxx" is 3 edits: refused for a 4-letter word
    expect(nearestFlag("--nxxx", ["name"])).toBeUndefined();
    // 12 letters: up to 4 edits
    expect(nearestFlag("--adxxxs-space", ["address-space"])).toBe("address-space");
    expect(nearestFlag("--axxxxs-space", ["address-space"])).toBeUndefined();
  });

  test("the closest of several wins, the first on a tie", () => {
    expect(nearestFlag("--bxx", ["bat", "bxy"])).toBe("bxy");
    expect(nearestFlag("--cat", ["cab", "car"])).toBe("cab");
    expect(nearestFlag("--kitten", ["sitting", "mitten"])).toBe("mitten");
  });

  test("unknown flags: each named with its nearest known; values after a value flag are skipped, not after --help", () => {
    expect(unknownFlags(["--budget", "-5", "--name", "x"], KNOWN)).toEqual([]);
    expect(unknownFlags(["--nmae", "x", "-q"], KNOWN)).toEqual(["unknown option --nmae (did you mean --name?)", "unknown option -q"]);
    expect(unknownFlags(["--help", "--nmae"], KNOWN)).toEqual(["unknown option --nmae (did you mean --name?)"]);
    expect(unknownFlags(["--budget=5", "--nmae"], KNOWN)).toEqual(["unknown option --nmae (did you mean --name?)"]);
    expect(unknownFlags(["--colour=red"], KNOWN)).toEqual(["unknown option --colour"]);
    expect(unknownFlags(["--nmae=x"], KNOWN)).toEqual(["unknown option --nmae (did you mean --name?)"]);
    expect(unknownFlags(["-", "--", "plain", "-h", "--name=x", "--help"], KNOWN)).toEqual([]);
    expect(unknownFlags(["--colour", "--xyz"], KNOWN)).toEqual(["unknown option --colour", "unknown option --xyz"]);
  });

  test("the help names every flag with its value, whether required or its default, and its meaning, aligned", () => {
    const help = renderNewTeamHelp();
    const lines = help.split("\n");
    expect(lines[0]).toBe("usage: npm run new-team -- --name <team> [--flag value ...]");
    expect(lines[1]).toBe("");
    expect(lines[2]).toBe("Writes Pulumi.<team>.yaml for a new team: secure defaults plus your answers, checked by the stack's own parser.");
    expect(help.endsWith("\n")).toBe(true);
    expect(help.endsWith("\n\n")).toBe(false);
    const width = "--data-boundary global|eu|us".length + 2;
    expect(lines).toContain(`  ${"--name <team>".padEnd(width)}required. team name and stack name: 2-16 lowercase letters, digits and single hyphens, starting with a letter`);
    expect(lines).toContain(`  ${"--repos <a,b,...>".padEnd(width)}optional, default: none (add them to the stack file later). team repositories that get the key as an Actions secret and a Codex CI workflow`);
    expect(lines).toContain(`  ${"--help ".padEnd(width)}print this help`);
    expect(lines).toContain(`  ${"--stack-dir <dir>".padEnd(width)}optional, default: the project folder. folder to write Pulumi.<team>.yaml to, and whose Pulumi.*.yaml address spaces are avoided`);
    expect(lines.filter((l) => l.startsWith("  --"))).toHaveLength(NEW_TEAM_FLAGS.length + OTHER_FLAGS.length);
    expect(NEW_TEAM_FLAGS.filter((f) => f.defaultText === undefined).map((f) => f.flag)).toEqual([
      "name",
      "cost-center",
      "location",
      "data-boundary",
      "github-owner",
      "users",
      "admins",
      "budget",
      "emails",
      "start-month",
      "runner-labels",
    ]);
  });
});

describe("what to do next", () => {
  const kv = "azurekeyvault://kv-state.vault.azure.net/keys/pulumi";

  test("the one Key Vault key the other stacks record, naming them; one or several", () => {
    expect(secretsProviderFor([{ file: "Pulumi.a.yaml", url: kv }])).toEqual({ url: kv, source: "the Key Vault key Pulumi.a.yaml already uses" });
    expect(secretsProviderFor([{ file: "Pulumi.a.yaml", url: kv }, { file: "Pulumi.b.yaml", url: kv }, { file: "Pulumi.c.yaml", url: "passphrase" }])).toEqual({
      url: kv,
      source: "the Key Vault key Pulumi.a.yaml, Pulumi.b.yaml already use",
    });
  });

  test("no Key Vault key, or two different ones: a placeholder and what to fill in", () => {
    const placeholder = {
      url: "azurekeyvault://<vault>.vault.azure.net/keys/<key>",
      source:
        "fill in <vault> and <key>: the Key Vault key that encrypts your team stacks' secrets, the same one the deploy and rotation workflows use (docs/key-rotation.md, setup); without it the stack falls back to a passphrase the workflows cannot open",
    };
    expect(secretsProviderFor([])).toEqual(placeholder);
    expect(secretsProviderFor([{ file: "Pulumi.a.yaml", url: "passphrase" }])).toEqual(placeholder);
    expect(secretsProviderFor([{ file: "Pulumi.a.yaml", url: kv }, { file: "Pulumi.b.yaml", url: `${kv}2` }])).toEqual(placeholder);
    expect(secretsProviderFor([{ file: "Pulumi.a.yaml", url: `x${kv}` }])).toEqual(placeholder);
  });

  test("complete commands for the team, with the secrets provider and where it comes from", () => {
    expect(nextSteps("payments", { url: kv, source: "the Key Vault key Pulumi.a.yaml already uses" })).toBe(
      [
        "Next:",
        "  npm run plan -- --stack payments        # offline check: exit 0, every mandatory control passes",
        "  then open a pull request with Pulumi.payments.yaml: deploy.yml creates the stack with the Key Vault secrets provider,",
        "  previews it on the pull request and deploys it on merge.",
        "Or by hand, logged in to the stacks' backend (pulumi login azblob://<container>?storage_account=<account>):",
        `  pulumi stack init payments --secrets-provider "${kv}"`,
        "      (the Key Vault key Pulumi.a.yaml already uses)",
        "  npm run build && pulumi up --stack payments --policy-pack dist/policies",
        "After the deployment, the developer kit with the deployed names, for the team:",
        "  npm run kit -- --stack payments         # writes kit/payments/; hand it over with docs/developer-guide.md",
        "",
      ].join("\n"),
    );
  });
});
