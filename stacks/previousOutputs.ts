import * as pulumi from "@pulumi/pulumi";
import type { StackOutputName, UncheckedStackOutputs } from "../lib/stackOutputs";

/**
 * Named outputs of this stack's last successful update (undefined each on a first deployment), read through a
 * reference to the stack itself.
 */
export async function ownPreviousOutputs(
  referenceName: string,
  names: readonly StackOutputName[],
): Promise<UncheckedStackOutputs> {
  const self = new pulumi.StackReference(referenceName, {
    name: `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}`,
  });
  const details = await Promise.all(names.map((name) => self.getOutputDetails(name)));
  return Object.fromEntries(names.map((name, i) => [name, details[i]?.value ?? details[i]?.secretValue]));
}
