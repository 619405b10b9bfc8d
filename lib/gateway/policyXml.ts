/**
 * The API Management policy of a team's API on the gateway, generated from the team's `gateway` config: pure and
 * deterministic (same input, same text). Only elements and attributes of lib/gateway/policyReference.ts appear in it
 * (a unit test walks the output against that table). What APIM does with it is unchecked offline: docs/gateway.md.
 */
import { COGNITIVE_SERVICES_RESOURCE } from "../devkit/entraAuth";

/** The Azure CLI's well-known client (application) ID: the `appid` of the tokens `az account get-access-token` gets. */
export const AZURE_CLI_APP_ID = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";
/** The metric namespace llm-emit-token-metric writes to in Application Insights. */
export const TOKEN_METRIC_NAMESPACE = "codex-boundary";

export interface TeamPolicyInput {
  team: string;
  /** The Entra tenant GUID the tokens must come from. */
  tenantId: string;
  /** The name of the APIM Backend for the team's account. */
  backendId: string;
  /** Entra group object IDs whose members may call (the team's Codex users): any one of them. */
  userGroupIds: readonly string[];
  /** The client ID of the team's CI identity (a managed identity, no group claim): also admitted, when set. */
  ciClientId?: string;
  tokensPerMinutePerUser: number;
  tokensPerMinute: number;
  monthlyTokens: number;
  /** Deployment names a request may name as its model; anything else is refused before the backend. */
  allowedModels: readonly string[];
  suspended: boolean;
  suspendedReason: string;
}

type PolicyNode = {
  name: string;
  attributes?: ReadonlyArray<readonly [string, string]>;
  children?: PolicyNode[];
  text?: string;
};

function el(name: string, attributes: Record<string, string> = {}, children: PolicyNode[] = []): PolicyNode {
  return { name, attributes: Object.entries(attributes), children };
}

function textEl(name: string, text: string, attributes: Record<string, string> = {}): PolicyNode {
  return { name, attributes: Object.entries(attributes), text };
}

function escapeAttribute(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\n/g, "&#10;");
}

function escapeText(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function serialize(node: PolicyNode, depth: number): string {
  const pad = "  ".repeat(depth);
  const attributes = (node.attributes ?? []).map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`).join("");
  if (node.text !== undefined) return `${pad}<${node.name}${attributes}>${escapeText(node.text)}</${node.name}>`;
  const children = node.children ?? [];
  if (children.length === 0) return `${pad}<${node.name}${attributes} />`;
  return [
    `${pad}<${node.name}${attributes}>`,
    ...children.map((c) => serialize(c, depth + 1)),
    `${pad}</${node.name}>`,
  ].join("\n");
}

/** A C# string literal for a policy expression. Inputs are validated names and GUIDs; this still escapes. */
function cs(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** A JSON error body in the OpenAI error shape, built by a policy expression (so runtime values can go in). */
function errorBody(code: string, messageExpression: string): string {
  return `@(new JObject(new JProperty("error", new JObject(new JProperty("code", ${cs(code)}), new JProperty("message", ${messageExpression})))).ToString())`;
}

/** return-response with a status, a JSON body and optional extra headers. */
function refuse(
  status: number,
  reason: string,
  code: string,
  messageExpression: string,
  headers: PolicyNode[] = [],
): PolicyNode {
  return el("return-response", {}, [
    el("set-status", { code: String(status), reason }),
    el("set-header", { name: "Content-Type", "exists-action": "override" }, [textEl("value", "application/json")]),
    ...headers,
    textEl("set-body", errorBody(code, messageExpression)),
  ]);
}

const JWT = 'context.Variables.GetValueOrDefault<Jwt>("jwt")';
const CLAIM = (name: string) => `${JWT}.Claims.GetValueOrDefault(${cs(name)}, "")`;
/** The caller's object ID: the per-user counter key and the metric's user dimension. */
export const USER_EXPRESSION = `@(${CLAIM("oid")})`;

function membershipCheck(input: TeamPolicyInput): PolicyNode {
  const groups = `new [] { ${input.userGroupIds.map(cs).join(", ")} }`;
  const member = `${groups}.Any(g => ${CLAIM("groups")}.Split(',').Contains(g))`;
  const ci =
    input.ciClientId === undefined
      ? ""
      : ` || ${CLAIM("appid")} == ${cs(input.ciClientId)} || ${CLAIM("azp")} == ${cs(input.ciClientId)}`;
  return el("choose", {}, [
    el("when", { condition: `@(!(${member}${ci}))` }, [
      refuse(
        403,
        "Forbidden",
        "NotTeamMember",
        cs(`The signed-in identity is not a member of team ${input.team}'s Codex users group.`),
      ),
    ]),
  ]);
}

function killSwitch(input: TeamPolicyInput): PolicyNode[] {
  if (!input.suspended) return [];
  return [
    refuse(
      403,
      "Forbidden",
      "TeamSuspended",
      cs(`Codex access for team ${input.team} is suspended by the platform team: ${input.suspendedReason}`),
    ),
  ];
}

const MODEL = 'context.Variables.GetValueOrDefault<string>("requestedModel", "")';

