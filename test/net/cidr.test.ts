import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { privateEndpointSubnetPrefix } from "../../lib/azure/network";
import { cidrContains, cidrOverlaps, firstSubnet, IPV4_CIDR_PATTERN, nthBlock } from "../../lib/net/cidr";

/** The block's first and last address as numbers, computed by hand (the model the library is checked against). */
function range(address: number, prefix: number): [number, number] {
  const size = 2 ** (32 - prefix);
  const start = address - (address % size);
  return [start, start + size - 1];
}
const text = (address: number, prefix: number): string =>
  `${[24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join(".")}/${prefix}`;

const block = fc.tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 8, max: 29 }));

describe("CIDR arithmetic (lib/net/cidr.ts)", () => {
  test("contains and overlaps agree with the address ranges", () => {
    fc.assert(
      fc.property(block, block, ([a, pa], [b, pb]) => {
        const [aStart, aEnd] = range(a, pa);
        const [bStart, bEnd] = range(b, pb);
        expect(cidrContains(text(a, pa), text(b, pb))).toBe(bStart >= aStart && bEnd <= aEnd);
        expect(cidrOverlaps(text(a, pa), text(b, pb))).toBe(bStart <= aEnd && aStart <= bEnd);
      }),
    );
  });

  test("the first subnet is the aligned block of that size at the block's address", () => {
    fc.assert(
      fc.property(block, fc.integer({ min: 8, max: 29 }), ([a, pa], prefix) => {
        const length = Math.max(pa, prefix);
        expect(firstSubnet(text(a, pa), prefix)).toBe(text(range(a, length)[0], length));
      }),
    );
    expect(privateEndpointSubnetPrefix({ mode: "create", addressSpace: "10.60.0.0/24" })).toBe("10.60.0.0/27");
    expect(privateEndpointSubnetPrefix({ mode: "create", addressSpace: "10.60.0.0/29" })).toBe("10.60.0.0/29");
    expect(privateEndpointSubnetPrefix({ mode: "create", addressSpace: "10.60.0.0/24", privateEndpointSubnet: "10.60.0.64/27" })).toBe("10.60.0.64/27");
  });

  test("nthBlock counts blocks across octets", () => {
    expect(nthBlock("10.60.0.0", 0, 24)).toBe("10.60.0.0/24");
    expect(nthBlock("10.60.0.0", 255, 24)).toBe("10.60.255.0/24");
    expect(nthBlock("10.60.255.0", 1, 24)).toBe("10.61.0.0/24");
  });

  test.each([
    ["10.60.0.0/24", true],
    ["0.0.0.0/8", true],
    ["255.255.255.248/29", true],
    ["10.60.0.0/7", false],
    ["10.60.0.0/30", false],
    ["256.0.0.0/24", false],
    ["010.60.0.0/24", false],
    ["10.60.0/24", false],
    ["10.60.0.0", false],
  ])("the address-space pattern on %s is %s", (value, ok) => {
    expect(IPV4_CIDR_PATTERN.test(value)).toBe(ok);
  });
});
