import { COGNITIVE_SERVICES_RESOURCE } from "../../lib/devkit/entraAuth";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, test } from "vitest";
import { allowedChildren, POLICY_REFERENCE, POLICY_STATEMENTS } from "../../lib/gateway/policyReference";
import { AZURE_CLI_APP_ID, renderTeamPolicy, type TeamPolicyInput } from "../../lib/gateway/policyXml";

/** The dev team (Pulumi.dev.yaml's team, groups and deployments) with the gateway settings of docs/gateway.md. */
const DEV: TeamPolicyInput = {
  team: "dev",
  tenantId: "00000000-0000-4000-8000-00000000aaaa",
  backendId: "team-dev",
  userGroupIds: ["3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b"],
  ciClientId: "11111111-2222-4333-8444-555555555555",
  tokensPerMinutePerUser: 20000,
  tokensPerMinute: 100000,
  monthlyTokens: 50000000,
  allowedModels: ["gpt-5.5"],
  suspended: false,
  suspendedReason: "",
};

interface Element {
  name: string;
  attributes: Record<string, string>;
  children: Element[];
  text: string;
}

/** The document as a tree of elements (order kept, attribute values unescaped, text joined). */
function parse(xml: string): Element {
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: "",
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: true,
    processEntities: true,
  });
  const toElement = (node: Record<string, unknown>): Element | undefined => {
    const name = Object.keys(node).find((k) => k !== ":@");
    if (name === undefined || name === "#text") return undefined;
    const body = node[name] as Array<Record<string, unknown>>;
    return {
      name,
      attributes: (node[":@"] ?? {}) as Record<string, string>,
      children: body.map(toElement).filter((e): e is Element => e !== undefined),
      text: body
        .filter((n) => "#text" in n)
        .map((n) => String(n["#text"]))
        .join(""),
    };
  };
  const roots = (parser.parse(xml) as Array<Record<string, unknown>>)
    .map(toElement)
    .filter((e): e is Element => e !== undefined);
  expect(roots).toHaveLength(1);
  return roots[0] as Element;
}

function all(root: Element): Element[] {
  return [root, ...root.children.flatMap(all)];
}

function byName(root: Element, name: string): Element[] {
  return all(root).filter((e) => e.name === name);
}

