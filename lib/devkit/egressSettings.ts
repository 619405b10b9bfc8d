/**
 * Settings that keep Codex (CLI 0.169) from calling anything but the team's endpoint. They go into config.toml AND
 * every profile file, so a profile layered over some other config.toml still closes them.
 *
 * What was seen (a local proxy recording every CONNECT and plain HTTP request, test/devkit/codexEgress.e2e.test.ts):
 * without these, one `codex exec` opens ab.chatgpt.com, chatgpt.com, api.github.com and github.com; the TUI also
 * api.github.com for its update check. With them, only the team endpoint. Settings marked "not observed" closed
 * nothing in those runs: they are off so that a feature Codex enables by default cannot start talking later.
 */
export interface EgressSetting {
  /** TOML table ("" for the root). */
  table: "" | "analytics" | "feedback" | "otel" | "features";
  key: string;
  value: boolean | string;
  why: string;
}

export const EGRESS_SETTINGS: readonly EgressSetting[] = [
  {
    table: "",
    key: "check_for_update_on_startup",
    value: false,
    why: "the TUI asks api.github.com for the latest release on every start (observed)",
  },
  {
    table: "",
    key: "web_search",
    value: "disabled",
    why: "no hosted web search tool: prompts and results stay with the team's deployment",
  },
  {
    table: "analytics",
    key: "enabled",
    value: false,
    why: "usage metrics to ab.chatgpt.com, about 570 KB per `codex exec` (observed)",
  },
  { table: "feedback", key: "enabled", value: false, why: "/feedback uploads logs and the session to OpenAI" },
  { table: "otel", key: "exporter", value: "none", why: "no OpenTelemetry log export" },
  { table: "otel", key: "trace_exporter", value: "none", why: "no OpenTelemetry trace export" },
  {
    table: "otel",
    key: "metrics_exporter",
    value: "none",
    why: "no metrics export (Codex has a built-in exporter to OpenAI's Statsig)",
  },
  {
    table: "features",
    key: "plugins",
    value: false,
    why: "plugin catalog from chatgpt.com and a clone of github.com/openai/plugins (api.github.com, github.com) at start (observed)",
  },
  {
    table: "features",
    key: "apps",
    value: false,
    why: "ChatGPT apps and connectors, served from chatgpt.com (not observed: off by choice)",
  },
  {
    table: "features",
    key: "remote_plugin",
    value: false,
    why: "plugins fetched from a remote catalog (not observed: off by choice)",
  },
  {
    table: "features",
    key: "plugin_sharing",
    value: false,
    why: "sharing plugins through OpenAI (not observed: off by choice)",
  },
  {
    table: "features",
    key: "tool_suggest",
    value: false,
    why: "suggests connectors and plugins from OpenAI's catalog (not observed: off by choice)",
  },
  {
    table: "features",
    key: "skill_mcp_dependency_install",
    value: false,
    why: "installs MCP servers a skill asks for, from the internet (not observed: off by choice)",
  },
  {
    table: "features",
    key: "browser_use",
    value: false,
    why: "a browser tool that opens any web site, outside the sandbox (not observed: off by choice)",
  },
  {
    table: "features",
    key: "browser_use_external",
    value: false,
    why: "the same with an external browser (not observed: off by choice)",
  },
  {
    table: "features",
    key: "in_app_browser",
    value: false,
    why: "the same inside Codex (not observed: off by choice)",
  },
  {
    table: "features",
    key: "computer_use",
    value: false,
    why: "a tool that drives the desktop, browser included (not observed: off by choice)",
  },
  {
    table: "features",
    key: "daemon_auto_start",
    value: false,
    why: "the TUI would start a background server (launched with analytics on by default) that keeps running after you quit; off, Codex is one process that ends with the session",
  },
];

function tomlValue(value: boolean | string): string {
  // Stryker disable next-line ConditionalExpression: the other values are booleans, and JSON.stringify(false) is String(false)
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function lines(settings: readonly EgressSetting[]): string[] {
  return settings.flatMap((s) => [`# ${s.why}`, `${s.key} = ${tomlValue(s.value)}`]);
}

/** Root keys: TOML needs them before any table, so they go above the rest of the document. */
export function renderEgressRootKeys(): string {
  return [
    "# Nothing leaves the boundary: the next settings, and the [analytics], [feedback], [otel] and [features] tables at the",
    "# end, each stop a call to a host other than the team's endpoint (codex-boundary, docs/security-review.md).",
    ...lines(EGRESS_SETTINGS.filter((s) => s.table === "")),
    "",
  ].join("\n");
}

/** The [analytics], [feedback], [otel] and [features] tables, appended after the document's own tables. */
export function renderEgressTables(): string {
  const tables = [...new Set(EGRESS_SETTINGS.map((s) => s.table).filter((t) => t !== ""))];
  return tables
    .map((table) => [`[${table}]`, ...lines(EGRESS_SETTINGS.filter((s) => s.table === table)), ""].join("\n"))
    .join("\n");
}

/** The settings as a plain object (for tests and for anyone checking a file's content). */
export function egressSettingsObject(): Record<string, unknown> {
  const result: Record<string, Record<string, unknown> | unknown> = {};
  for (const s of EGRESS_SETTINGS) {
    if (s.table === "") result[s.key] = s.value;
    else result[s.table] = { ...((result[s.table] as Record<string, unknown> | undefined) ?? {}), [s.key]: s.value };
  }
  return result;
}
