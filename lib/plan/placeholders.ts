import type { CapturedRun } from "./types";
import type { PlanDocument } from "./render";

/**
 * Names the offline plan cannot know. Azure's globally unique names carry a random suffix that `pulumi up` draws
 * once and keeps in state; the mock engine stands in a fixed value, the same for every team. Handing that value
 * out would name hosts and vaults that do not exist, so the plan prints a placeholder in its place everywhere.
 */
export interface PlaceholderName {
  /** URN of the random resource whose result is unknown offline. */
  urn: string;
  /** What the plan prints instead of the mock's stand-in. */
  placeholder: string;
}

export const PREVIEW_NOTICE_FILE = "PREVIEW-NOT-THE-KIT.txt";

interface StandIn extends PlaceholderName {
  pattern: RegExp;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Placeholder text for a random resource: `<unique-suffix-after-pulumi-up>` for logical name `unique-suffix`. */
export function placeholderFor(logicalName: string): string {
  return `<${logicalName}-after-pulumi-up>`;
}

function standIns(run: CapturedRun): StandIn[] {
  return run.resources.flatMap((r) =>
    r.standIn === undefined || r.standIn === ""
      ? []
      : [
          {
            urn: r.urn,
            placeholder: placeholderFor(r.name),
            pattern: new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(r.standIn)}(?![A-Za-z0-9])`, "g"),
          },
        ],
  );
}

/** The random values of the run that stand in for names, as the plan reports them (without the stand-in). */
export function placeholderNames(run: CapturedRun): PlaceholderName[] {
  return standIns(run).map(({ urn, placeholder }) => ({ urn, placeholder }));
}

function replaceDeep(value: unknown, marks: readonly StandIn[]): unknown {
  if (typeof value === "string") return marks.reduce((text, m) => text.replace(m.pattern, m.placeholder), value);
  if (Array.isArray(value)) return value.map((v) => replaceDeep(v, marks));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [replaceDeep(k, marks) as string, replaceDeep(v, marks)]),
    );
  }
  return value;
}

/** `value` (a plan document, the developer files) with every stand-in replaced by its placeholder. */
export function markPlaceholders<T>(run: CapturedRun, value: T): T {
  const marks = standIns(run);
  return (marks.length === 0 ? value : replaceDeep(value, marks)) as T;
}

export type MarkedPlanDocument = PlanDocument & { placeholderNames: PlaceholderName[] };

/** The plan document as printed: placeholders instead of stand-ins, and which names are placeholders. */
export function markPlanDocument(run: CapturedRun, doc: PlanDocument): MarkedPlanDocument {
  return { ...markPlaceholders(run, doc), placeholderNames: placeholderNames(run) };
}

/** What the plan says about the placeholders, in its text and in the notice written beside the preview files. */
export function placeholderNotice(stack: string, names: readonly PlaceholderName[]): string[] {
  if (names.length === 0) return [];
  return [
    `Placeholder names: ${names.map((n) => n.placeholder).join(", ")} ${names.length === 1 ? "stands" : "stand"} for what \`pulumi up\` draws at random`,
    "(the unique suffix of the account subdomain, the Codex base URL and the Key Vault name); the offline plan cannot",
    `know it. The developer files the plan writes (under <out>/${stack}/) are a preview to review, not the kit to hand`,
    "over: they name no real host or vault. After `pulumi up`, write the real kit from the stack outputs:",
    `  npm run kit -- --stack ${stack}`,
  ];
}

/** The developer files as the plan writes them: placeholders in place, plus a notice saying they are a preview. */
export function previewFiles(run: CapturedRun, files: unknown): unknown {
  const names = placeholderNames(run);
  if (names.length === 0 || typeof files !== "object" || files === null || Array.isArray(files)) return files;
  const notice = placeholderNotice(run.stack, names).join("\n");
  return { ...(markPlaceholders(run, files) as Record<string, unknown>), [PREVIEW_NOTICE_FILE]: `${notice}\n` };
}
