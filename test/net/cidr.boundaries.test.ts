import { expect, test } from "vitest";
import { cidrContains, cidrOverlaps, firstSubnet, IPV4_CIDR_PATTERN, nthBlock } from "../../lib/net/cidr";

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
