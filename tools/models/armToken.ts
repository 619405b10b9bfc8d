import { execFile } from "node:child_process";
import type { AccessToken, TokenCredential } from "@azure/core-auth";
import type { Clock } from "../../lib/clock";

/** An ARM bearer token handed in by the caller (a pipeline that already holds one); read before asking `az`. */
export const ARM_TOKEN_ENV = "ARM_ACCESS_TOKEN";

/** Runs a program with arguments (no shell) and resolves with its stdout; rejects with its stderr. */
export type RunCommand = (file: string, args: readonly string[]) => Promise<string>;

export const runCommand: RunCommand = (file, args) =>
  new Promise((resolve, reject) => {
    execFile(file, [...args], { encoding: "utf8", maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if ((error as NodeJS.ErrnoException | null)?.code === "ENOENT") reject(new Error(`${file} is not installed (not on PATH)`));
      else if (error) reject(new Error(stderr.trim() || error.message));
      else resolve(stdout);
    });
  });

/** How long a token from the environment is taken to live: its expiry is not known, and one run takes seconds. */
const ENV_TOKEN_LIFE_MS = 10 * 60_000;

/** `az account get-access-token --output json`: `expires_on` (seconds) since az 2.54, `expiresOn` (local time) before. */
function fromAz(stdout: string): AccessToken {
  let answer: { accessToken?: unknown; expires_on?: unknown; expiresOn?: unknown };
  try {
    answer = JSON.parse(stdout) as typeof answer;
  } catch {
    throw new Error("az account get-access-token did not print JSON");
  }
  if (typeof answer.accessToken !== "string" || answer.accessToken === "") throw new Error("az account get-access-token printed no accessToken");
  const seconds = typeof answer.expires_on === "number" ? answer.expires_on : Number(answer.expires_on);
  const expires = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : typeof answer.expiresOn === "string" ? Date.parse(answer.expiresOn) : Number.NaN;
  if (Number.isNaN(expires)) throw new Error("az account get-access-token printed no expiry (expires_on)");
  return { token: answer.accessToken, expiresOnTimestamp: expires };
}

/**
 * A credential for ARM: the token in ARM_ACCESS_TOKEN when set, else the Azure CLI's (`az login`, or azure/login in
 * a workflow). The scope's resource is what `az` is asked for, so a sovereign cloud's endpoint works too. The token
 * is never printed.
 */
export function armTokenCredential(env: Readonly<Record<string, string | undefined>>, run: RunCommand, clock: Clock): TokenCredential {
  return {
    async getToken(scopes) {
      const given = env[ARM_TOKEN_ENV]?.trim();
      if (given !== undefined && given !== "") return { token: given, expiresOnTimestamp: clock.nowMs() + ENV_TOKEN_LIFE_MS };
      const scope = (Array.isArray(scopes) ? scopes[0] : scopes) ?? "";
      const resource = scope.replace(/\.default$/, "");
      let stdout: string;
      try {
        stdout = await run("az", ["account", "get-access-token", "--resource", resource, "--output", "json"]);
      } catch (error) {
        throw new Error(`no ARM token: set ${ARM_TOKEN_ENV}, or sign in with az login (az account get-access-token failed: ${(error as Error).message.split("\n")[0] ?? ""})`);
      }
      return fromAz(stdout);
    },
  };
}
