import { describe, expect, test } from "vitest";
import { renderEgressRootKeys, renderEgressTables } from "../../lib/devkit/egressSettings";

// Known answers written out: the exact lines every config.toml and profile file of the developer kit carries to stop
// Codex calling hosts other than the team's endpoint, each with the comment a reader sees saying why.

describe("the egress settings a developer's config.toml carries, as its reader sees them", () => {
  test("the root keys, above every table, each under the comment saying which call it stops", () => {
    expect(renderEgressRootKeys()).toBe(
      [
        "# Nothing leaves the boundary: the next settings, and the [analytics], [feedback], [otel] and [features] tables at the",
        "# end, each stop a call to a host other than the team's endpoint (codex-boundary, docs/security-review.md).",
        "# the TUI asks api.github.com for the latest release on every start (observed)",
        "check_for_update_on_startup = false",
        "# no hosted web search tool: prompts and results stay with the team's deployment",
        'web_search = "disabled"',
        "",
      ].join("\n"),
    );
  });

  test("the [analytics], [feedback], [otel] and [features] tables, each key under its reason", () => {
    expect(renderEgressTables()).toBe(
      [
        "[analytics]",
        "# usage metrics to ab.chatgpt.com, about 570 KB per `codex exec` (observed)",
        "enabled = false",
        "",
        "[feedback]",
        "# /feedback uploads logs and the session to OpenAI",
        "enabled = false",
        "",
        "[otel]",
        "# no OpenTelemetry log export",
        'exporter = "none"',
        "# no OpenTelemetry trace export",
        'trace_exporter = "none"',
        "# no metrics export (Codex has a built-in exporter to OpenAI's Statsig)",
        'metrics_exporter = "none"',
        "",
        "[features]",
        "# plugin catalog from chatgpt.com and a clone of github.com/openai/plugins (api.github.com, github.com) at start (observed)",
        "plugins = false",
        "# ChatGPT apps and connectors, served from chatgpt.com (not observed: off by choice)",
        "apps = false",
        "# plugins fetched from a remote catalog (not observed: off by choice)",
        "remote_plugin = false",
        "# sharing plugins through OpenAI (not observed: off by choice)",
        "plugin_sharing = false",
        "# suggests connectors and plugins from OpenAI's catalog (not observed: off by choice)",
        "tool_suggest = false",
        "# installs MCP servers a skill asks for, from the internet (not observed: off by choice)",
        "skill_mcp_dependency_install = false",
        "# a browser tool that opens any web site, outside the sandbox (not observed: off by choice)",
        "browser_use = false",
        "# the same with an external browser (not observed: off by choice)",
        "browser_use_external = false",
        "# the same inside Codex (not observed: off by choice)",
        "in_app_browser = false",
        "# a tool that drives the desktop, browser included (not observed: off by choice)",
        "computer_use = false",
        "# the TUI would start a background server (launched with analytics on by default) that keeps running after you quit; off, Codex is one process that ends with the session",
        "daemon_auto_start = false",
        "",
      ].join("\n"),
    );
  });
});
