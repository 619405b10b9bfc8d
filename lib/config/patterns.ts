/**
 * Patterns several parts of the project check the same value against (the config schema, the developer kit's
 * guard, the CLIs). Each is written once here. None uses a regex flag: the JSON Schema generated from the config
 * schema carries the pattern source only, so a flag would silently be lost there.
 */

/** Team names: 2-16 lowercase letters, digits and single hyphens, starting with a letter (every resource name fits). */
export const TEAM_NAME_PATTERN = /^(?=.{2,16}$)[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * Model deployment names (what Codex sends as `model`): 1-64 letters, digits, '.', '_' or '-', starting with a
 * letter or digit. ARM's API spec states no rule for deployment names; 64 and the characters follow its rule for
 * the account name (unchecked against the live API for longer names).
 */
export const DEPLOYMENT_NAME_MAX = 64;
export const DEPLOYMENT_NAME_PATTERN = new RegExp(`^[A-Za-z0-9][A-Za-z0-9._-]{0,${DEPLOYMENT_NAME_MAX - 1}}$`);

/** A GUID (subscription, tenant, object ID), in either case. */
export const GUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Azure region programmatic names (swedencentral, eastus2): what the config, the CLIs and platform.yaml accept. */
export const REGION_NAME_PATTERN = /^[a-z][a-z0-9]+$/;

/** GitHub organization or user names: 1-39 letters, digits or '-', not starting with '-'. */
export const GITHUB_OWNER_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;

/** GitHub Actions runner labels named in `runs-on`. */
export const RUNNER_LABEL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Pulumi stack names: letters, digits, '-', '_' and '.', at most 100 characters. */
export const STACK_NAME_PATTERN = /^[A-Za-z0-9_.-]{1,100}$/;

/** A stack name, optionally qualified as <org>/<project>/<stack> or <project>/<stack>. */
export const QUALIFIED_STACK_NAME_PATTERN = /^[A-Za-z0-9_.-]{1,100}(\/[A-Za-z0-9_.-]{1,100}){0,2}$/;

/**
 * The same pattern, matching letters in either case: each letter outside a class becomes [xX], each letter or
 * letter range inside a class gains its other case. Escapes (\d, \/, \.) are kept as they are.
 */
export function ignoreCase(pattern: RegExp): RegExp {
  const source = pattern.source;
  let out = "";
  let inClass = false;
  // Stryker disable next-line EqualityOperator: charAt(length) is "", which every branch appends as nothing
  for (let i = 0; i < source.length; i++) {
    const char = source.charAt(i);
    if (char === "\\") {
      out += source.slice(i, i + 2);
      i++;
    } else if (inClass) {
      if (char === "]") inClass = false;
      const range = /^([a-zA-Z])-([a-zA-Z])/.exec(source.slice(i));
      // Stryker disable next-line ConditionalExpression: both groups are required, so group 2 is set whenever group 1 is
      if (range?.[1] !== undefined && range[2] !== undefined) {
        out += `${range[0]}${swapCase(range[1])}-${swapCase(range[2])}`;
        i += 2;
      } else {
        out += /[a-zA-Z]/.test(char) ? `${char}${swapCase(char)}` : char;
      }
    } else if (char === "[") {
      inClass = true;
      out += char;
    } else {
      out += /[a-zA-Z]/.test(char) ? `[${char.toLowerCase()}${char.toUpperCase()}]` : char;
    }
  }
  return new RegExp(out);
}

function swapCase(char: string): string {
  return char === char.toLowerCase() ? char.toUpperCase() : char.toLowerCase();
}
