// Entry point for the Pulumi CLI (Pulumi.yaml `main` points at its compiled form, dist/stacks/index.js).
// Exporting the async function makes its result the stack outputs. The real clock enters here and nowhere else
// in the stack; platform.yaml is read beside the stack files: Pulumi runs the program in the project directory.
import { systemClock } from "../tools/clock";
import { readPlatformFile } from "./platformFile";
import { program } from "./program";

export = () => program(systemClock, () => readPlatformFile(process.cwd()));
