import { CodeLens, Command, Location, Position, Range } from 'vscode-languageserver-types';
import { KindConfig, Need } from '../core/config';
import { ItemDef, Reference } from '../core/model';
import { engineItemView, ItemView } from '../core/itemView';
import { isVerb } from '../core/verbs';
import { ServiceContext, toLspRange } from './context';
import { referencesOf } from './references';
import type { TestLink } from '../core/testResults/verification';
import { ANNOTATED_ONLY, verificationCountsText } from './testStatus';

/** Client commands the lenses invoke (registered by the VS Code extension). */
export const SHOW_REFERENCES_COMMAND = 'seclife.showReferences';
export const OPEN_ITEM_COMMAND = 'seclife.openItem';

/** Titles longer than this are cut in annotation lenses (several IDs share one line). */
const MAX_TITLE = 60;
/** Mitigating items named in a threat's lens before "+N more". */
const MAX_NAMES = 3;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function needLabel(need: Need | string): string {
  return need.startsWith('links:') ? `${need.slice(6)} link` : need;
}

/** " · ✓" when every need is met, " · missing: verified, …" otherwise, "" for an item of a kind without needs that is covered. */
function needsSuffix(view: ItemView): string {
  const missing = view.unmet;
  if (view.needs.length === 0 && missing.length === 0) return '';
  return missing.length === 0 ? ' · ✓' : ` · missing: ${missing.map(needLabel).join(', ')}`;
}

