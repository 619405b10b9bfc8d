import { describe, expect, test } from "vitest";
import { ARM_TOKEN_ENV, armTokenCredential, type RunCommand } from "../../tools/models/armToken";
import { clockOn, dayMs } from "../support/clock";

const CLOCK = clockOn("2026-12-07");

function recordingAz(answer: string | Error) {
  const calls: Array<{ file: string; args: readonly string[] }> = [];
  const run: RunCommand = (file, args) => {
    calls.push({ file, args });
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  };
  return { calls, run };
}

describe("armTokenCredential", () => {
  test("a token in ARM_ACCESS_TOKEN is used as it is, without asking az", async () => {
    const az = recordingAz(new Error("unused"));
    const token = await armTokenCredential({ [ARM_TOKEN_ENV]: " env-token " }, az.run, CLOCK).getToken("https://management.azure.com/.default");
    expect(token?.token).toBe("env-token");
    expect(token?.expiresOnTimestamp).toBeGreaterThan(CLOCK.nowMs());
    expect(az.calls).toEqual([]);
  });

  test("otherwise az account get-access-token for the scope's resource, with its expiry (expires_on, else expiresOn)", async () => {
    const az = recordingAz(JSON.stringify({ accessToken: "az-token", expires_on: dayMs("2026-12-07") / 1000 + 3600, expiresOn: "2026-12-07 01:00:00.000000" }));
    const token = await armTokenCredential({ [ARM_TOKEN_ENV]: "" }, az.run, CLOCK).getToken(["https://management.usgovcloudapi.net/.default"]);
    expect(token).toEqual({ token: "az-token", expiresOnTimestamp: dayMs("2026-12-07") + 3_600_000 });
    expect(az.calls).toEqual([{ file: "az", args: ["account", "get-access-token", "--resource", "https://management.usgovcloudapi.net/", "--output", "json"] }]);
    const older = recordingAz(JSON.stringify({ accessToken: "old-az", expiresOn: "2026-12-07T02:00:00Z" }));
    expect((await armTokenCredential({}, older.run, CLOCK).getToken("https://management.azure.com/.default"))?.expiresOnTimestamp).toBe(dayMs("2026-12-07") + 7_200_000);
  });

  test("az failing or printing something else: the error says how to sign in, never a token", async () => {
    const failing = armTokenCredential({}, recordingAz(new Error("Please run 'az login' to setup account.")).run, CLOCK);
    await expect(failing.getToken("https://management.azure.com/.default")).rejects.toThrow(/set ARM_ACCESS_TOKEN, or sign in with az login \(az account get-access-token failed: Please run 'az login'/);
    for (const [stdout, message] of [["not json", /did not print JSON/], ["{}", /no accessToken/], ['{"accessToken":"t"}', /no expiry/]] as const) {
      await expect(armTokenCredential({}, recordingAz(stdout).run, CLOCK).getToken("s")).rejects.toThrow(message);
    }
  });
});
