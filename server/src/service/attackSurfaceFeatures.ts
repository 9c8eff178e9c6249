/**
 * The attack surface in the editor (docs/attack-surface.md, Where to look): a code lens on
 * each entry point's registration ("IF-001 · 3 threats · ✓ covered", "undeclared entry
 * point"), and the quick fixes of `interface-undeclared` — declare it in an existing IF
 * (an `@interface` comment above the registration) or create a new IF item with its
 * required attributes ready to fill and declare it in that.
 */
import { CodeAction, CodeActionKind, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { CodeLens } from 'vscode-languageserver-types';
import type { LinkedEntryPoint } from '../core/attackSurface/surfaceChecks';
import { engineItemView } from '../core/itemView';
import { languageOf } from '../core/lexers/languages';
import type { KindConfig } from '../core/config';
import type { FileIndex } from '../core/fileIndex';
import { ServiceContext, toLspRange } from './context';

/** Existing interfaces offered as quick fixes, at most. */
const MAX_OFFERED = 10;

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

/** The entry points registered in `path`, one per registration line (a route mounted twice is one lens). */
function entriesIn(ctx: ServiceContext, path: string): LinkedEntryPoint[] {
  return ctx.engine.attackSurface().entries.filter((e) => e.entry.file === path);
}

/** The lens text of one entry point. */
export function entryLensTitle(ctx: ServiceContext, e: LinkedEntryPoint): string {
  if (e.declaredBy.length === 0) return `⚠ undeclared entry point · ${e.label}`;
  const surface = ctx.engine.attackSurface();
  return e.declaredBy
    .map((id) => {
      const threats = surface.interfaces.find((i) => i.id === id)?.threats.length ?? 0;
      const view = engineItemView(ctx.engine, id);
      const state = !view ? '⚠ not defined' : view.covered ? '✓ covered' : `missing: ${view.unmet.join(', ')}`;
      return `${id} · ${plural(threats, 'threat')} · ${state}`;
    })
    .join(' | ');
}

export function attackSurfaceLenses(ctx: ServiceContext, path: string): CodeLens[] {
  const out: CodeLens[] = [];
  const seen = new Set<string>();
  for (const e of entriesIn(ctx, path)) {
    const title = entryLensTitle(ctx, e);
    const key = `${e.entry.range.line}\u0000${title}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ range: toLspRange(e.entry.range), command: { title, command: '' } });
  }
  return out;
}

/** The comment that starts a line in this file's language, or undefined when it has none (JSON). */
function lineComment(path: string): string | undefined {
  const family = languageOf(path)?.family;
  if (family === 'python' || family === 'hash') return '#';
  if (path.endsWith('.json')) return undefined;
  if (/(?:^|\/)(?:Dockerfile[^/]*|Containerfile|[^/]*\.dockerfile|[^/]*\.ya?ml)$/i.test(path)) return '#';
  if (family === 'sql') return '--';
  if (family === 'html' || family === 'markdown' || family === undefined) return undefined;
  return '//';
}

/** The edit that puts `// @interface IF-x -- label` on its own line above the registration, indented like it. */
function annotationEdit(ctx: ServiceContext, e: LinkedEntryPoint, id: string): TextEdit | undefined {
  const comment = lineComment(e.entry.file);
  const text = ctx.text(e.entry.file);
  if (!comment || text === undefined) return undefined;
  const line0 = e.entry.range.line - 1;
  const lineText = text.split(/\r\n|\r|\n/)[line0] ?? '';
  const indent = /^[ \t]*/.exec(lineText)![0];
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  return {
    range: { start: { line: line0, character: 0 }, end: { line: line0, character: 0 } },
    newText: `${indent}${comment} @interface ${id} -- ${e.label}${eol}`,
  };
}

/** The next free ID of a kind: one more than the highest number, as wide as the existing ones (`IF-005`). */
function nextId(ctx: ServiceContext, prefix: string): string {
  let max = 0;
  let width = 3;
  for (const s of ctx.engine.items()) {
    if (s.def.kind !== prefix) continue;
    const m = /-(\d+)$/.exec(s.def.id);
    if (!m) continue;
    max = Math.max(max, Number(m[1]));
    width = m[1].length;
  }
  return `${prefix}-${String(max + 1).padStart(width, '0')}`;
}

/** How codeActions.ts creates an item (passed in: this file is imported by it). */
export interface ItemCreation {
  documentFor(ctx: ServiceContext, prefix: string): FileIndex | undefined;
  createItemEdit(ctx: ServiceContext, index: FileIndex, text: string, id: string, kind: KindConfig): TextEdit;
}

/** Quick fixes for one `interface-undeclared` diagnostic. */
export function interfaceActions(ctx: ServiceContext, path: string, d: Diagnostic, items: ItemCreation): CodeAction[] {
  const { documentFor, createItemEdit } = items;
  const { line, character } = d.range.start;
  const e = entriesIn(ctx, path).find(
    (x) => x.declaredBy.length === 0 && x.entry.range.line - 1 === line && x.entry.range.column - 1 === character,
  );
  if (!e) return [];
  const out: CodeAction[] = [];
  const kinds = Object.values(ctx.engine.config.kinds).filter((k) => k.interface);
  const interfaces = ctx.engine.attackSurface().interfaces.slice(0, MAX_OFFERED);
  for (const i of interfaces) {
    const edit = annotationEdit(ctx, e, i.id);
    if (!edit) break;
    const title = engineItemView(ctx.engine, i.id)?.title;
    out.push({
      title: `Declare ${e.label} in ${i.id}${title ? ` (${title})` : ''}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      edit: { changes: { [ctx.uri(path)]: [edit] } },
    });
  }
  const kind = kinds[0];
  const doc = kind && documentFor(ctx, kind.prefix);
  const docText = doc && ctx.text(doc.file);
  const annotation = kind && annotationEdit(ctx, e, nextId(ctx, kind.prefix));
  if (kind && doc && docText !== undefined && annotation) {
    const id = nextId(ctx, kind.prefix);
    out.push({
      title: `Create ${id} for ${e.label} in ${doc.file}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      edit: {
        changes: {
          [ctx.uri(doc.file)]: [createItemEdit(ctx, doc, docText, id, kind)],
          [ctx.uri(path)]: [annotation],
        },
      },
    });
  }
  return out;
}
