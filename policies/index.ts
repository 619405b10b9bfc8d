// The policy pack: `pulumi preview|up --policy-pack policies` (or, after `npm run build`, `--policy-pack dist/policies`).
// Constructing the pack starts the analyzer's gRPC server, so nothing else imports this file.
import { PolicyPack } from "@pulumi/policy";
import { BOUNDARY_POLICIES } from "../lib/policy/rules";
import { systemClock } from "../tools/clock";
import { toPulumiPolicies } from "./adapter";

new PolicyPack("codex-boundary", { policies: toPulumiPolicies(BOUNDARY_POLICIES, systemClock) });
