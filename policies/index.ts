// The policy pack: `pulumi preview|up --policy-pack policies` (or, after `npm run build`, `--policy-pack dist/policies`).
// Constructing the pack starts the analyzer's gRPC server, so nothing else imports this file.
import { PolicyPack } from "@pulumi/policy";
import { toPulumiPolicies } from "./adapter";

new PolicyPack("codex-boundary", { policies: toPulumiPolicies() });
