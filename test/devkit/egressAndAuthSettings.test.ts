import { parse as parseToml } from "@iarna/toml";
import { describe, expect, test } from "vitest";
import { AZ_COMMAND, AZ_TIMEOUT_MS, AZ_TOKEN_ARGS, COGNITIVE_SERVICES_RESOURCE, entraAuthTable } from "../../lib/devkit/entraAuth";
import { EGRESS_SETTINGS, egressSettingsObject, renderEgressRootKeys, renderEgressTables } from "../../lib/devkit/egressSettings";

/** Every setting that keeps Codex from calling a host other than the team's endpoint (known answers). */
const EXPECTED_EGRESS = {
  check_for_update_on_startup: false,
  web_search: "disabled",
  analytics: { enabled: false },
  feedback: { enabled: false },
  otel: { exporter: "none", trace_exporter: "none", metrics_exporter: "none" },
  features: {
    plugins: false,
    apps: false,
    remote_plugin: false,
    plugin_sharing: false,
    tool_suggest: false,
    skill_mcp_dependency_install: false,
    browser_use: false,
    browser_use_external: false,
    in_app_browser: false,
    computer_use: false,
    daemon_auto_start: false,
  },
};

describe("egress settings", () => {
  test("as an object: every egress-closing setting, each in its table", () => {
    expect(egressSettingsObject()).toEqual(EXPECTED_EGRESS);
  });

  test("rendered root keys and tables parse back to the same settings", () => {
    expect(parseToml(`${renderEgressRootKeys()}\n${renderEgressTables()}`)).toEqual(EXPECTED_EGRESS);
  });

  test("the root keys: an introduction, then each key under the comment saying why, strings quoted", () => {
    expect(renderEgressRootKeys().split("\n")).toEqual([
      "# Nothing leaves the boundary: the next settings, and the [analytics], [feedback], [otel] and [features] tables at the",
      "# end, each stop a call to a host other than the team's endpoint (codex-boundary, docs/security-review.md).",
      "# the TUI asks api.github.com for the latest release on every start (observed)",
      "check_for_update_on_startup = false",
      "# no hosted web search tool: prompts and results stay with the team's deployment",
      'web_search = "disabled"',
      "",
    ]);
  });

  test("the tables: each once, in order, separated by a blank line, each key under its reason", () => {
    const text = renderEgressTables();
    expect(text.split("\n").filter((l) => l.startsWith("["))).toEqual(["[analytics]", "[feedback]", "[otel]", "[features]"]);
    expect(text.startsWith("[analytics]\n# usage metrics to ab.chatgpt.com, about 570 KB per `codex exec` (observed)\nenabled = false\n\n[feedback]\n")).toBe(true);
    expect(text).toContain('[otel]\n# no OpenTelemetry log export\nexporter = "none"\n');
    expect(text).not.toContain("check_for_update_on_startup");
    for (const s of EGRESS_SETTINGS.filter((e) => e.table !== "")) expect(text).toContain(`# ${s.why}\n${s.key} = `);
  });
});

describe("entra auth table", () => {
  test("Codex runs az for a Cognitive Services token, printed alone, and waits 15 s for it", () => {
    expect(entraAuthTable()).toEqual({
      command: "az",
      args: ["account", "get-access-token", "--resource", "https://cognitiveservices.azure.com", "--query", "accessToken", "-o", "tsv"],
      timeout_ms: 15000,
    });
    expect([AZ_COMMAND, COGNITIVE_SERVICES_RESOURCE, AZ_TIMEOUT_MS]).toEqual(["az", "https://cognitiveservices.azure.com", 15000]);
  });

  test("each call returns a fresh args array (a caller's change does not leak into the constant)", () => {
    const table = entraAuthTable();
    table.args.push("--debug");
    expect(entraAuthTable().args).toEqual([...AZ_TOKEN_ARGS]);
    expect(AZ_TOKEN_ARGS).toHaveLength(8);
  });
});
