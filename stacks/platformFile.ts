import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describeYamlError } from "../lib/config/yamlError";
import { PlatformFileError, parsePlatformConfig } from "../lib/platform/parse";
import { PLATFORM_FILE_NAME, type PlatformConfig } from "../lib/platform/schema";

/** Where the platform file of a folder of stack files is: beside them. */
export function platformFilePath(stackDir: string): string {
  return join(stackDir, PLATFORM_FILE_NAME);
}

/**
 * Reads and validates the platform file beside the stack files (the project directory under `pulumi up`, the
 * --stack-dir / --stacks-dir of the CLIs). A missing, unreadable or invalid file is a PlatformFileError.
 */
export function readPlatformFile(stackDir: string): PlatformConfig {
  const path = platformFilePath(stackDir);
  if (!existsSync(path)) {
    throw new PlatformFileError(
      [`no ${PLATFORM_FILE_NAME} beside the stack files (looked for ${path}): every stack is checked against it`],
      path,
    );
  }
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new PlatformFileError([`not valid YAML: ${describeYamlError(error)}`], path);
  }
  return parsePlatformConfig(raw, path);
}
