import type { NetworkingConfig } from "../config/schema";

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
  if (networking.privateEndpointSubnet !== undefined) return networking.privateEndpointSubnet;
  const [address = "", prefixText = "0"] = networking.addressSpace.split("/");
  const prefix = Math.max(Number(prefixText), 27);
  const base = address.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
  const size = 2 ** (32 - prefix);
  const start = base - (base % size);
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(start / 2 ** shift) % 256);
  return `${octets.join(".")}/${prefix}`;
}
