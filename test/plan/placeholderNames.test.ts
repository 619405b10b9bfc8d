import { describe, expect, test } from "vitest";
import { PLAN_FOLDER, PLAN_FOLDER_MARKER } from "../../lib/plan/folders";
import {
  markPlaceholders,
  markPlanDocument,
  placeholderFor,
  placeholderNames,
  placeholderNotice,
  PREVIEW_NOTICE_FILE,
  previewFiles,
} from "../../lib/plan/placeholders";
import type { PlanDocument } from "../../lib/plan/render";
import type { CapturedRun } from "../../lib/plan/types";

const run: CapturedRun = {
  project: "p",
  stack: "dev",
  resources: [
    {
      urn: "urn:suffix",
      type: "random:index/randomString:RandomString",
      name: "unique-suffix",
      parent: null,
      dependsOn: [],
      custom: true,
      inputs: {},
      aliases: [],
      standIn: "ab.c",
    },
    {
      urn: "urn:empty",
      type: "random:index/randomString:RandomString",
      name: "empty",
      parent: null,
      dependsOn: [],
      custom: true,
      inputs: {},
      aliases: [],
      standIn: "",
    },
    { urn: "urn:none", type: "t", name: "none", parent: null, dependsOn: [], custom: true, inputs: {}, aliases: [] },
  ],
  outputs: {},
};
const noStandIns: CapturedRun = { ...run, resources: run.resources.slice(1) };

describe("placeholder names", () => {
  test("known answers: the placeholder text, the notice file and the plan folder marker", () => {
    expect(placeholderFor("unique-suffix")).toBe("<unique-suffix-after-pulumi-up>");
    expect(PREVIEW_NOTICE_FILE).toBe("PREVIEW-NOT-THE-KIT.txt");
    expect(PLAN_FOLDER).toEqual({ marker: ".codex-boundary-plan", command: "npm run plan" });
    expect(PLAN_FOLDER_MARKER).toBe(".codex-boundary-plan");
  });

  test("only resources with a non-empty stand-in are placeholders", () => {
    expect(placeholderNames(run)).toEqual([{ urn: "urn:suffix", placeholder: "<unique-suffix-after-pulumi-up>" }]);
    expect(placeholderNames(noStandIns)).toEqual([]);
  });

  test("the stand-in is replaced as a whole word, literally (a dot is not a wildcard), in keys, strings and arrays at any depth", () => {
    const value = {
      "kv-ab.c": ["https://aif-ab.c.openai.azure.com", "abxc", "xab.c", "ab.cx", "ab.c-1"],
      n: 3,
      z: null,
      t: true,
    };
    expect(markPlaceholders(run, value)).toEqual({
      "kv-<unique-suffix-after-pulumi-up>": [
        "https://aif-<unique-suffix-after-pulumi-up>.openai.azure.com",
        "abxc",
        "xab.c",
        "ab.cx",
        "<unique-suffix-after-pulumi-up>-1",
      ],
      n: 3,
      z: null,
      t: true,
    });
  });

  test("every occurrence is replaced; with no stand-ins the value is returned as it is", () => {
    expect(markPlaceholders(run, "ab.c ab.c")).toBe("<unique-suffix-after-pulumi-up> <unique-suffix-after-pulumi-up>");
    const same = { a: "ab.c" };
    expect(markPlaceholders(noStandIns, same)).toBe(same);
  });

  test("the marked plan document lists its placeholder names", () => {
    const doc: PlanDocument = { project: "p", stack: "dev", resources: [], outputs: { host: "h-ab.c" }, policies: [] };
    expect(markPlanDocument(run, doc)).toEqual({
      ...doc,
      outputs: { host: "h-<unique-suffix-after-pulumi-up>" },
      placeholderNames: [{ urn: "urn:suffix", placeholder: "<unique-suffix-after-pulumi-up>" }],
    });
  });

  test("the notice names the placeholders (stands / stand), the preview folder and the kit command", () => {
    expect(placeholderNotice("dev", [])).toEqual([]);
    expect(placeholderNotice("dev", [{ urn: "u", placeholder: "<a>" }])).toEqual([
      "Placeholder names: <a> stands for what `pulumi up` draws at random",
      "(the unique suffix of the account subdomain, the Codex base URL and the Key Vault name); the offline plan cannot",
      "know it. The developer files the plan writes (under <out>/dev/) are a preview to review, not the kit to hand",
      "over: they name no real host or vault. After `pulumi up`, write the real kit from the stack outputs:",
      "  npm run kit -- --stack dev",
    ]);
    expect(
      placeholderNotice("dev", [
        { urn: "u", placeholder: "<a>" },
        { urn: "v", placeholder: "<b>" },
      ])[0],
    ).toBe("Placeholder names: <a>, <b> stand for what `pulumi up` draws at random");
  });

  test("preview files: placeholders in place plus the notice file; unchanged without placeholders or when not a file map", () => {
    const files = { "env.sh": "export HOST=ab.c\n" };
    expect(previewFiles(run, files)).toEqual({
      "env.sh": "export HOST=<unique-suffix-after-pulumi-up>\n",
      [PREVIEW_NOTICE_FILE]: `${placeholderNotice("dev", placeholderNames(run)).join("\n")}\n`,
    });
    expect(previewFiles(noStandIns, files)).toBe(files);
    expect(previewFiles(run, null)).toBeNull();
    expect(previewFiles(run, "ab.c")).toBe("ab.c");
    const list = ["ab.c"];
    expect(previewFiles(run, list)).toBe(list);
  });
});
