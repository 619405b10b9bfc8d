/**
 * The API Management policy elements the team gateway policy (lib/gateway/policyXml.ts) may use, with the attributes
 * and child elements Microsoft's policy reference documents for each. A unit test walks the generated XML against
 * this table: an element or attribute that is not here fails it. Add to it only from the reference page, with its
 * address and the day it was read.
 *
 * Read 2026-12-08 from the Markdown sources of learn.microsoft.com (MicrosoftDocs/azure-docs,
 * articles/api-management/<policy>-policy.md) and the rendered pages they become. Attribute lists are the ones in
 * each page's "Policy statement" and "Attributes" tables; only the ones this project could need are listed (an
 * attribute missing here is not necessarily missing in APIM, but it is not allowed in what we generate).
 */

export interface PolicyElementReference {
  /** The reference page (learn.microsoft.com). */
  source: string;
  /** The day the page was read (YYYY-MM-DD). */
  read: string;
  /** The attributes the page documents (the ones this project may set). */
  attributes: readonly string[];
  /** Child elements the page documents; `"*"` marks a container that holds other policy statements. */
  children: readonly string[];
  /** The element may hold text (a value, a body, a claim value). */
  text?: boolean;
}

const LEARN = "https://learn.microsoft.com/azure/api-management";
const READ = "2026-12-08";

/** Every policy statement that may appear inside a section, `<when>` or `<otherwise>`. */
export const POLICY_STATEMENTS = [
  "base",
  "validate-azure-ad-token",
  "llm-token-limit",
  "llm-emit-token-metric",
  "authentication-managed-identity",
  "set-backend-service",
  "forward-request",
  "return-response",
  "set-header",
  "set-variable",
  "set-body",
  "choose",
] as const;

export type PolicyStatement = (typeof POLICY_STATEMENTS)[number];

export const POLICY_REFERENCE: Readonly<Record<string, PolicyElementReference>> = {
  // The document and its sections: "Understanding policy configuration" (policies, inbound, backend, outbound,
  // on-error; base inherits the enclosing scope's policies).
  policies: {
    source: `${LEARN}/api-management-howto-policies`,
    read: READ,
    attributes: [],
    children: ["inbound", "backend", "outbound", "on-error"],
  },
  inbound: { source: `${LEARN}/api-management-howto-policies`, read: READ, attributes: [], children: ["*"] },
  backend: { source: `${LEARN}/api-management-howto-policies`, read: READ, attributes: [], children: ["*"] },
  outbound: { source: `${LEARN}/api-management-howto-policies`, read: READ, attributes: [], children: ["*"] },
  "on-error": { source: `${LEARN}/api-management-howto-policies`, read: READ, attributes: [], children: ["*"] },
  base: { source: `${LEARN}/api-management-howto-policies`, read: READ, attributes: [], children: [] },

  "validate-azure-ad-token": {
    source: `${LEARN}/validate-azure-ad-token-policy`,
    read: READ,
    attributes: [
      "tenant-id",
      "header-name",
      "query-parameter-name",
      "token-value",
      "failed-validation-httpcode",
      "failed-validation-error-message",
      "output-token-variable-name",
    ],
    children: ["client-application-ids", "backend-application-ids", "audiences", "required-claims"],
  },
  "client-application-ids": {
    source: `${LEARN}/validate-azure-ad-token-policy`,
    read: READ,
    attributes: [],
    children: ["application-id"],
  },
  "application-id": {
    source: `${LEARN}/validate-azure-ad-token-policy`,
    read: READ,
    attributes: [],
    children: [],
    text: true,
  },
  audiences: { source: `${LEARN}/validate-azure-ad-token-policy`, read: READ, attributes: [], children: ["audience"] },
  audience: { source: `${LEARN}/validate-azure-ad-token-policy`, read: READ, attributes: [], children: [], text: true },
  "required-claims": {
    source: `${LEARN}/validate-azure-ad-token-policy`,
    read: READ,
    attributes: [],
    children: ["claim"],
  },
  claim: {
    source: `${LEARN}/validate-azure-ad-token-policy`,
    read: READ,
    attributes: ["name", "match", "separator"],
    children: ["value"],
  },

  // token-quota and token-quota-period are attributes of llm-token-limit (not a separate element); the quota answers
  // 403, the rate 429. "The start time of a quota period is calculated using the UTC timestamp truncated to the unit".
  "llm-token-limit": {
    source: `${LEARN}/llm-token-limit-policy`,
    read: READ,
    attributes: [
      "counter-key",
      "tokens-per-minute",
      "token-quota",
      "token-quota-period",
      "estimate-prompt-tokens",
      "retry-after-header-name",
      "retry-after-variable-name",
      "remaining-quota-tokens-header-name",
      "remaining-quota-tokens-variable-name",
      "remaining-tokens-header-name",
      "remaining-tokens-variable-name",
      "tokens-consumed-header-name",
      "tokens-consumed-variable-name",
    ],
    children: [],
  },
  "llm-emit-token-metric": {
    source: `${LEARN}/llm-emit-token-metric-policy`,
    read: READ,
    attributes: ["namespace"],
    children: ["dimension"],
  },
  dimension: {
    source: `${LEARN}/llm-emit-token-metric-policy`,
    read: READ,
    attributes: ["name", "value"],
    children: [],
  },

  "authentication-managed-identity": {
    source: `${LEARN}/authentication-managed-identity-policy`,
    read: READ,
    attributes: ["resource", "client-id", "output-token-variable-name", "ignore-error"],
    children: [],
  },
  "set-backend-service": {
    source: `${LEARN}/set-backend-service-policy`,
    read: READ,
    attributes: ["base-url", "backend-id"],
    children: [],
  },
  // buffer-response="false": "each chunk received from the backend is immediately returned to the caller" (SSE).
  "forward-request": {
    source: `${LEARN}/forward-request-policy`,
    read: READ,
    attributes: ["timeout", "follow-redirects", "buffer-request-body", "buffer-response", "fail-on-error-status-code"],
    children: [],
  },
  "return-response": {
    source: `${LEARN}/return-response-policy`,
    read: READ,
    attributes: ["response-variable-name"],
    children: ["set-status", "set-header", "set-body"],
  },
  "set-status": { source: `${LEARN}/set-status-policy`, read: READ, attributes: ["code", "reason"], children: [] },
  "set-header": {
    source: `${LEARN}/set-header-policy`,
    read: READ,
    attributes: ["name", "exists-action"],
    children: ["value"],
  },
  // <value> is a child of set-header (a header value) and of claim (a claim value); both hold text only.
  value: { source: `${LEARN}/set-header-policy`, read: READ, attributes: [], children: [], text: true },
  "set-variable": { source: `${LEARN}/set-variable-policy`, read: READ, attributes: ["name", "value"], children: [] },
  "set-body": {
    source: `${LEARN}/set-body-policy`,
    read: READ,
    attributes: ["template", "xsi-nil"],
    children: [],
    text: true,
  },
  choose: { source: `${LEARN}/choose-policy`, read: READ, attributes: [], children: ["when", "otherwise"] },
  when: { source: `${LEARN}/choose-policy`, read: READ, attributes: ["condition"], children: ["*"] },
  otherwise: { source: `${LEARN}/choose-policy`, read: READ, attributes: [], children: ["*"] },
};

/** The children an element may hold, with `"*"` expanded to every policy statement. */
export function allowedChildren(element: string): readonly string[] {
  const reference = POLICY_REFERENCE[element];
  if (reference === undefined) return [];
  return reference.children.flatMap((child) => (child === "*" ? [...POLICY_STATEMENTS] : [child]));
}
