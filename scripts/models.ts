/**
 * npm run models -- --check --subscription <id> --location <region> [--json] [--arm-endpoint <url>]
 * Compares lib/models/catalog.json with ARM's Models API for one subscription and region (docs/models.md).
 * npm run models -- --upgrade (--stack <team> | --all) [...]: moves retiring deployments on (tools/models/upgradeCli.ts).
 * npm run models -- --refresh [--write] | --access --stack <team>: tools/models/refreshMain.ts.
 */
import { DefaultAzureCredential } from "@azure/identity";
import { runModelsCli } from "../tools/models/checkCli";
import { refreshOrAccess } from "../tools/models/refreshMain";
import { runUpgrade } from "../tools/models/upgradeMain";

const argv = process.argv.slice(2);
void (argv.includes("--upgrade") ? runUpgrade(argv) : refreshOrAccess(argv) ?? runModelsCli(argv, {
  credential: () => new DefaultAzureCredential(),
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
})).then((code) => {
  process.exitCode = code;
});
