import type { NetworkingConfig } from "../config/schema";
import { firstSubnet } from "../net/cidr";

/** The private DNS zones a Foundry account (group `account`) and a Key Vault (group `vault`) resolve through. */
export const PRIVATE_DNS_ZONES = {
  cognitiveServices: "privatelink.cognitiveservices.azure.com",
  openAi: "privatelink.openai.azure.com",
  aiServices: "privatelink.services.ai.azure.com",
  keyVault: "privatelink.vaultcore.azure.net",
} as const;

export type PrivateDnsZoneKey = keyof typeof PRIVATE_DNS_ZONES;

/** Zones in the account endpoint's DNS zone group, and the vault's. */
export const ACCOUNT_ZONE_KEYS: readonly PrivateDnsZoneKey[] = ["cognitiveServices", "openAi", "aiServices"];
export const VAULT_ZONE_KEYS: readonly PrivateDnsZoneKey[] = ["keyVault"];

/** The subnet for private endpoints: the configured one, or the first /27 of the address space (or all of it if smaller). */
export function privateEndpointSubnetPrefix(networking: Extract<NetworkingConfig, { mode: "create" }>): string {
  return networking.privateEndpointSubnet ?? firstSubnet(networking.addressSpace, 27);
}
