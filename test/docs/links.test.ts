import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import type GithubSlugger from "github-slugger" with { "resolution-mode": "import" };
import MarkdownIt from "markdown-it";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "../..");
const markdown = new MarkdownIt();
// github-slugger is ESM only; this project is CommonJS, so it comes in by dynamic import.
let Slugger: typeof GithubSlugger;
beforeAll(async () => {
  Slugger = (await import("github-slugger")).default;
});

/** Every Markdown file people read: README, docs/, and the Markdown next to the code they describe. */
function markdownFiles(): string[] {
  const docs = readdirSync(join(ROOT, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => join(ROOT, "docs", name));
  return [join(ROOT, "README.md"), join(ROOT, "CHANGELOG.md"), ...docs];
}

interface Parsed {
  /** Headings and bold run-in titles; only headings have a slug (an anchor). */
  headings: Array<{ text: string; slug: string }>;
  links: Array<{ href: string; line: number }>;
  text: string;
}

const parsedCache = new Map<string, Parsed>();

function parse(file: string): Parsed {
  const cached = parsedCache.get(file);
  if (cached !== undefined) return cached;
  const text = readFileSync(file, "utf8");
  const tokens = markdown.parse(text, {});
  const slugger = new Slugger();
  const headings: Parsed["headings"] = [];
  const links: Parsed["links"] = [];
  tokens.forEach((token, index) => {
    if (token.type === "heading_open") {
      const inline = tokens[index + 1];
      const plain = (inline?.children ?? [])
        .filter((child) => child.type === "text" || child.type === "code_inline")
        .map((child) => child.content)
        .join("");
      headings.push({ text: plain, slug: slugger.slug(plain) });
    }
    // The docs also name sections by a bold run-in title: "**Values Azure takes only at creation.** One table...".
    const previous = tokens[index - 1];
    const [first, title] = (token.children ?? []).filter((child) => !(child.type === "text" && child.content === ""));
    if (token.type === "inline" && previous?.type === "paragraph_open" && first?.type === "strong_open")
      if (title?.type === "text") headings.push({ text: title.content.replace(/\.$/, ""), slug: "" });
    if (token.type === "inline")
      for (const child of token.children ?? [])
        if (child.type === "link_open") {
          const href = child.attrGet("href");
          if (typeof href === "string") links.push({ href, line: (token.map?.[0] ?? 0) + 1 });
        }
  });
  const result = { headings, links, text };
  parsedCache.set(file, result);
  return result;
}

function where(file: string, line: number): string {
  return `${relative(ROOT, file)}:${line}`;
}

/** A link's target inside the repository: the file and the heading it names, or undefined for an outside address. */
function localTarget(from: string, href: string): { file: string; anchor: string | undefined } | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return undefined;
  const [path = "", anchor] = href.split("#", 2);
  return { file: path === "" ? from : resolve(dirname(from), decodeURIComponent(path)), anchor };
}

function headingFile(from: string, name: string): string {
  if (name === "README") return join(ROOT, "README.md");
  const sibling = resolve(dirname(from), name);
  return existsSync(sibling) ? sibling : join(ROOT, name);
}

/** `docs/x.md, "Heading"` or `(README, "Heading")`: the prose way the docs point into another document. */
const PROSE_REFERENCE = /((?:docs\/)?[a-z][a-z-]*\.md|README)\)?,\s+"[^"]{3,80}"(?:,\s+"[^"]{3,80}")*/g;
const QUOTED = /"([^"]+)"/g;

function normalized(heading: string): string {
  return heading.replace(/[`*]/g, "").trim().toLowerCase();
}

describe("every link in the docs lands", () => {
  it("each relative link names a file that exists and, with #anchor, a heading in it", () => {
    const broken: string[] = [];
    for (const file of markdownFiles())
      for (const { href, line } of parse(file).links) {
        const target = localTarget(file, href);
        if (target === undefined) continue;
        if (!existsSync(target.file)) {
          broken.push(`${where(file, line)}: ${href}: no such file`);
          continue;
        }
        if (target.anchor !== undefined && target.file.endsWith(".md")) {
          const slugs = parse(target.file)
            .headings.map((heading) => heading.slug)
            .filter((slug) => slug !== "");
          if (!slugs.includes(target.anchor)) broken.push(`${where(file, line)}: ${href}: no heading with that anchor`);
        }
      }
    expect(broken).toEqual([]);
  });

  it('each prose reference (file, "Heading") names a heading of that file', () => {
    const broken: string[] = [];
    for (const file of markdownFiles()) {
      const { text } = parse(file);
      // References wrap across lines, so the whole text is searched; a heading may follow another one ("A", "B").
      for (const match of text.matchAll(PROSE_REFERENCE)) {
        const [whole, name = ""] = match;
        const line = text.slice(0, match.index).split("\n").length;
        const target = headingFile(file, name);
        if (!existsSync(target)) {
          broken.push(`${where(file, line)}: ${name}: no such file`);
          continue;
        }
        const headings = parse(target).headings.map((h) => normalized(h.text));
        for (const [, heading = ""] of whole.matchAll(QUOTED))
          if (!headings.some((h) => h.startsWith(normalized(heading.replace(/\s+/g, " ")))))
            broken.push(`${where(file, line)}: ${name}, "${heading}": no such heading`);
      }
    }
    expect(broken).toEqual([]);
  });
});
