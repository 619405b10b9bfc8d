import type * as pulumi from "@pulumi/pulumi";

/**
 * Resource options for a child that had a fixed name before components named their children from their own name.
 * The alias (the old name, under the same parent) lets the engine find the deployed resource in state and update
 * it in place instead of replacing it.
 */
export function formerlyNamed(oldName: string, name: string): { aliases: pulumi.Alias[] } {
  return { aliases: oldName === name ? [] : [{ name: oldName }] };
}
