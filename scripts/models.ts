/**
 * npm run models -- --check --subscription <id> --location <region> [--json] [--arm-endpoint <url>]
 * Compares lib/models/catalog.json with ARM's Models API for one subscription and region (docs/models.md).
 * npm run models -- --upgrade (--stack <team> | --all) [...]: moves retiring deployments on (tools/models/upgradeCli.ts).
 */
import { DefaultAzureCredential } from "@azure/identity";
import { runModelsCli } from "../lib/models/checkCli";
import { runUpgrade } from "../tools/models/upgradeMain";

void (process.argv.includes("--upgrade") ? runUpgrade(process.argv.slice(2)) : runModelsCli(process.argv.slice(2), {
  credential: () => new DefaultAzureCredential(),
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
})).then((code) => {
  process.exitCode = code;
});
