import { type Document, isMap, isScalar, isSeq, parseDocument, Scalar, type YAMLMap, type YAMLSeq } from "yaml";
import { DEPLOYMENT_NAME_PATTERN } from "../config/patterns";
import { DEPLOYMENT_SKUS, type DeploymentSku, isDeploymentSku } from "../config/schema";
import { dataZoneOf } from "../fleet/dataZones";
import { PROJECT_NAME } from "../names";
import { NEW_TEAM_MIN_LIFE_DAYS, RETIREMENT_ADVISE_DAYS, retirementStage } from "./lifecycle";
import { catalogEntry, daysUntilRetirement, MODEL_CATALOG, type ModelCatalog } from "./modelCatalog";
import { successorFor, successorMinDays } from "./successor";

/**
 * Moves a stack off retiring model versions in two steps, so Codex never points at a deployment that does not exist:
 * step 1 adds the successor's deployment next to the retiring one and moves codex.defaultModel to it; step 2 (a
 * later run, once step 1 is deployed) removes the retiring deployment, one per run (Azure refuses parallel
 * deployment deletes). Works on the stack file's text through the yaml Document API, so comments and key order stay.
 */

/** One deployment as the stack file states it. */
export interface DeploymentView {
  name: string;
  model: string;
  version: string;
  sku: DeploymentSku;
  capacity: number;
}

export type UpgradeEdit =
  | {
      kind: "add";
      deployment: DeploymentView;
      location: string;
      replaces: string;
      replacesRetires: string | null;
      liveUntil: string | null;
    }
  | { kind: "default"; from: string; to: string }
  | { kind: "remove"; deployment: DeploymentView; retires: string | null; replacedBy: string };

/** A retiring deployment the catalog has nothing to move to. */
export interface MissingSuccessor {
  deployment: string;
  model: string;
  version: string;
  location: string;
  sku: DeploymentSku;
  retires: string | null;
}

/** A retiring deployment whose removal waits for a later run (one removal per run). */
export interface WaitingRemoval {
  deployment: string;
  retires: string | null;
}

export type UpgradeResult =
  | { ok: true; edits: UpgradeEdit[]; missing: MissingSuccessor[]; waiting: WaitingRemoval[]; text: string }
  | { ok: false; problems: string[] };

/** The yaml options that write an unedited stack file back byte for byte (checked by test/models/upgrade.*). */
const WRITE_OPTIONS = { lineWidth: 0, flowCollectionPadding: false } as const;

const MODELS_KEY = `${PROJECT_NAME}:models`;
const LOCATION_KEY = `${PROJECT_NAME}:location`;
const CODEX_KEY = `${PROJECT_NAME}:codex`;

interface StackView {
  config: YAMLMap;
  location: string;
  models: YAMLSeq;
  deployments: DeploymentView[];
  /** codex.defaultModel as written, undefined when the file leaves it to the first deployment. */
  defaultModel: string | undefined;
}

function deploymentAt(item: unknown, index: number, problems: string[]): DeploymentView | undefined {
  const at = `${MODELS_KEY}[${index}]`;
  if (!isMap(item)) {
    problems.push(`${at} must be a mapping with name, model, version, sku and capacity`);
    return undefined;
  }
  const field = (key: string): unknown => item.get(key);
  const [name, model, version, sku, capacity] = ["name", "model", "version", "sku", "capacity"].map(field);
  const before = problems.length;
  for (const [key, value] of [
    ["name", name],
    ["model", model],
    ["version", version],
  ] as const) {
    if (typeof value !== "string" || value === "")
      problems.push(`${at}.${key} must be a non-empty string (got ${JSON.stringify(value ?? null)})`);
  }
  if (!isDeploymentSku(sku))
    problems.push(`${at}.sku must be one of ${DEPLOYMENT_SKUS.join(", ")} (got ${JSON.stringify(sku ?? null)})`);
  if (typeof capacity !== "number" || !Number.isInteger(capacity) || capacity <= 0)
    problems.push(`${at}.capacity must be a positive integer (got ${JSON.stringify(capacity ?? null)})`);
  if (problems.length > before) return undefined;
  return {
    name: name as string,
    model: model as string,
    version: version as string,
    sku: sku as DeploymentSku,
    capacity: capacity as number,
  };
}

