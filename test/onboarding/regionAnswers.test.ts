import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, test } from "vitest";
import { type AnswerContext, checkAnswers, checkOneAnswer } from "../../lib/onboarding/answers";
import { main } from "../../scripts/newTeam";
import { runMain } from "../support/cliIo";
import {
  emptyStackDir,
  filesWritten,
  inTerminal,
  NEW_TEAM_FLAGS,
  newTeamAnswers,
  nextMonth,
} from "../support/newTeamInputs";
import { expectProblemsAt } from "../support/problemText";
import { parsePlatformConfig } from "../../lib/platform/parse";
import { samplePlatform } from "../support/platformFiles";

/** new-team checks the region as it is typed: against the region table and the chosen data boundary. */

const CTX: AnswerContext = {
  now: new Date("2026-12-07T12:00:00Z"),
  taken: [],
  platform: parsePlatformConfig(samplePlatform()),
  stackFileExists: () => false,
};
const VALID = {
  name: "payments",
  "cost-center": "CC-1",
  location: "swedencentral",
  "data-boundary": "eu",
  "github-owner": "contoso",
  repos: "",
  users: "3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b",
  admins: "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a",
  budget: "1500",
  emails: "leads@contoso.com",
  "start-month": "2026-12",
  "address-space": "10.61.0.0/24",
  "runner-labels": "self-hosted,codex-runner",
};
const withFlag = (flag: string, value: string): string[] =>
  NEW_TEAM_FLAGS.map((arg, i) => (NEW_TEAM_FLAGS[i - 1] === flag ? value : arg));

describe("new-team: the data boundary follows geography", () => {
  test("--location swedencentral --data-boundary us is one problem under --location, naming both flags' fixes", () => {
    const { problems, text } = checkAnswers({ ...VALID, "data-boundary": "us" }, CTX);
    expect(text).toBeUndefined();
    expectProblemsAt(problems, "flag", [
      [
        "--location",
        "swedencentral (Sweden Central, Sweden) is in an EU member state",
        "outside the 'us' data boundary",
        "eastus2",
        "--location one of them, or --data-boundary eu",
        '(got "swedencentral")',
      ],
    ]);
  });

  test("--location mars is one problem with the nearest names (no catalog or 'no models' problem besides)", () => {
    for (const boundary of ["eu", "us", "global"]) {
      const { problems } = checkAnswers({ ...VALID, location: "mars", "data-boundary": boundary }, CTX);
      expectProblemsAt(problems, "flag", [
        ["--location", "is not an Azure public-cloud region", "nearest: ", "programmatic name", '(got "mars")'],
      ]);
    }
    const typo = checkAnswers({ ...VALID, location: "swedencentrall" }, CTX).problems;
    expectProblemsAt(typo, "flag", [["--location", "nearest: swedencentral,"]]);
  });

  test("as typed: an unknown region at once; outside the boundary once both are known, under the second", () => {
    expect(checkOneAnswer("location", "mars", CTX)).toContain("nearest: ");
    // The boundary is not known yet: eastus2 is fine for us and global.
    expect(checkOneAnswer("location", "eastus2", CTX)).toBeUndefined();
    expect(checkOneAnswer("location", "eastus2", CTX, { "data-boundary": "eu" })).toContain(
      "outside the 'eu' data boundary",
    );
    expect(checkOneAnswer("data-boundary", "us", CTX, { location: "swedencentral" })).toContain(
      "outside the 'us' data boundary",
    );
    expect(checkOneAnswer("data-boundary", "eu", CTX, { location: "swedencentral" })).toBeUndefined();
    expect(checkOneAnswer("data-boundary", "global", CTX, { location: "uksouth" })).toBeUndefined();
  });
});

describe("npm run new-team refuses a region outside the boundary, or none, writing nothing", () => {
  const run = (args: string[]) => runMain(main, args, { input: Readable.from([]), terminal: undefined });

  test("as flags: --location swedencentral --data-boundary us and --location mars exit 2", async () => {
    const dir = emptyStackDir("cb-newteam-region-");
    const us = await run([...withFlag("--data-boundary", "us"), "--stack-dir", dir]);
    expect(us.code).toBe(2);
    expect(us.stderr).toMatch(
      /--location: swedencentral \(Sweden Central, Sweden\) is in an EU member state, outside the 'us' data boundary/,
    );
    const mars = await run([...withFlag("--location", "mars"), "--stack-dir", dir]);
    expect(mars.code).toBe(2);
    expect(mars.stderr).toMatch(/--location: is not an Azure public-cloud region .*nearest: /);
    expect(filesWritten(dir)).toEqual([]);
  });

  test("in a terminal: mars is asked again at once; eastus2 then the eu default is refused at the boundary", async () => {
    const dir = emptyStackDir("cb-newteam-region-tty-");
    const lines = newTeamAnswers(nextMonth()).split("\n");
    // Region and boundary are the third and fourth answers (empty: the defaults swedencentral, eu).
    const typed = [...lines.slice(0, 2), "mars", "eastus2", "", "us", ...lines.slice(4)].join("\n");
    const { status, stdout } = await inTerminal(typed, dir);
    expect(status, stdout).toBe(0);
    expect(stdout).toMatch(/nearest: .*\(got "mars"\); please answer again\./);
    expect(stdout).toMatch(
      /eastus2 \(East US 2, United States\) is in the United States, outside the 'eu' data boundary/,
    );
    expect(stdout.match(/Azure region \[/g)).toHaveLength(2);
    expect(stdout.match(/Data boundary \(/g)).toHaveLength(2);
    const text = readFileSync(join(dir, "Pulumi.payments.yaml"), "utf8");
    expect(text).toContain("codex-boundary:location: eastus2");
    expect(text).toContain("codex-boundary:dataBoundary: us");
  });
});
