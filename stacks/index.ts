// Entry point for the Pulumi CLI (Pulumi.yaml `main` points at its compiled form, dist/stacks/index.js).
// Exporting the async function makes its result the stack outputs.
import { program } from "./program";

export = program;
