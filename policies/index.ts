// The policy pack: `npm run build`, then `pulumi preview|up --policy-pack dist/policies`.
// Constructing the pack starts the analyzer's gRPC server, so nothing else imports this file.
import { PolicyPack } from "@pulumi/policy";
import { toPulumiPolicies } from "./adapter";

new PolicyPack("codex-boundary", { policies: toPulumiPolicies() });
