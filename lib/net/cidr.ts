import ipaddr from "ipaddr.js";

/**
 * IPv4 CIDR arithmetic for the address spaces of team stacks, on ipaddr.js. Blocks are written in plain decimal
 * (no leading zeros: ipaddr.js would read 010 as octal).
 */

const OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";

/** An IPv4 CIDR block whose prefix is /8 to /29 (the range a team's private endpoints can live in). */
export const IPV4_CIDR_PATTERN = new RegExp(`^${OCTET}(\\.${OCTET}){3}/([89]|1\\d|2\\d)$`);

function parse(block: string): [ipaddr.IPv4, number] {
  return ipaddr.IPv4.parseCIDR(block);
}

/** The block with its host bits cleared, e.g. 10.60.0.9/24 -> 10.60.0.0/24. */
function networkOf(address: ipaddr.IPv4, prefix: number): ipaddr.IPv4 {
  return ipaddr.IPv4.networkAddressFromCIDR(`${address.toString()}/${prefix}`);
}

/**
 * The block as Azure accepts it: its network address and prefix, e.g. 10.60.0.5/24 -> 10.60.0.0/24. A block with
 * host bits set equals this only when written the canonical way.
 */
export function networkBlock(block: string): string {
  const [address, prefix] = parse(block);
  return `${networkOf(address, prefix).toString()}/${prefix}`;
}

/** Whether `inner` lies wholly inside `outer` (both are CIDR blocks). */
export function cidrContains(outer: string, inner: string): boolean {
  const [outerAddress, outerPrefix] = parse(outer);
  const [innerAddress, innerPrefix] = parse(inner);
  return innerPrefix >= outerPrefix && innerAddress.match(outerAddress, outerPrefix);
}

/** Aligned CIDR blocks overlap exactly when one contains the other. */
export function cidrOverlaps(a: string, b: string): boolean {
  return cidrContains(a, b) || cidrContains(b, a);
}

/** The first block of length `prefix` inside `block` (the block itself when it is already that small or smaller). */
export function firstSubnet(block: string, prefix: number): string {
  const [address, blockPrefix] = parse(block);
  const length = Math.max(blockPrefix, prefix);
  return `${networkOf(address, length).toString()}/${length}`;
}

/** The `index`-th block of length `prefix` counted from `first` (an address), e.g. (10.60.0.0, 2, 24) -> 10.60.2.0/24. */
export function nthBlock(first: string, index: number, prefix: number): string {
  const start = ipaddr.IPv4.parse(first)
    .toByteArray()
    .reduce((acc, octet) => acc * 256 + octet, 0);
  const value = start + index * 2 ** (32 - prefix);
  const bytes = [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256);
  return `${ipaddr.fromByteArray(bytes).toString()}/${prefix}`;
}
