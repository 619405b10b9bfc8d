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
    expect(
      privateEndpointSubnetPrefix({
        mode: "create",
        addressSpace: "10.60.0.0/24",
        privateEndpointSubnet: "10.60.0.64/27",
      }),
    ).toBe("10.60.0.64/27");
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

describe("blocks at their boundaries", () => {
  test.each([
    ["10.0.0.0/8", true],
    ["10.0.0.0/9", true],
    ["10.0.0.0/19", true],
    ["10.0.0.0/20", true],
    ["10.0.0.0/29", true],
    ["10.0.0.0/30", false],
    ["10.0.0.0/32", false],
    ["10.0.0.0/7", false],
    ["10.0.0.0/08", false],
    ["255.255.255.255/29", true],
    ["249.250.199.100/24", true],
    ["10.256.0.0/24", false],
    ["10.260.0.0/24", false],
    ["10.300.0.0/24", false],
    ["10.0.0.01/24", false],
    [" 10.0.0.0/24", false],
    ["10.0.0.0/24 ", false],
    ["x10.0.0.0/24", false],
    ["10.0.0.0/24x", false],
    ["10.0.0.0.0/24", false],
  ])("address-space pattern, edges: %s is %s", (value, ok) => {
    expect(IPV4_CIDR_PATTERN.test(value)).toBe(ok);
  });

  test("a block contains itself, not its parent; touching blocks do not overlap", () => {
    expect(cidrContains("10.60.0.0/24", "10.60.0.0/24")).toBe(true);
    expect(cidrContains("10.60.0.0/24", "10.60.0.0/23")).toBe(false);
    expect(cidrContains("10.60.0.0/23", "10.60.1.224/27")).toBe(true);
    // The subnet at the top edge of the space is inside; the one just past it is not.
    expect(cidrContains("10.60.0.0/24", "10.60.0.224/27")).toBe(true);
    expect(cidrContains("10.60.0.0/24", "10.60.1.0/27")).toBe(false);
    // Below the space.
    expect(cidrContains("10.60.0.0/24", "10.59.255.224/27")).toBe(false);
    expect(cidrOverlaps("10.60.0.0/24", "10.60.1.0/24")).toBe(false);
    expect(cidrOverlaps("10.60.1.0/24", "10.60.0.0/16")).toBe(true);
    expect(cidrOverlaps("10.0.0.0/8", "10.255.255.248/29")).toBe(true);
  });

  test("first subnet and nth block: host bits cleared, a smaller block kept whole, /16 steps", () => {
    expect(firstSubnet("10.60.0.9/24", 27)).toBe("10.60.0.0/27");
    expect(firstSubnet("10.60.0.8/29", 27)).toBe("10.60.0.8/29");
    expect(firstSubnet("10.0.0.0/8", 16)).toBe("10.0.0.0/16");
    expect(nthBlock("10.0.0.0", 3, 16)).toBe("10.3.0.0/16");
    expect(nthBlock("10.0.0.0", 1, 29)).toBe("10.0.0.8/29");
    expect(nthBlock("10.255.255.0", 1, 24)).toBe("11.0.0.0/24");
  });
});