function readView(doc: Document, problems: string[]): StackView | undefined {
  if (doc.errors.length > 0) {
    for (const error of doc.errors) problems.push(`not valid YAML: ${error.message.split("\n")[0] ?? ""}`);
    return undefined;
  }
  const config = doc.get("config", true);
  if (!isMap(config)) {
    problems.push("has no `config:` mapping");
    return undefined;
  }
  const location = config.get(LOCATION_KEY);
  if (typeof location !== "string" || location === "")
    problems.push(`${LOCATION_KEY} must name the Azure region (got ${JSON.stringify(location ?? null)})`);
  const models = config.get(MODELS_KEY, true);
  if (!isSeq(models) || models.items.length === 0)
    problems.push(`${MODELS_KEY} must be a non-empty list of deployments`);
  const codex = config.get(CODEX_KEY, true);
  if (codex !== undefined && !isMap(codex)) problems.push(`${CODEX_KEY} must be a mapping`);
  const defaultModel = isMap(codex) ? codex.get("defaultModel") : undefined;
  if (defaultModel !== undefined && typeof defaultModel !== "string")
    problems.push(`${CODEX_KEY}.defaultModel must be a deployment name (got ${JSON.stringify(defaultModel)})`);
  const deployments = isSeq(models) ? models.items.map((item, i) => deploymentAt(item, i, problems)) : [];
  if (problems.length > 0 || !isSeq(models) || typeof location !== "string") return undefined;
  return {
    config,
    location,
    models,
    deployments: deployments as DeploymentView[],
    defaultModel: defaultModel as string | undefined,
  };
}

/** Retired, or retiring within the advisory window (RETIREMENT_ADVISE_DAYS). Models the catalog does not know are the parser's to report. */
function retiringDay(
  d: DeploymentView,
  nowMs: number,
  catalog: ModelCatalog,
): { retires: string | null; retired: boolean } | undefined {
  const entry = catalogEntry(d.model, d.version, catalog);
  if (entry === undefined) return undefined;
  const stage = retirementStage(entry, nowMs);
  if (stage === "retired") return { retires: entry.retirementDate, retired: true };
  const days = daysUntilRetirement(entry, nowMs);
  return days !== undefined && days <= RETIREMENT_ADVISE_DAYS
    ? { retires: entry.retirementDate, retired: false }
    : undefined;
}

/** The successor's deployment name: its model name, else model-version, else with a counter, whichever is free. */
function freeName(model: string, version: string, taken: ReadonlySet<string>): string {
  const candidates = [model, `${model}-${version}`];
  for (let i = 2; ; i++) {
    const name = candidates.shift() ?? `${model}-${version}-${i}`;
    if (!taken.has(name) && DEPLOYMENT_NAME_PATTERN.test(name)) return name;
  }
}

/** What to change, from the deployments as written: pure, no YAML. */
export function planUpgrade(
  view: { location: string; deployments: readonly DeploymentView[]; defaultModel: string | undefined },
  nowMs: number,
  catalog: ModelCatalog = MODEL_CATALOG,
): { edits: UpgradeEdit[]; missing: MissingSuccessor[]; waiting: WaitingRemoval[] } {
  const edits: UpgradeEdit[] = [];
  const missing: MissingSuccessor[] = [];
  const waiting: WaitingRemoval[] = [];
  const deployments = [...view.deployments];
  const originalDefault = view.defaultModel ?? view.deployments[0]?.name;
  let currentDefault = originalDefault;
  let removed = false;
  const retiring = (d: DeploymentView) => retiringDay(d, nowMs, catalog) !== undefined;
  for (const d of view.deployments) {
    const retirement = retiringDay(d, nowMs, catalog);
    if (retirement === undefined) continue;
    const successor = successorFor(
      { model: d.model, version: d.version },
      { location: view.location, sku: d.sku, nowMs, minDays: successorMinDays(d, nowMs, catalog) },
      catalog,
    );
    if (successor === undefined) {
      missing.push({
        deployment: d.name,
        model: d.model,
        version: d.version,
        location: view.location,
        sku: d.sku,
        retires: retirement.retires,
      });
      continue;
    }
    const { model, version } = successor.entry;
    const sameAs = (m: DeploymentView) => m.model === model && m.version === version && m.sku === d.sku && !retiring(m);
    const existedBefore = view.deployments.find(sameAs);
    let target = deployments.find(sameAs);
    if (target === undefined) {
      target = {
        name: freeName(model, version, new Set(deployments.map((m) => m.name))),
        model,
        version,
        sku: d.sku,
        capacity: d.capacity,
      };
      deployments.push(target);
      edits.push({
        kind: "add",
        deployment: target,
        location: view.location,
        replaces: d.name,
        replacesRetires: retirement.retires,
        liveUntil: successor.liveUntil,
      });
    }
    if (currentDefault === d.name) {
      edits.push({ kind: "default", from: d.name, to: target.name });
      currentDefault = target.name;
    }
    // Step 2: the successor was already in the file and Codex no longer defaults to d. A retired d answers 410
    // already, so nothing is lost by removing it in the run that adds its successor.
    const removable = retirement.retired || (existedBefore !== undefined && originalDefault !== d.name);
    if (!removable) continue;
    if (removed) {
      waiting.push({ deployment: d.name, retires: retirement.retires });
      continue;
    }
    removed = true;
    edits.push({ kind: "remove", deployment: d, retires: retirement.retires, replacedBy: target.name });
  }
  return { edits, missing, waiting };
}

