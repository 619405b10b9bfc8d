import { readdirSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { parseTeamConfig, projectKeys, providerKeys } from "../../lib/config/parse";
import { fixturesPlatform, projectPlatform } from "../support/platformFiles";
import { FIXTURE_DAY, FIXTURE_NOW_MS } from "../support/clock";
import { FIXTURES_DIR, stackConfig } from "../support/stackFiles";

// The shipped stack files are planned on FIXTURE_DAY (the catalog's `reviewed` day). A catalog refresh that retires
// or drops a model one of them names must fail here, with the file and the config problem, not somewhere in a plan.
const fixtures = readdirSync(FIXTURES_DIR)
  .filter((file) => /^Pulumi\.[a-z0-9-]+\.yaml$/.test(file))
  .sort();

describe(`every shipped stack file is a valid team config within its platform.yaml on ${FIXTURE_DAY}`, () => {
  test("there is something to check", () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  test.each([{ file: "Pulumi.dev.yaml", fixture: undefined }, ...fixtures.map((file) => ({ file, fixture: file }))])(
    "$file",
    ({ fixture }) => {
      const stack = fixture?.replace(/^Pulumi\.(.+)\.yaml$/, "$1") ?? "dev";
      const config = stackConfig({ stack, fixture });
      const context = {
        platform: fixture === undefined ? projectPlatform() : fixturesPlatform(),
        providerKeys: providerKeys(config.values),
      };
      expect(() =>
        parseTeamConfig(projectKeys(config.values), `stack '${stack}'`, FIXTURE_NOW_MS, context),
      ).not.toThrow();
    },
  );
});
