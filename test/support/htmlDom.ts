import type { DefaultTreeAdapterMap } from "parse5" with { "resolution-mode": "import" };
import { beforeAll } from "vitest";

export type Node = DefaultTreeAdapterMap["node"];
export type Element = DefaultTreeAdapterMap["element"];

/** Every element under `node`, itself first, <template> contents included. */
export function elements(node: Node): Element[] {
  const own = "tagName" in node ? [node] : [];
  const children = "childNodes" in node ? node.childNodes : [];
  const content = "content" in node && node.content ? [node.content as Node] : [];
  return [...own, ...[...children, ...content].flatMap(elements)];
}

export const attr = (el: Element, name: string): string | undefined => el.attrs.find((a) => a.name === name)?.value;

/** The text a reader sees under `node`. */
export function textOf(node: Node): string {
  if (node.nodeName === "#text") return (node as DefaultTreeAdapterMap["textNode"]).value;
  return "childNodes" in node ? node.childNodes.map(textOf).join("") : "";
}

/**
 * parse5's HTML parser for the tests of one file, loaded before they run: parse5 is an ES module and this project
 * compiles tests as CommonJS, so it comes in by dynamic import.
 */
export function htmlParserForSuite(): (html: string) => DefaultTreeAdapterMap["document"] {
  let parse: ((html: string) => DefaultTreeAdapterMap["document"]) | undefined;
  beforeAll(async () => {
    ({ parse } = await import("parse5"));
  });
  return (html) => {
    if (parse === undefined) throw new Error("parse5 is loaded in beforeAll: call the parser inside a test");
    return parse(html);
  };
}
