import { describe, expect, it } from "vitest";
import { hostedRunnerNsgRules } from "../../lib/ci/hostedRunnerNsg";

describe("hostedRunnerNsgRules", () => {
  const rules = hostedRunnerNsgRules("10.60.0.0/27");

  it("allows only HTTPS to the team's private endpoint subnet inside the network, then denies the rest of it", () => {
    const pe = rules.find((r) => r.destinationAddressPrefix === "10.60.0.0/27");
    expect(pe).toMatchObject({ access: "Allow", protocol: "Tcp", destinationPortRange: "443", direction: "Outbound" });
    const vnetDeny = rules.find((r) => r.destinationAddressPrefix === "VirtualNetwork");
    expect(vnetDeny?.access).toBe("Deny");
    expect(pe!.priority).toBeLessThan(vnetDeny!.priority);
    expect(rules.some((r) => r.access === "Allow" && r.destinationAddressPrefix === "VirtualNetwork")).toBe(false);
  });

  it("denies the internet last, after every allow, and has no inbound rule", () => {
    const last = rules[rules.length - 1]!;
    expect(last).toMatchObject({ access: "Deny", destinationAddressPrefix: "Internet" });
    for (const r of rules.filter((x) => x.access === "Allow")) expect(r.priority).toBeLessThan(last.priority);
    expect(rules.every((r) => r.direction === "Outbound")).toBe(true);
  });

  it("gives every rule a unique name and priority, one destination form, a short description and a source", () => {
    expect(new Set(rules.map((r) => r.name)).size).toBe(rules.length);
    expect(new Set(rules.map((r) => r.priority)).size).toBe(rules.length);
    for (const r of rules) {
      expect(
        Number(r.destinationAddressPrefix !== undefined) + Number(r.destinationAddressPrefixes !== undefined),
      ).toBe(1);
      expect(r.description.length).toBeLessThanOrEqual(140);
      expect(r.source).not.toBe("");
    }
  });

  it("allows GitHub's documented Actions and GitHub ranges as CIDRs", () => {
    const lists = rules.flatMap((r) => r.destinationAddressPrefixes ?? []);
    expect(lists).toContain("140.82.112.0/20");
    for (const p of lists) expect(p).toMatch(/^\d+\.\d+\.\d+\.\d+\/\d+$/);
  });
});
