/** Where each baseline definition is read from (scripts/refreshPolicyBaseline.ts), and why it is in the baseline. */
export interface BaselineSource {
  repository: "Azure/azure-policy" | "Azure/Enterprise-Scale";
  path: string;
  why: string;
  /** Evaluate the definition once per assignment, with these parameters (a definition without defaults). */
  assignments?: Array<{ label: string; parameters: Record<string, unknown> }>;
}

const BUILT_IN = "built-in-policies/policyDefinitions";
const ALZ = "src/resources/Microsoft.Authorization/policyDefinitions";

export const BASELINE_SOURCES: readonly BaselineSource[] = [
  {
    repository: "Azure/azure-policy",
    path: `${BUILT_IN}/Azure Ai Services/DisableLocalAuth_Audit.json`,
    why: "key access on the account",
  },
  {
    repository: "Azure/azure-policy",
    path: `${BUILT_IN}/Monitoring/LogAnalyticsWorkspaces_NetworkAccessEnabled_Deny.json`,
    why: "the created workspace is public",
  },
  {
    repository: "Azure/azure-policy",
    path: `${BUILT_IN}/Monitoring/LogAnalyticsWorkspaces_DisableLocalAuth_Deny.json`,
    why: "the created workspace keeps local auth",
  },
  {
    repository: "Azure/azure-policy",
    path: `${BUILT_IN}/Monitoring/LogAnalyticsWorkspaces_CMKBYOSQueryEnabled_Deny.json`,
    why: "the created workspace has no CMK for queries",
  },
  {
    repository: "Azure/azure-policy",
    path: `${BUILT_IN}/Key Vault/Secrets_Expiry_ByDays.json`,
    why: "the rotated secret's expiry",
  },
  {
    repository: "Azure/azure-policy",
    path: `${BUILT_IN}/Cognitive Services/CustomerManagedKey_Audit.json`,
    why: "OpenAI-kind accounts without encryption",
  },
  {
    repository: "Azure/azure-policy",
    path: `${BUILT_IN}/Managed Identity/FIC_LimitToWellknownIssuers.json`,
    why: "entra mode's federated credentials",
  },
  {
    repository: "Azure/azure-policy",
    path: `${BUILT_IN}/Cognitive Services/DisableLocalAuth_Modify.json`,
    why: "remediation rewrites disableLocalAuth",
  },
  {
    repository: "Azure/azure-policy",
    path: `${BUILT_IN}/Azure Ai Services/DisableLocalAuth_CognitiveServices_DINE.json`,
    why: "remediation redeploys the account",
  },
  {
    repository: "Azure/azure-policy",
    path: `${BUILT_IN}/Cognitive Services/EnablePrivateEndpoints_DINE.json`,
    why: "remediation adds a private endpoint",
  },
  {
    repository: "Azure/azure-policy",
    path: `${BUILT_IN}/Monitoring/DS_LA_cognitiveservices-accounts_DINE.json`,
    why: "diagnostic settings shape (account)",
  },
  {
    repository: "Azure/azure-policy",
    path: `${BUILT_IN}/Monitoring/DS_LA_keyvault-vaults_DINE.json`,
    why: "diagnostic settings shape (vault)",
  },
  {
    repository: "Azure/azure-policy",
    path: `${BUILT_IN}/Network/ASC_All_Internet_traffic_should_be_routed_via_Azure_Firewall.json`,
    why: "no route to a firewall",
  },
  {
    repository: "Azure/azure-policy",
    path: `${BUILT_IN}/Network/VirtualNetwork_FlowLog_Audit.json`,
    why: "no flow logs",
  },
  {
    repository: "Azure/azure-policy",
    path: `${BUILT_IN}/Network/VirtualNetworkDdosStandard_Audit.json`,
    why: "no DDoS protection",
  },
  {
    repository: "Azure/azure-policy",
    path: `${BUILT_IN}/Tags/RequireTag_Deny.json`,
    why: "the tags a tenant requires (issue 26 names owner and environment)",
    assignments: [
      { label: "tagName owner", parameters: { tagName: "owner" } },
      { label: "tagName environment", parameters: { tagName: "environment" } },
    ],
  },
  {
    repository: "Azure/Enterprise-Scale",
    path: `${ALZ}/Deny-Subnet-Without-Nsg.json`,
    why: "ALZ default at Landing Zones: subnets need an NSG",
  },
  {
    repository: "Azure/Enterprise-Scale",
    path: `${ALZ}/Deny-Private-DNS-Zones.json`,
    why: "ALZ default at Corp: no private DNS zones in spokes",
  },
];

/** The initiative whose literal parameter values the baseline evaluates with (MCSB v2 sets the 90-day expiry). */
export const BASELINE_INITIATIVE: BaselineSource = {
  repository: "Azure/azure-policy",
  path: "built-in-policies/policySetDefinitions/Security Center/MCSBv2.json",
  why: "Microsoft cloud security benchmark v2: the parameter values it assigns",
};