function modelCheck(input: TeamPolicyInput): PolicyNode[] {
  const allowed = `new [] { ${input.allowedModels.map(cs).join(", ")} }`;
  return [
    el("set-variable", {
      name: "requestedModel",
      value:
        '@(context.Request.Method == "POST" && context.Request.Body != null ? ((string)context.Request.Body.As<JObject>(preserveContent: true)["model"] ?? "") : "")',
    }),
    el("choose", {}, [
      el("when", { condition: `@(context.Request.Method == "POST" && !${allowed}.Contains(${MODEL}))` }, [
        refuse(
          403,
          "Forbidden",
          "ModelNotAllowed",
          `"Model '" + ${MODEL} + "' is not allowed for team ${input.team}. Allowed: ${input.allowedModels.join(", ")}."`,
        ),
      ]),
    ]),
  ];
}

function limits(input: TeamPolicyInput): PolicyNode[] {
  return [
    // Per developer (their Entra object ID), then per team: 429 with Retry-After.
    el("llm-token-limit", {
      "counter-key": `@("${input.team}:user:" + ${CLAIM("oid")})`,
      "tokens-per-minute": String(input.tokensPerMinutePerUser),
      "estimate-prompt-tokens": "true",
      "remaining-tokens-header-name": "x-codex-boundary-user-tokens-remaining",
    }),
    el("llm-token-limit", {
      "counter-key": `${input.team}:team`,
      "tokens-per-minute": String(input.tokensPerMinute),
      "estimate-prompt-tokens": "true",
      "remaining-tokens-header-name": "x-codex-boundary-team-tokens-remaining",
    }),
    // The team's month (UTC calendar month: "the UTC timestamp truncated to the unit"): 403.
    el("llm-token-limit", {
      "counter-key": `${input.team}:month`,
      "token-quota": String(input.monthlyTokens),
      "token-quota-period": "Monthly",
      "estimate-prompt-tokens": "true",
      "retry-after-variable-name": "quotaRetryAfter",
      "remaining-quota-tokens-variable-name": "quotaRemaining",
      "remaining-quota-tokens-header-name": "x-codex-boundary-month-tokens-remaining",
    }),
  ];
}

/** The 403 of the monthly quota, rewritten to say which limit and when it resets (on-error). */
function quotaMessage(input: TeamPolicyInput): PolicyNode {
  const nextMonth =
    'new DateTime(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1).ToString("yyyy-MM-dd")';
  return el("choose", {}, [
    el(
      "when",
      {
        condition:
          '@(context.LastError != null && context.LastError.Source == "llm-token-limit" && context.Response.StatusCode == 403)',
      },
      [
        refuse(
          403,
          "Forbidden",
          "MonthlyTokenQuotaExceeded",
          `"Team ${input.team} has used its monthly token quota (${input.monthlyTokens} tokens). It resets at " + ${nextMonth} + "T00:00:00Z (UTC)."`,
          // No Retry-After: Codex 0.169 waits that long on a 403 and retries (docs/gateway.md, "What a developer sees").
          [el("set-header", { name: "Retry-After", "exists-action": "delete" })],
        ),
      ],
    ),
  ]);
}

/** The API-scope policy document of the team's API on the gateway. */
export function renderTeamPolicy(input: TeamPolicyInput): string {
  if (input.userGroupIds.length === 0) throw new Error("renderTeamPolicy: userGroupIds must name at least one group");
  if (input.allowedModels.length === 0) throw new Error("renderTeamPolicy: allowedModels must name at least one model");
  const clientIds = [AZURE_CLI_APP_ID, ...(input.ciClientId === undefined ? [] : [input.ciClientId])];
  const inbound = el("inbound", {}, [
    el("base"),
    el(
      "validate-azure-ad-token",
      {
        "tenant-id": input.tenantId,
        "header-name": "Authorization",
        "failed-validation-httpcode": "401",
        "failed-validation-error-message": `An Entra ID token of tenant ${input.tenantId} for ${COGNITIVE_SERVICES_RESOURCE} is required (az login --tenant ${input.tenantId}).`,
        "output-token-variable-name": "jwt",
      },
      [
        el(
          "client-application-ids",
          {},
          clientIds.map((id) => textEl("application-id", id)),
        ),
        el("audiences", {}, [textEl("audience", COGNITIVE_SERVICES_RESOURCE)]),
      ],
    ),
    membershipCheck(input),
    ...killSwitch(input),
    ...modelCheck(input),
    ...limits(input),
    el("llm-emit-token-metric", { namespace: TOKEN_METRIC_NAMESPACE }, [
      el("dimension", { name: "team", value: input.team }),
      el("dimension", { name: "user", value: USER_EXPRESSION }),
      el("dimension", { name: "model", value: `@(${MODEL})` }),
    ]),
    el("set-backend-service", { "backend-id": input.backendId }),
    el("authentication-managed-identity", { resource: COGNITIVE_SERVICES_RESOURCE }),
  ]);
  const document = el("policies", {}, [
    inbound,
    el("backend", {}, [el("forward-request", { "buffer-response": "false" })]),
    el("outbound", {}, [el("base")]),
    el("on-error", {}, [el("base"), quotaMessage(input)]),
  ]);
  return `${serialize(document, 0)}\n`;
}
