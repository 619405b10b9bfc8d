/**
 * Operations on the account after its last model deployment. Azure answers 409 RequestConflict ("another operation
 * is being performed on the parent resource") when two start at once, so they run one after another, in this order:
 * its audit trail, then the key regeneration (which does not exist in keyless mode). The account's private endpoint
 * comes before the model deployments, straight after the account (stacks/azure.ts): a DeployIfNotExists
 * "private endpoint" assignment checks for one a few minutes after the account's PUT (issue 26).
 */
export const ACCOUNT_OPERATION_ORDER = ["diagnostic-setting", "key-regeneration"] as const;

export type AccountOperation = (typeof ACCOUNT_OPERATION_ORDER)[number];

/** What each operation waits for: the one before it, the first the account's last deployment. */
export interface ChainLink {
  operation: AccountOperation;
  after: AccountOperation | "last-deployment";
}

export function chainAccountOperations(present: readonly AccountOperation[]): ChainLink[] {
  if (new Set(present).size !== present.length)
    throw new Error(`an account operation is listed twice: ${present.join(", ")}`);
  const ordered = ACCOUNT_OPERATION_ORDER.filter((operation) => present.includes(operation));
  return ordered.map((operation, index) => ({
    operation,
    after: index === 0 ? "last-deployment" : (ordered[index - 1] as AccountOperation),
  }));
}