function quotedScalar(value: string): Scalar {
  const scalar = new Scalar(value);
  scalar.type = Scalar.QUOTE_DOUBLE;
  return scalar;
}

/** The edits through the Document API; yaml's writer then normalizes what it does not keep (e.g. spaces before a comment). */
function editDocument(doc: Document, view: StackView, edits: readonly UpgradeEdit[]): void {
  for (const edit of edits) {
    if (edit.kind === "add") {
      const { name, model, version, sku, capacity } = edit.deployment;
      // Versions look like dates: quoted, as the stack files write them, so no YAML 1.1 reader takes them for one.
      view.models.add(doc.createNode({ name, model, version: quotedScalar(version), sku, capacity }));
    } else if (edit.kind === "default") {
      const codex = view.config.get(CODEX_KEY, true);
      if (!isMap(codex)) {
        view.config.set(CODEX_KEY, doc.createNode({ defaultModel: edit.to }));
        continue;
      }
      const node = codex.get("defaultModel", true);
      // The scalar keeps its comments and quoting; only its value changes.
      if (isScalar(node)) node.value = edit.to;
      // First, in the schema's key order, as the splice writes it.
      else codex.items.unshift(doc.createPair("defaultModel", edit.to));
    } else {
      const index = view.models.items.findIndex((item) => isMap(item) && item.get("name") === edit.deployment.name);
      view.models.items.splice(index, 1);
    }
  }
}

interface Splice {
  start: number;
  end: number;
  text: string;
}

function lineStart(text: string, at: number): number {
  return text.lastIndexOf("\n", at - 1) + 1;
}

