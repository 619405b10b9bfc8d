import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { HEX_RUN_MIN, MAX_REASON_LENGTH, MIN_REASON_LENGTH, MIXED_RUN_MIN } from "../../lib/keys/emergencyReason";

const ROOT = resolve(__dirname, "../..");
const read = (path: string): string => readFileSync(resolve(ROOT, path), "utf8");

/** The paragraph under a heading, up to the next heading. */
function section(text: string, heading: string): string {
  const start = text.indexOf(`${heading}\n`);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const rest = text.slice(start + heading.length);
  const end = rest.search(/\n#{1,6} /);
  return end === -1 ? rest : rest.slice(0, end);
}

describe("facts the docs state once, equal to the code", () => {
  it("emergency reasons: the lengths and key shapes in key-rotation.md are the checker's", () => {
    const text = section(read("docs/key-rotation.md"), "### Emergency reasons");
    expect(text).toContain(`${MIN_REASON_LENGTH} to ${MAX_REASON_LENGTH} characters`);
    expect(text).toContain(`hex run (${HEX_RUN_MIN}+)`);
    expect(text).toContain(`(${MIXED_RUN_MIN}+ characters mixing`);
  });

  it("no other document restates those thresholds (they would drift)", () => {
    const restated = ["docs/security-review.md", "docs/operations.md", "docs/developer-guide.md", "README.md"].filter(
      (path) => /\b\d{2}\+ (hex|characters|mixed)/.test(read(path)),
    );
    expect(restated).toEqual([]);
  });
});
