/**
 * npm run new-team -- --name <team> [...]   (--help lists every flag, its meaning and default)
 * Writes Pulumi.<team>.yaml for a new team, validated by the same parser as the stack (within the platform.yaml beside
 * the stack files: the platform admits the team first), and never overwrites.
 * In a terminal it asks for what is missing and checks each answer as it is typed; otherwise required flags are errors.
 */
import { existsSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { firstFreeBlock, PICK_POOL } from "../lib/onboarding/addressSpace";
import { scanStackFiles } from "../tools/onboarding/stackFiles";
import { type AnswerContext, checkAnswers, checkOneAnswer, type RawAnswers } from "../lib/onboarding/answers";
import { NEW_TEAM_FLAGS, OTHER_FLAGS, renderNewTeamHelp, unknownFlags } from "../lib/onboarding/flags";
import { describeOffer, newTeamModelOffer } from "../lib/onboarding/modelOffer";
import { nextSteps, secretsProviderFor } from "../lib/onboarding/nextSteps";
import { schemaRefFor } from "../tools/onboarding/schemaRef";
import { clockAsOf } from "../tools/clock";
import { stackFilePath } from "../tools/plan/stackFiles";
import { readPlatformFile } from "../stacks/platformFile";
import { PlatformFileError } from "../lib/platform/parse";
import type { PlatformConfig } from "../lib/platform/schema";
import { CliExit, type CliIo, exitCodeOf, processIo, runCli } from "../tools/cliIo";

/** Where new-team asks: `terminal` (its prompts) and `input` (the answers) when both ends are a terminal; else nothing is asked. */
export interface NewTeamIo extends CliIo {
  input: NodeJS.ReadableStream;
  terminal: NodeJS.WritableStream | undefined;
}

/** Writes the error; main ends with exit 2 when it is thrown. */
function fail(message: string, io: CliIo): CliExit {
  io.stderr(`error: ${message}\n`);
  return new CliExit(2);
}

function readFlags(argv: string[], io: CliIo): Record<string, string | boolean | undefined> {
  const known = [...NEW_TEAM_FLAGS, ...OTHER_FLAGS].map((f) => f.flag);
  const unknown = unknownFlags(argv, known);
  if (unknown.length > 0) throw fail(`${unknown.join("\n       ")}\n(npm run new-team -- --help lists every flag)`, io);
  try {
    const options = Object.fromEntries(known.filter((f) => f !== "help").map((f) => [f, { type: "string" as const }]));
    return parseArgs({
      args: argv,
      options: { ...options, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw fail(`${(error as Error).message}\n(npm run new-team -- --help lists every flag)`, io);
  }
}

/** `npm run new-team -- ...argv`: 0 when the stack file is written (or --help), 2 when nothing was written. */
export async function main(argv: string[], io: NewTeamIo): Promise<number> {
  try {
    return await newTeam(argv, io);
  } catch (error) {
    return exitCodeOf(error);
  }
}

async function newTeam(argv: string[], io: NewTeamIo): Promise<number> {
  const flags = readFlags(argv, io);
  if (flags.help === true) {
    io.stdout(renderNewTeamHelp());
    return 0;
  }
  const dir = resolve(io.cwd, typeof flags["stack-dir"] === "string" ? flags["stack-dir"] : resolve(__dirname, ".."));
  let nowMs: number;
  try {
    nowMs = clockAsOf(typeof flags["as-of"] === "string" ? flags["as-of"] : undefined).nowMs();
  } catch (error) {
    throw fail((error as Error).message, io);
  }
  let platform: PlatformConfig;
  try {
    platform = readPlatformFile(dir);
  } catch (error) {
    if (error instanceof PlatformFileError) throw fail(error.message, io);
    throw error;
  }
  const scan = scanStackFiles(dir);
  const ctx: AnswerContext = {
    now: new Date(nowMs),
    platform,
    taken: scan.taken,
    stackFileExists: (team) => existsSync(stackFilePath(dir, team)),
    schemaRef: schemaRefFor(dir, resolve(__dirname, "..")),
  };
  const freeBlock = firstFreeBlock(scan.taken);
  // Shown in brackets in a terminal, taken on Enter; never used without asking.
  const suggestions: Record<string, string | undefined> = {
    location: "swedencentral",
    "data-boundary": "eu",
    repos: "",
    "runner-labels": ["self-hosted", ...platform.github.runnerLabels.slice(0, 1)].join(","),
    "address-space": freeBlock,
    "auth-mode": "entra",
  };

  const interactive = io.terminal !== undefined;
  const rl = io.terminal ? createInterface({ input: io.input, output: io.terminal }) : undefined;
  // Ctrl+C ends the questions; main then stops with nothing written.
  let interrupted = false;
  rl?.on("SIGINT", () => {
    interrupted = true;
    rl.close();
  });
  // An iterator buffers lines, so answers pasted (or typed ahead) all at once are each used, in order.
  const lines = rl?.[Symbol.asyncIterator]();
  const raw: RawAnswers = {};
  const notes: string[] = [];
  const missing: string[] = [];
  let inputEnded = false;
  // What is known when one answer is checked: the flags given, then the answers so far.
  const flagAnswers = Object.fromEntries(
    NEW_TEAM_FLAGS.flatMap((q) => (typeof flags[q.flag] === "string" ? [[q.flag, flags[q.flag] as string]] : [])),
  );
  const known = (flag: string): RawAnswers =>
    Object.fromEntries(Object.entries({ ...flagAnswers, ...raw }).filter(([f]) => f !== flag));
  for (const q of NEW_TEAM_FLAGS) {
    const given = flags[q.flag];
    if (typeof given === "string") {
      const problem = lines ? checkOneAnswer(q.flag, given, ctx, known(q.flag)) : undefined;
      if (problem === undefined) {
        raw[q.flag] = given;
        continue;
      }
      io.stdout(`--${q.flag}: ${problem}\n`);
    }
    if (lines && !inputEnded) {
      const suggestion = suggestions[q.flag];
      for (;;) {
        rl?.setPrompt(`${q.prompt}${suggestion !== undefined && suggestion !== "" ? ` [${suggestion}]` : ""}: `);
        rl?.prompt();
        const line = await lines.next();
        if (line.done === true) {
          inputEnded = true;
          break;
        }
        const answer = String(line.value).trim() || (suggestion ?? "");
        const problem = checkOneAnswer(q.flag, answer, ctx, known(q.flag));
        if (problem === undefined) {
          raw[q.flag] = answer;
          break;
        }
        io.stdout(`  ${problem}; please answer again.\n`);
      }
    } else if (!interactive && given === undefined && q.flag === "repos") {
      raw.repos = "";
      notes.push("Repositories: none (--repos not given); add them under codex-boundary:github.repositories later.");
    } else if (!interactive && given === undefined && q.flag === "auth-mode") {
      // The secure default without a terminal too: no key exists unless someone asks for one.
      raw[q.flag] = "entra";
      notes.push(
        "Authentication: entra (--auth-mode not given): Codex uses Entra ID tokens, no API key exists (docs/entra.md). Pass --auth-mode key for an API key.",
      );
    } else if (!interactive && given === undefined && q.flag === "address-space" && freeBlock !== undefined) {
      raw[q.flag] = freeBlock;
      const others = scan.taken.map((t) => `${t.file} has ${t.addressSpace}`).join(", ");
      notes.push(
        `Address space: ${freeBlock}, chosen because --address-space was not given: the first /${PICK_POOL.prefix} of ${PICK_POOL.first}/16 that ` +
          `overlaps no stack file in ${dir}${others !== "" ? ` (${others})` : ""}. It must not overlap your network's routes either; ` +
          "if it does, change codex-boundary:networking.addressSpace in the file before the first deployment.",
      );
    }
    if (raw[q.flag] === undefined) missing.push(`--${q.flag}`);
  }
  rl?.close();
  if (interrupted) {
    io.stdout("\n");
    throw fail("interrupted; nothing was written", io);
  }
  if (inputEnded) {
    io.stdout("\n");
    throw fail(
      `input ended before every question was answered; nothing was written. Still missing: ${missing.join(", ")}`,
      io,
    );
  }
  const { problems, text } = checkAnswers(raw, ctx);
  const given = problems.filter((p) => !missing.includes(p.flag));
  const report = [
    ...(missing.length > 0
      ? [`  - missing ${missing.join(", ")} (required; run it in a terminal to be asked instead, or see --help)`]
      : []),
    ...given.map((p) => `  - ${p.flag}: ${p.message}`),
  ];
  if (report.length > 0 || text === undefined)
    throw fail(`the new team's answers are not valid; nothing was written:\n${report.join("\n")}`, io);
  for (const file of scan.unreadable)
    notes.push(`Note: ${file} could not be read, so its address space was not compared.`);
  const offer = newTeamModelOffer(raw.location ?? "", raw["data-boundary"] ?? "", nowMs);
  if (offer.ok) notes.unshift(...describeOffer(offer, nowMs));
  const name = raw.name ?? "";
  const target = stackFilePath(dir, name);
  writeFileSync(target, text, { flag: "wx" });
  io.stdout(
    `Wrote ${target}.\n${notes.map((n) => `${n}\n`).join("")}${nextSteps(name, secretsProviderFor(scan.secretsProviders))}`,
  );
  return 0;
}

if (require.main === module) {
  runCli(main, {
    ...processIo,
    input: process.stdin,
    terminal: process.stdin.isTTY === true && process.stdout.isTTY === true ? process.stdout : undefined,
  });
}
