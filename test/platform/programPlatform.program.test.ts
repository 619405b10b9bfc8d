import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse, stringify } from "yaml";
import { PROJECT_NAME } from "../../lib/names";
import { readPlatformFile } from "../../stacks/platformFile";
import { program } from "../../stacks/program";
import { captureProgram } from "../../tools/plan/capture";
import { createPlanMocks } from "../../tools/plan/mocks";
import { FIXTURE_CLOCK } from "../support/clock";
import { PROJECT_DIR, stackConfig } from "../support/stackFiles";

/** The program as `pulumi up` runs it (stacks/index.ts): platform.yaml read from a folder. */
async function runIn(dir: string): Promise<unknown> {
  try {
    await captureProgram({
      project: PROJECT_NAME,
      stack: "dev",
      config: stackConfig(),
      loadProgram: async () => () => program(FIXTURE_CLOCK, () => readPlatformFile(dir)),
      mocks: createPlanMocks(),
    });
    return undefined;
  } catch (error) {
    return error;
  }
}

describe("the program reads platform.yaml beside the stack files", () => {
  test("missing: the run stops with a RunError (the CLI prints the message alone) naming the file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cb-noplatform-"));
    const error = (await runIn(dir)) as Error & { __pulumiRunError?: boolean };
    expect(error.__pulumiRunError).toBe(true);
    expect(error.message).toContain(
      `no platform.yaml beside the stack files (looked for ${join(dir, "platform.yaml")})`,
    );
    expect(error.message).toContain("nothing was created");
  });

  test("invalid YAML or an invalid setting: a RunError listing the problem", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cb-badplatform-"));
    writeFileSync(join(dir, "platform.yaml"), "github: [unclosed\n");
    const yaml = (await runIn(dir)) as Error & { __pulumiRunError?: boolean };
    expect(yaml.__pulumiRunError).toBe(true);
    expect(yaml.message).toContain("not valid YAML");
    writeFileSync(join(dir, "platform.yaml"), "github:\n  host: https://github.com\n");
    const setting = (await runIn(dir)) as Error;
    expect(setting.message).toContain("github.host: must be a host name such as github.com");
  });

  test("an estate with central private DNS: dev's networking.mode create stops the run before anything is created", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cb-centraldns-"));
    const estate = parse(readFileSync(join(PROJECT_DIR, "platform.yaml"), "utf8")) as { azure: object };
    writeFileSync(
      join(dir, "platform.yaml"),
      stringify({ ...estate, azure: { ...estate.azure, centralPrivateDns: true } }),
    );
    const error = (await runIn(dir)) as Error & { __pulumiRunError?: boolean };
    expect(error.__pulumiRunError).toBe(true);
    expect(error.message).toContain(
      'networking.mode: "create" is refused: platform.yaml azure.centralPrivateDns is true',
    );
    expect(error.message).toContain("nothing was created");
  });
});