function section(root: Element, name: string): Element {
  const found = root.children.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no <${name}>`);
  return found;
}

/** Every place the reference does not allow: unknown elements, attributes, children, text. */
function outsideReference(root: Element): string[] {
  const problems: string[] = [];
  const walk = (e: Element, path: string) => {
    const here = `${path}/${e.name}`;
    const reference = POLICY_REFERENCE[e.name];
    if (reference === undefined) {
      problems.push(`${here}: element not in the reference`);
      return;
    }
    for (const attribute of Object.keys(e.attributes))
      if (!reference.attributes.includes(attribute))
        problems.push(`${here}: attribute ${attribute} not in the reference`);
    for (const child of e.children)
      if (!allowedChildren(e.name).includes(child.name)) problems.push(`${here}: child <${child.name}> not allowed`);
    if (e.text !== "" && reference.text !== true) problems.push(`${here}: text not allowed`);
    for (const child of e.children) walk(child, here);
  };
  walk(root, "");
  return problems;
}

describe("renderTeamPolicy: the team's API policy on the gateway", () => {
  const xml = renderTeamPolicy(DEV);
  const doc = parse(xml);

  test("is well-formed XML (fast-xml-parser's XMLValidator)", () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(XMLValidator.validate(renderTeamPolicy({ ...DEV, suspended: true, suspendedReason: 'a <b> & "c"' }))).toBe(
      true,
    );
  });

  test("uses only elements, attributes and children of the committed policy reference", () => {
    expect(outsideReference(doc)).toEqual([]);
    const suspended = parse(renderTeamPolicy({ ...DEV, suspended: true, suspendedReason: "incident 42" }));
    expect(outsideReference(suspended)).toEqual([]);
  });

  test("the walk would notice an element or attribute outside the reference", () => {
    const bad = parse('<policies><inbound><log-to-eventhub logger-id="x" /><base foo="1" /></inbound></policies>');
    expect(outsideReference(bad)).toEqual([
      "/policies/inbound: child <log-to-eventhub> not allowed",
      "/policies/inbound/log-to-eventhub: element not in the reference",
      "/policies/inbound/base: attribute foo not in the reference",
    ]);
  });

  test("every table entry names its Microsoft source page and the day it was read", () => {
    for (const [name, reference] of Object.entries(POLICY_REFERENCE)) {
      expect(reference.source, name).toMatch(/^https:\/\/learn\.microsoft\.com\/azure\/api-management\/[a-z-]+$/);
      expect(reference.read, name).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    for (const statement of POLICY_STATEMENTS) expect(POLICY_REFERENCE[statement], statement).toBeDefined();
  });

  test("the sections: policies > inbound, backend, outbound, on-error", () => {
    expect(doc.name).toBe("policies");
    expect(doc.children.map((c) => c.name)).toEqual(["inbound", "backend", "outbound", "on-error"]);
  });

  test("validates the Entra token: the tenant, the Cognitive Services audience, the Azure CLI and the CI identity as clients", () => {
    const [validate, ...more] = byName(doc, "validate-azure-ad-token");
    expect(more).toEqual([]);
    expect(validate?.attributes["tenant-id"]).toBe(DEV.tenantId);
    expect(validate?.attributes["failed-validation-httpcode"]).toBe("401");
    expect(byName(validate as Element, "audience").map((a) => a.text)).toEqual([COGNITIVE_SERVICES_RESOURCE]);
    expect(byName(validate as Element, "application-id").map((a) => a.text)).toEqual([
      AZURE_CLI_APP_ID,
      DEV.ciClientId,
    ]);
    // Before anything else of the team's: the second statement of inbound, after <base />.
    expect(
      section(doc, "inbound")
        .children.map((c) => c.name)
        .slice(0, 3),
    ).toEqual(["base", "validate-azure-ad-token", "choose"]);
  });

  test("admits members of the team's groups (the groups claim) and the CI identity (appid/azp), else 403", () => {
    const membership = section(doc, "inbound").children[2] as Element;
    const condition = membership.children[0]?.attributes.condition ?? "";
    expect(condition).toContain(`"${DEV.userGroupIds[0]}"`);
    expect(condition).toContain('GetValueOrDefault("groups", "")');
    expect(condition).toContain(`GetValueOrDefault("appid", "") == "${DEV.ciClientId}"`);
    expect(byName(membership, "set-status")[0]?.attributes.code).toBe("403");
    const noCi = parse(renderTeamPolicy({ ...DEV, ciClientId: undefined }));
    expect(byName(noCi, "application-id").map((a) => a.text)).toEqual([AZURE_CLI_APP_ID]);
    expect(JSON.stringify(noCi)).not.toContain("appid");
  });

  test("each limit with the configured numbers: per user and per team tokens per minute, the monthly quota", () => {
    const limits = byName(doc, "llm-token-limit");
    expect(limits.map((l) => l.attributes)).toEqual([
      expect.objectContaining({
        "counter-key":
          '@("dev:user:" + context.Variables.GetValueOrDefault<Jwt>("jwt").Claims.GetValueOrDefault("oid", ""))',
        "tokens-per-minute": "20000",
      }),
      expect.objectContaining({ "counter-key": "dev:team", "tokens-per-minute": "100000" }),
      expect.objectContaining({
        "counter-key": "dev:month",
        "token-quota": "50000000",
        "token-quota-period": "Monthly",
      }),
    ]);
    expect(limits[2]?.attributes["tokens-per-minute"]).toBeUndefined();
    const other = byName(
      parse(renderTeamPolicy({ ...DEV, tokensPerMinutePerUser: 7, tokensPerMinute: 70, monthlyTokens: 700 })),
      "llm-token-limit",
    );
    expect(other.map((l) => l.attributes["tokens-per-minute"] ?? l.attributes["token-quota"])).toEqual([
      "7",
      "70",
      "700",
    ]);
  });

  test("the quota's 403 says which limit and when it resets (on-error), without Retry-After (Codex would wait that long)", () => {
    const onError = section(doc, "on-error");
    const body = byName(onError, "set-body")[0]?.text ?? "";
    expect(body).toContain("MonthlyTokenQuotaExceeded");
    expect(body).toContain("monthly token quota (50000000 tokens)");
    expect(body).toContain("AddMonths(1)");
    expect(
      byName(onError, "set-header").find((h) => h.attributes.name === "Retry-After")?.attributes["exists-action"],
    ).toBe("delete");
  });

  test("the model allow-list: a POST naming another model gets 403 before the backend", () => {
    const inbound = section(doc, "inbound");
    const names = inbound.children.map((c) => c.name);
    const check = inbound.children.find(
      (c) => c.name === "choose" && (c.children[0]?.attributes.condition ?? "").includes("requestedModel"),
    );
    expect(check?.children[0]?.attributes.condition).toContain('new [] { "gpt-5.5" }.Contains(');
    expect(byName(check as Element, "set-status")[0]?.attributes.code).toBe("403");
    expect(inbound.children.indexOf(check as Element)).toBeLessThan(names.indexOf("set-backend-service"));
    const two = parse(renderTeamPolicy({ ...DEV, allowedModels: ["gpt-5.5", "gpt-5.1-codex"] }));
    expect(JSON.stringify(two)).toContain('new [] { \\"gpt-5.5\\", \\"gpt-5.1-codex\\" }');
  });

  test("the kill switch: suspended answers 403 with the reason, before the model check and the backend", () => {
    expect(xml).not.toContain("TeamSuspended");
    const suspended = parse(renderTeamPolicy({ ...DEV, suspended: true, suspendedReason: "runaway loop, INC-42" }));
    const inbound = section(suspended, "inbound");
    const index = inbound.children.findIndex((c) => c.name === "return-response");
    expect(index).toBe(3);
    const kill = inbound.children[index] as Element;
    expect(byName(kill, "set-status")[0]?.attributes.code).toBe("403");
    expect(byName(kill, "set-body")[0]?.text).toContain("TeamSuspended");
    expect(byName(kill, "set-body")[0]?.text).toContain("suspended by the platform team: runaway loop, INC-42");
  });

  test("token metrics with team, user (oid) and model dimensions", () => {
    const [metric, ...more] = byName(doc, "llm-emit-token-metric");
    expect(more).toEqual([]);
    expect(metric?.children.map((d) => [d.attributes.name, d.attributes.value])).toEqual([
      ["team", "dev"],
      ["user", '@(context.Variables.GetValueOrDefault<Jwt>("jwt").Claims.GetValueOrDefault("oid", ""))'],
      ["model", '@(context.Variables.GetValueOrDefault<string>("requestedModel", ""))'],
    ]);
  });

  test("to the backend with the gateway's managed identity, streamed unbuffered", () => {
    expect(byName(doc, "set-backend-service")[0]?.attributes).toEqual({ "backend-id": "team-dev" });
    expect(byName(doc, "authentication-managed-identity")[0]?.attributes).toEqual({
      resource: COGNITIVE_SERVICES_RESOURCE,
    });
    expect(section(doc, "backend").children.map((c) => [c.name, c.attributes])).toEqual([
      ["forward-request", { "buffer-response": "false" }],
    ]);
  });

  test("logs no prompt or completion: no logging statement, no body read but the request's model", () => {
    for (const name of ["log-to-eventhub", "trace", "emit-metric", "send-request", "send-one-way-request"])
      expect(byName(doc, name), name).toEqual([]);
    expect(xml).not.toContain("context.Response.Body");
    expect(xml.match(/context\.Request\.Body\.As/g)).toHaveLength(1);
  });

  test("deterministic, and values are escaped (a reason with XML characters stays text)", () => {
    expect(renderTeamPolicy(DEV)).toBe(xml);
    const tricky = renderTeamPolicy({ ...DEV, suspended: true, suspendedReason: '</set-body><base/> & "x"' });
    const body = byName(parse(tricky), "set-body").find((b) => b.text.includes("TeamSuspended"));
    expect(body?.text).toContain('</set-body><base/> & \\"x\\"');
  });

  test("refuses an input without a group or a model", () => {
    expect(() => renderTeamPolicy({ ...DEV, userGroupIds: [] })).toThrow(/userGroupIds/);
    expect(() => renderTeamPolicy({ ...DEV, allowedModels: [] })).toThrow(/allowedModels/);
  });

  test("dev's policy, as APIM would receive it", async () => {
    await expect(xml).toMatchFileSnapshot("__snapshots__/dev.policy.xml");
  });
});
