import { parse } from "yaml";
import { PROJECT_NAME } from "../names";
import { cidrOverlaps, IPV4_CIDR_PATTERN, nthBlock } from "../net/cidr";
import { isRecord } from "../isRecord";

/** An address space another team stack already uses, and the file that says so. */
export interface TakenAddressSpace {
  file: string;
  addressSpace: string;
}

/** Where new teams' /24 blocks are picked from when none is given: 10.60.0.0/16, in order. */
export const PICK_POOL = { first: "10.60.0.0", blocks: 256, prefix: 24 } as const;

/** Whether two address spaces overlap; a value that is no valid block overlaps nothing. */
export function overlaps(a: string, b: string): boolean {
  return IPV4_CIDR_PATTERN.test(a) && IPV4_CIDR_PATTERN.test(b) && cidrOverlaps(a, b);
}

/** The stack files whose address space overlaps `block`. */
export function conflictsWith(block: string, taken: readonly TakenAddressSpace[]): TakenAddressSpace[] {
  return taken.filter((t) => overlaps(block, t.addressSpace));
}

/** The first /24 of the pool that overlaps none of the taken blocks, or undefined when the pool is full. */
export function firstFreeBlock(taken: readonly TakenAddressSpace[]): string | undefined {
  for (let i = 0; i < PICK_POOL.blocks; i++) {
    const block = nthBlock(PICK_POOL.first, i, PICK_POOL.prefix);
    if (conflictsWith(block, taken).length === 0) return block;
  }
  return undefined;
}

/** One stack file as read from disk: its name, and its text (undefined when it could not be read). */
export interface StackFileText {
  name: string;
  text: string | undefined;
}

/** The team stack files among a folder's entries: Pulumi.<stack>.yaml (the project file Pulumi.yaml has no stack part). */
export function isStackFileName(name: string): boolean {
  return /^Pulumi\.[^.]+(\.[^.]+)*\.ya?ml$/.test(name);
}

/**
 * What new-team learns from the team stack files: their address spaces (networking.mode create) and the secrets
 * providers the Pulumi CLI recorded. Files that cannot be read or parsed are listed apart, so the caller can say
 * they were not compared. tools/onboarding/stackFiles.ts reads the folder.
 */
export function scanStackFileTexts(files: readonly StackFileText[]): StackFileScan {
  const taken: TakenAddressSpace[] = [];
  const unreadable: string[] = [];
  const secretsProviders: Array<{ file: string; url: string }> = [];
  for (const { name, text } of [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    try {
      if (text === undefined) throw new Error(`${name} could not be read`);
      const doc: unknown = parse(text);
      const config = isRecord(doc) && isRecord(doc.config) ? doc.config : {};
      const networking = config[`${PROJECT_NAME}:networking`];
      if (isRecord(networking) && typeof networking.addressSpace === "string")
        taken.push({ file: name, addressSpace: networking.addressSpace });
      if (isRecord(doc) && typeof doc.secretsprovider === "string")
        secretsProviders.push({ file: name, url: doc.secretsprovider });
    } catch {
      unreadable.push(name);
    }
  }
  return { taken, unreadable, secretsProviders };
}

export interface StackFileScan {
  taken: TakenAddressSpace[];
  unreadable: string[];
  secretsProviders: Array<{ file: string; url: string }>;
}