/** A scalar as YAML text: plain where it reads back as the same string, else double-quoted. */
function scalarText(value: string, type?: Scalar.Type | null): string {
  if (type === Scalar.QUOTE_DOUBLE) return JSON.stringify(value);
  if (type === Scalar.QUOTE_SINGLE) return `'${value.replaceAll("'", "''")}'`;
  const readBack: unknown = parseDocument(value).toJS();
  return readBack === value && !/[#:]/.test(value) ? value : JSON.stringify(value);
}

/** Where the comment lines directly above a line start (indented at least `indent`): they describe what follows. */
function commentsAbove(text: string, start: number, indent: number): number {
  let at = start;
  while (at > 0) {
    const above = lineStart(text, at - 1);
    const line = text.slice(above, at - 1);
    if (!line.trimStart().startsWith("#") || line.length - line.trimStart().length < indent) break;
    at = above;
  }
  return at;
}

type Range = [number, number, number];

function rangeOf(node: unknown): Range | undefined {
  const range = (node as { range?: Range | null } | null)?.range;
  return range ?? undefined;
}

/**
 * The same edits as text splices at the nodes' source ranges: every byte outside the edited nodes stays as it was.
 * Undefined where the layout has no place to splice into (a flow list, no codex mapping); the Document's output is used then.
 */
function spliceEdits(text: string, view: StackView, edits: readonly UpgradeEdit[]): string | undefined {
  if (view.models.flow === true) return undefined;
  const items = view.models.items;
  const first = rangeOf(items[0]);
  const last = rangeOf(items[items.length - 1]);
  if (first === undefined || last === undefined) return undefined;
  const itemLine = text.slice(lineStart(text, first[0]), first[0]);
  const dash = itemLine.lastIndexOf("-");
  if (dash === -1) return undefined;
  const pad = (n: number) => " ".repeat(n);
  const splices: Splice[] = [];
  for (const edit of edits) {
    if (edit.kind === "add") {
      const { name, model, version, sku, capacity } = edit.deployment;
      const fields: Array<[string, string]> = [
        ["name", scalarText(name)],
        ["model", scalarText(model)],
        ["version", JSON.stringify(version)],
        ["sku", sku],
        ["capacity", String(capacity)],
      ];
      const lines = fields.map(
        ([key, value], i) =>
          `${i === 0 ? `${pad(dash)}-${pad(itemLine.length - dash - 1)}` : pad(itemLine.length)}${key}: ${value}\n`,
      );
      const at = last[2];
      splices.push({ start: at, end: at, text: `${text[at - 1] === "\n" ? "" : "\n"}${lines.join("")}` });
    } else if (edit.kind === "default") {
      const codex = view.config.get(CODEX_KEY, true);
      if (!isMap(codex) || codex.flow === true) return undefined;
      const node = codex.get("defaultModel", true);
      const range = rangeOf(node);
      if (isScalar(node) && range !== undefined) {
        splices.push({ start: range[0], end: range[1], text: scalarText(edit.to, node.type) });
        continue;
      }
      const firstKey = rangeOf(codex.items[0]?.key);
      if (node !== undefined || firstKey === undefined) return undefined;
      const at = lineStart(text, firstKey[0]);
      splices.push({ start: at, end: at, text: `${pad(firstKey[0] - at)}defaultModel: ${scalarText(edit.to)}\n` });
    } else {
      const index = items.findIndex((item) => isMap(item) && item.get("name") === edit.deployment.name);
      const range = rangeOf(items[index]);
      const previous = index > 0 ? rangeOf(items[index - 1]) : undefined;
      if (range === undefined || (index > 0 && previous === undefined)) return undefined;
      // From the end of the item before it (so the comment lines above the item go with it) to the item's end.
      splices.push({
        start: previous?.[2] ?? commentsAbove(text, lineStart(text, range[0]), dash),
        end: range[2],
        text: "",
      });
    }
  }
  let out = text;
  // From the end backwards, so earlier offsets stay valid; at one offset the later edit first, so the text keeps the edits' order.
  const ordered = splices
    .map((splice, order) => ({ ...splice, order }))
    .sort((a, b) => b.start - a.start || b.order - a.order);
  for (const s of ordered) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

function sameValue(a: string, b: string): boolean {
  return JSON.stringify(parseDocument(a).toJS()) === JSON.stringify(parseDocument(b).toJS());
}

/** Upgrades one stack file's text; problems (one per finding) when it cannot be read as a stack file. */
export function upgradeStackText(text: string, nowMs: number, catalog: ModelCatalog = MODEL_CATALOG): UpgradeResult {
  const doc = parseDocument(text);
  const problems: string[] = [];
  const view = readView(doc, problems);
  if (view === undefined) return { ok: false, problems };
  const plan = planUpgrade(view, nowMs, catalog);
  if (plan.edits.length === 0) return { ok: true, ...plan, text };
  const spliced = spliceEdits(text, view, plan.edits);
  editDocument(doc, view, plan.edits);
  const written = doc.toString(WRITE_OPTIONS);
  // The splices keep the bytes; the Document says what the result must mean. Where they disagree the Document wins.
  return { ok: true, ...plan, text: spliced !== undefined && sameValue(spliced, written) ? spliced : written };
}

/** The region, and for a DataZone* SKU the data zone its prompts stay in (the successor keeps both). */
function placeText(sku: DeploymentSku, location: string): string {
  const zone = sku.startsWith("DataZone") ? dataZoneOf(location) : undefined;
  return zone === undefined ? location : `${location}, data zone ${zone}`;
}

function lives(day: string | null): string {
  return day === null ? "no retirement scheduled" : `lives until ${day}`;
}

/** What the run changed (or would change) in one stack, one line each. */
export function describeUpgrade(
  stack: string,
  result: { edits: readonly UpgradeEdit[]; missing: readonly MissingSuccessor[]; waiting: readonly WaitingRemoval[] },
): string[] {
  const lines = result.edits.map((edit) => {
    if (edit.kind === "add") {
      const d = edit.deployment;
      return `${stack}: add deployment ${d.name} (${d.model} ${d.version}, ${d.sku} in ${placeText(d.sku, edit.location)}, capacity ${d.capacity}; ${lives(edit.liveUntil)}) to replace ${edit.replaces}, which retires ${edit.replacesRetires ?? "now"}`;
    }
    if (edit.kind === "default")
      return `${stack}: codex.defaultModel ${edit.from} -> ${edit.to} (the GitHub variable and the developer kit follow once ${edit.to} is deployed)`;
    const d = edit.deployment;
    return `${stack}: remove deployment ${d.name} (${d.model} ${d.version}, ${edit.retires === null ? "retired" : `retires ${edit.retires}`}); Codex uses ${edit.replacedBy}`;
  });
  for (const w of result.waiting)
    lines.push(
      `${stack}: ${w.deployment} (retires ${w.retires ?? "now"}) is removed by a later run: one deployment delete per deployment run`,
    );
  for (const m of result.missing) {
    lines.push(
      `${stack}: ${m.deployment} (${m.model} ${m.version}, ${m.sku} in ${placeText(m.sku, m.location)}) retires ${m.retires ?? "now"} and the catalog has no successor offered as ${m.sku} there ` +
        `that lives ${NEW_TEAM_MIN_LIFE_DAYS} more days and past ${m.retires ?? "today"}; fix: refresh the catalog (npm run models -- --refresh, docs/models.md), or choose another region or SKU for the stack`,
    );
  }
  return lines;
}
