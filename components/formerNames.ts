import type * as pulumi from "@pulumi/pulumi";

/**
 * Resource options for a child that was known by other names before (a fixed name before components named their
 * children from their own name; a list position before children were named from what they are). An alias (an old
 * name, under the same parent) lets the engine find the deployed resource in state and update it in place instead of
 * replacing it. Names equal to the current one are dropped.
 */
export function formerlyNamed(oldNames: string | readonly string[], name: string): { aliases: pulumi.Alias[] } {
  const names = typeof oldNames === "string" ? [oldNames] : oldNames;
  return { aliases: [...new Set(names)].filter((old) => old !== name).map((old) => ({ name: old })) };
}
