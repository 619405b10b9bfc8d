import { parse as parseToml } from "@iarna/toml";
import { describe, expect, test } from "vitest";
import { AZ_TOKEN_ARGS, entraAuthTable } from "../../lib/devkit/entraAuth";
import {
  EGRESS_SETTINGS,
  egressSettingsObject,
  renderEgressRootKeys,
  renderEgressTables,
} from "../../lib/devkit/egressSettings";

// The rendered text (each key under its reason) is reviewed in the kit's snapshots (__snapshots__/keyKit/config.toml).

describe("egress settings", () => {
  test("every setting closes something: off, none or disabled; none is listed twice", () => {
    for (const s of EGRESS_SETTINGS) expect([false, "none", "disabled"], `${s.table}.${s.key}`).toContain(s.value);
    const keys = EGRESS_SETTINGS.map((s) => `${s.table}.${s.key}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test("the update check, web search, analytics, feedback, telemetry export and plugins are among them", () => {
    expect(egressSettingsObject()).toMatchObject({
      check_for_update_on_startup: false,
      web_search: "disabled",
      analytics: { enabled: false },
      feedback: { enabled: false },
      otel: { exporter: "none", trace_exporter: "none", metrics_exporter: "none" },
      features: { plugins: false, apps: false },
    });
  });

  test("as an object: every setting in its table, nothing else", () => {
    const object = egressSettingsObject() as Record<string, Record<string, unknown>>;
    for (const s of EGRESS_SETTINGS) expect(s.table === "" ? object[s.key] : object[s.table]?.[s.key]).toBe(s.value);
    const count = Object.values(object).reduce((n, v) => n + (typeof v === "object" ? Object.keys(v).length : 1), 0);
    expect(count).toBe(EGRESS_SETTINGS.length);
  });

  test("rendered root keys and tables parse back to the same settings", () => {
    expect(parseToml(`${renderEgressRootKeys()}\n${renderEgressTables()}`)).toEqual(egressSettingsObject());
  });

  test("root keys render before any table; the tables once each, in order, separated by a blank line", () => {
    expect(renderEgressRootKeys()).not.toMatch(/^\[/m);
    const text = renderEgressTables();
    expect(text.split("\n").filter((l) => l.startsWith("["))).toEqual([
      "[analytics]",
      "[feedback]",
      "[otel]",
      "[features]",
    ]);
    expect(text).not.toContain("check_for_update_on_startup");
    expect(text).toMatch(/= false\n\n\[feedback\]\n/);
  });

  test("each key sits right under the comment giving its reason", () => {
    const text = `${renderEgressRootKeys()}\n${renderEgressTables()}`;
    for (const s of EGRESS_SETTINGS) expect(text).toContain(`# ${s.why}\n${s.key} = `);
  });
});

describe("entra auth table", () => {
  test("Codex runs az for a Cognitive Services token, printed alone, and waits 15 s for it", () => {
    expect(entraAuthTable()).toEqual({
      command: "az",
      args: [
        "account",
        "get-access-token",
        "--resource",
        "https://cognitiveservices.azure.com",
        "--query",
        "accessToken",
        "-o",
        "tsv",
      ],
      timeout_ms: 15000,
    });
  });

  test("each call returns a fresh args array (a caller's change does not leak into the constant)", () => {
    const table = entraAuthTable();
    table.args.push("--debug");
    expect(entraAuthTable().args).toEqual([...AZ_TOKEN_ARGS]);
  });
});
