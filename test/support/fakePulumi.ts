import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { stub } from "./workflowRunner";

/**
 * A stub `pulumi` with a fake backend in <root>/backends: the azblob:// backend of the estate, and any file://
 * backend a job points at. It enforces what Azure would: the reader identity (READER_CLIENT_ID) cannot write to the
 * estate's backend, so `stack init` or `up` there fails. Every call is logged to <root>/pulumi-calls as
 * `<args> | client=<ARM_CLIENT_ID> | backend=<azblob|file> | github-token=<GITHUB_TOKEN or ->`.
 * `up` answers "currently locked" while <root>/locked-<stack> holds a positive count.
 */
export const READER_CLIENT_ID = "reader-0000";

export function fakePulumi(root: string, bin: string): void {
  stub(
    bin,
    "pulumi",
    `#!/usr/bin/env bash
set -u
root=${JSON.stringify(root)}
case "\${PULUMI_BACKEND_URL:-}" in
  azblob://*) kind=azblob; dir="$root/backends/azblob" ;;
  file://*) kind=file; dir="$root/backends/file\${PULUMI_BACKEND_URL#file://}" ;;
  *) echo "error: no backend (PULUMI_BACKEND_URL=\${PULUMI_BACKEND_URL:-})" >&2; exit 255 ;;
esac
printf '%s | client=%s | backend=%s | github-token=%s\\n' "$*" "\${ARM_CLIENT_ID:-}" "$kind" "\${GITHUB_TOKEN:--}" >> "$root/pulumi-calls"
mkdir -p "$dir/stacks"
reader=$([ "$kind" = azblob ] && [ "\${ARM_CLIENT_ID:-}" = ${READER_CLIENT_ID} ] && echo yes || echo no)
stack_arg() { while [ $# -gt 0 ]; do if [ "$1" = --stack ]; then echo "$2"; return; fi; shift; done; }
case "$1 \${2:-}" in
  "stack ls")
    printf '['; sep=''; for f in "$dir"/stacks/*; do [ -e "$f" ] || continue; printf '%s{"name":"organization/codex-boundary/%s"}' "$sep" "$(basename "$f")"; sep=,; done; echo ']' ;;
  "stack init")
    name=$3; provider=$5
    if [ "$reader" = yes ]; then echo "error: AuthorizationPermissionMismatch writing the state" >&2; exit 255; fi
    if [ -e "$dir/stacks/$name" ]; then echo "error: stack '$name' already exists" >&2; exit 255; fi
    printf '%s' "$provider" > "$dir/stacks/$name"
    if [ "$provider" = passphrase ]; then printf 'encryptionsalt: v1:fake\\n' >> "Pulumi.$name.yaml"; else printf 'secretsprovider: %s\\nencryptedkey: ZmFrZQ==\\n' "$provider" >> "Pulumi.$name.yaml"; fi ;;
  "stack export")
    name=$(stack_arg "$@"); provider=$(cat "$dir/stacks/$name")
    if [ "$provider" = passphrase ]; then echo '{"version":3,"deployment":{"secrets_providers":{"type":"passphrase","state":{"salt":"x"}}}}'
    else printf '{"version":3,"deployment":{"secrets_providers":{"type":"cloud","state":{"url":"%s","encryptedkey":"x"}},"resources":[]}}\\n' "$provider"; fi ;;
  preview*)
    name=$(stack_arg "$@"); [ -e "$dir/stacks/$name" ] || { echo "error: no stack named '$name' found" >&2; exit 255; }
    echo "Previewing update ($name)" ;;
  up*)
    name=$(stack_arg "$@"); [ -e "$dir/stacks/$name" ] || { echo "error: no stack named '$name' found" >&2; exit 255; }
    if [ "$reader" = yes ]; then echo "error: AuthorizationPermissionMismatch writing the state" >&2; exit 255; fi
    locks=$(cat "$root/locked-$name" 2>/dev/null || echo 0)
    if [ "$locks" -gt 0 ]; then echo $((locks - 1)) > "$root/locked-$name"; echo "error: the stack is currently locked by 1 lock(s)." >&2; exit 255; fi
    echo "Updating ($name)"; [ -n "\${UP_FAILS:-}" ] && { echo "error: $UP_FAILS" >&2; exit 255; }; true ;;
  *) echo "stub pulumi: unexpected $*" >&2; exit 9 ;;
esac
`,
  );
}

export function pulumiCalls(root: string): string[] {
  const file = join(root, "pulumi-calls");
  return existsSync(file) ? readFileSync(file, "utf8").trim().split("\n") : [];
}

/** Stacks in a fake backend and the secrets provider each was created with. */
export function backendStacks(root: string, backend = "azblob"): Record<string, string> {
  const dir = join(root, "backends", backend, "stacks");
  if (!existsSync(dir)) return {};
  return Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), "utf8")]));
}
