import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A folder to put first on PATH with a stub Azure CLI that prints `key` for `az keyvault secret show` (what the kit's
 * get-key.sh runs in key mode). The key is in the stub's file only, never in its arguments or environment.
 */
export function stubAzBin(key: string): string {
  const bin = join(mkdtempSync(join(tmpdir(), "cb-stub-az-")), "bin");
  mkdirSync(bin);
  writeFileSync(
    join(bin, "az"),
    `#!/bin/sh\n[ "$1 $2 $3" = "keyvault secret show" ] || { echo "stub az: unexpected $*" >&2; exit 2; }\necho "${key}"\n`,
  );
  chmodSync(join(bin, "az"), 0o755);
  return bin;
}
