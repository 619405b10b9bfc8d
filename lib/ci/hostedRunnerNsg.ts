import { GITHUB_ACTIONS_SERVICE_PREFIXES, GITHUB_ADDRESSES_SOURCE, GITHUB_PREFIXES } from "./githubAddresses";

/** One NSG security rule as azure-native's `network.SecurityRule` / inline `securityRules` take it, plus its reason. */
export interface NsgRule {
  name: string;
  priority: number;
  direction: "Outbound" | "Inbound";
  access: "Allow" | "Deny";
  protocol: "*" | "Tcp";
  sourceAddressPrefix: string;
  sourcePortRange: string;
  destinationPortRange: string;
  /** Exactly one of these two is set. */
  destinationAddressPrefix?: string;
  destinationAddressPrefixes?: string[];
  /** Azure's rule description (<= 140 chars): why the rule is there. */
  description: string;
  /** Where the rule comes from (a docs URL, or "this stack"). */
  source: string;
}

/**
 * The outbound rules of the hosted runners' subnet, lowest priority number first. GitHub's template (source above)
 * plus two changes that narrow it: the template allows 443 to the whole `VirtualNetwork` tag; here only the team's
 * private endpoint subnet is allowed (what Codex needs), and the rest of the virtual network is denied before Azure's
 * default AllowVnetOutBound (65000) can apply. Everything else on the internet is denied, as in GitHub's template.
 */
export function hostedRunnerNsgRules(privateEndpointSubnetPrefix: string): NsgRule[] {
  const base = {
    direction: "Outbound",
    sourceAddressPrefix: "*",
    sourcePortRange: "*",
  } as const;
  return [
    {
      ...base,
      name: "AllowPrivateEndpointsOutBound",
      priority: 200,
      access: "Allow",
      protocol: "Tcp",
      destinationPortRange: "443",
      destinationAddressPrefix: privateEndpointSubnetPrefix,
      description: "Codex reaches the team's Azure OpenAI private endpoint (HTTPS) and nothing else in the network.",
      source: "this stack (narrows GitHub's AllowVnetOutBoundOverwrite from VirtualNetwork to the endpoint subnet)",
    },
    {
      ...base,
      name: "AllowOutBoundActions",
      priority: 210,
      access: "Allow",
      protocol: "*",
      destinationPortRange: "*",
      destinationAddressPrefixes: [...GITHUB_ACTIONS_SERVICE_PREFIXES],
      description: "GitHub Actions service: the runner gets its job, sends logs and results (GitHub's template).",
      source: GITHUB_ADDRESSES_SOURCE,
    },
    {
      ...base,
      name: "AllowOutBoundGitHub",
      priority: 220,
      access: "Allow",
      protocol: "*",
      destinationPortRange: "*",
      destinationAddressPrefixes: [...GITHUB_PREFIXES],
      description: "github.com and its API and content hosts: checkout, actions download (GitHub's template).",
      source: GITHUB_ADDRESSES_SOURCE,
    },
    {
      ...base,
      name: "AllowStorageOutbound",
      priority: 230,
      access: "Allow",
      protocol: "*",
      destinationPortRange: "*",
      destinationAddressPrefix: "Storage",
      description:
        "Azure Storage tag: Actions caches, artifacts, logs and job summaries live there (GitHub's template).",
      source: GITHUB_ADDRESSES_SOURCE,
    },
    {
      ...base,
      name: "DenyVnetOutBound",
      priority: 390,
      access: "Deny",
      protocol: "*",
      destinationPortRange: "*",
      destinationAddressPrefix: "VirtualNetwork",
      description: "Nothing else in the network (overrides Azure's default AllowVnetOutBound).",
      source: "this stack",
    },
    {
      ...base,
      name: "DenyInternetOutBoundOverwrite",
      priority: 400,
      access: "Deny",
      protocol: "*",
      destinationPortRange: "*",
      destinationAddressPrefix: "Internet",
      description: "Nothing else on the internet (GitHub's template).",
      source: GITHUB_ADDRESSES_SOURCE,
    },
  ];
}
