import { Language, type Node, Parser } from "web-tree-sitter";

let parser: Promise<Parser> | undefined;

/** A PowerShell parser (the tree-sitter grammar as WebAssembly): PowerShell itself cannot be installed here. */
export function powerShellParser(): Promise<Parser> {
  parser ??= (async () => {
    await Parser.init();
    const instance = new Parser();
    instance.setLanguage(await Language.load(require.resolve("tree-sitter-powershell/tree-sitter-powershell.wasm")));
    return instance;
  })();
  return parser;
}

/** Every node of a tree, depth first. */
export function descendants(node: Node): Node[] {
  return [node, ...node.children.filter((child): child is Node => child !== null).flatMap(descendants)];
}