function distinct(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

/** "mitigated by RC-001, RC-004", "accepted", "not mitigated" for an item that needs mitigation. */
function mitigationText(view: ItemView): string {
  const items = view.mitigatingItems;
  const inCode = view.state.mitigations.filter((r) => r.role === 'mitigates').length;
  const names =
    items.length > MAX_NAMES ? [...items.slice(0, MAX_NAMES), `+${items.length - MAX_NAMES} more`] : [...items];
  if (inCode) names.push(`${inCode} @mitigates`);
  if (names.length) return `mitigated by ${names.join(', ')}`;
  return view.acceptedRisk ?? 'not mitigated';
}

/** The lens text of an item: link counts, then whether its needs are met. */
export function itemLensTitle(view: ItemView, kind: KindConfig | undefined): string {
  const { needs, state } = view;
  const parts: string[] = [];
  const mitigates = view.mitigatedThreats.length;
  if (mitigates || kind?.links.mitigates) parts.push(`mitigates ${plural(mitigates, 'threat')}`);
  if (needs.includes('implemented') || state.implementations.length)
    parts.push(plural(state.implementations.length, 'implementation'));
  // `3 tests · ✓ 2 passed · ✗ 1 failed` with test results, `2 tests · annotated only` without (testStatus.ts).
  if (needs.includes('verified') || state.verifications.length)
    parts.push(verificationCountsText(view.verification, state.verifications.length));
  if (needs.includes('mitigated')) parts.push(mitigationText(view));
  else if (state.mitigations.length) {
    const by = distinct(state.mitigations.map((r) => r.fromItem ?? `${r.file}:${r.range.line}`)).length;
    parts.push(`mitigated by ${plural(by, 'control')}`);
  }
  if (parts.length === 0) parts.push(plural(state.references.length, 'reference'));
  return parts.join(' · ') + needsSuffix(view);
}

function position(def: ItemDef): Position {
  return toLspRange(def.idRange).start;
}

function itemLens(ctx: ServiceContext, path: string, def: ItemDef): CodeLens | undefined {
  const view = engineItemView(ctx.engine, def.id);
  if (!view) return undefined;
  const range = toLspRange(def.idRange);
  if (view.def !== def) {
    const first = view.def;
    const title = `duplicate of ${first.id} at ${first.file}:${first.idRange.line}`;
    return {
      range,
      command: { title, command: OPEN_ITEM_COMMAND, arguments: [ctx.uri(first.file), toLspRange(first.idRange)] },
    };
  }
  const title = itemLensTitle(view, ctx.engine.config.kinds[def.kind]);
  const locations: Location[] = referencesOf(ctx, def.id, false);
  const command: Command = locations.length
    ? { title, command: SHOW_REFERENCES_COMMAND, arguments: [ctx.uri(path), position(def), locations] }
    : { title, command: '' };
  return { range, command };
}

function cut(text: string): string {
  return text.length > MAX_TITLE ? `${text.slice(0, MAX_TITLE - 1)}…` : text;
}

/** An `@verifies` annotation's own test, in the lens: never "covered" when it failed or did not run. */
function testPart(link: TestLink): string {
  switch (link.status) {
    case 'passed':
      return '✓ test passed';
    case 'failed':
      return '✗ test failed';
    case 'skipped':
      return 'test skipped';
    case 'annotated':
      return ANNOTATED_ONLY;
    default:
      return link.reason === 'unbound' ? 'no test found' : 'test not run';
  }
}

/**
 * "SR-001 Lock accounts · ✓ covered", "… · missing: verified", "SR-404 · not defined". On an
 * `@verifies` in a test file, its test's result comes first ("✗ test failed · missing:
 * verified"), or "annotated only" when no result files are read.
 */
function annotationPart(ctx: ServiceContext, id: string, verifies: Reference | undefined): string {
  const view = engineItemView(ctx.engine, id);
  if (!view) return `${id} · not defined`;
  const head = view.title ? `${id} ${cut(view.title)}` : id;
  const missing = view.unmet;
  const gaps = missing.length ? ` · missing: ${missing.map(needLabel).join(', ')}` : '';
  const link = verifies && view.testLink(verifies);
  if (link && link.status !== 'annotated') return `${head} · ${testPart(link)}${gaps}`;
  const base = missing.length === 0 ? `${head} · ✓ covered` : `${head}${gaps}`;
  return link ? `${base} · ${ANNOTATED_ONLY}` : base;
}

/**
 * One lens per annotation line. One defined ID opens its definition (`seclife.openItem`);
 * several defined IDs peek all their definitions (`seclife.showReferences`).
 */
function annotationLens(ctx: ServiceContext, path: string, refs: Reference[]): CodeLens {
  const ids = distinct(refs.map((r) => r.id));
  const first = refs[0].range;
  const last = refs[refs.length - 1].range;
  const range: Range = toLspRange({
    line: first.line,
    column: first.column,
    endLine: last.endLine,
    endColumn: last.endColumn,
  });
  const title = ids
    .map((id) =>
      annotationPart(
        ctx,
        id,
        refs.find((r) => r.id === id && r.role === 'verifies'),
      ),
    )
    .join(' | ');
  const defs = ids.map((id) => ctx.engine.graphView.definitions(id)[0]).filter((d): d is ItemDef => d !== undefined);
  let command: Command;
  if (defs.length === 1) {
    command = { title, command: OPEN_ITEM_COMMAND, arguments: [ctx.uri(defs[0].file), toLspRange(defs[0].idRange)] };
  } else if (defs.length > 1) {
    const locations: Location[] = defs.map((d) => ({ uri: ctx.uri(d.file), range: toLspRange(d.idRange) }));
    command = { title, command: SHOW_REFERENCES_COMMAND, arguments: [ctx.uri(path), range.start, locations] };
  } else command = { title, command: '' };
  return { range, command };
}

/** Lenses on items (link counts and coverage) and on annotations (the item's title and coverage). */
export function codeLenses(ctx: ServiceContext, path: string): CodeLens[] {
  const index = ctx.engine.fileIndex(path);
  if (!index) return [];
  const out: CodeLens[] = [];
  for (const def of index.items) {
    const lens = itemLens(ctx, path, def);
    if (lens) out.push(lens);
  }
  const byLine = new Map<number, Reference[]>();
  for (const ref of index.refs) {
    if (!isVerb(ref.role)) continue;
    const list = byLine.get(ref.range.line);
    if (list) list.push(ref);
    else byLine.set(ref.range.line, [ref]);
  }
  for (const refs of byLine.values()) {
    refs.sort((a, b) => a.range.column - b.range.column);
    out.push(annotationLens(ctx, path, refs));
  }
  return out.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}
