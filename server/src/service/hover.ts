import { Hover, MarkupKind, Position, Range } from 'vscode-languageserver-types';
import { lineOf, ServiceContext } from './context';
import { idAtPosition } from './idAtPosition';
import { dependencyHover } from './soupFeatures';
import { soupItemHoverLines } from './soupItemHover';
import { engineItemView, ItemView } from '../core/itemView';
import { pushAll } from '../core/arrays';
import { escapeMarkdownInline as md } from '../core/markdown/escapeInline';
import type { Reference } from '../core/model';
import { testLinkMarkdown } from './testHover';
import { verificationLine, verifiedNeedText } from './testStatus';

const NEED_LABEL: Record<string, string> = { implemented: 'implemented', verified: 'verified', mitigated: 'mitigated' };

function needLabel(need: string): string {
  return NEED_LABEL[need] ?? (need.startsWith('links:') ? `links (${need.slice(6)})` : need);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `@verifies` annotations on a 0-based line of a file. */
function verifiesOnLine(ctx: ServiceContext, path: string, line0: number): Reference[] {
  const index = ctx.engine.fileIndex(path);
  if (index?.role !== 'source') return [];
  return index.refs
    .filter((r) => r.role === 'verifies' && r.range.line === line0 + 1)
    .sort((a, b) => a.range.column - b.range.column);
}

/**
 * Hover on the `@verifies` verb: the test each ID of the annotation binds to and its last
 * result (docs/language-server.md, Test results).
 */
function verbHover(ctx: ServiceContext, path: string, position: Position): Hover | undefined {
  const text = ctx.text(path);
  if (text === undefined) return undefined;
  const line = lineOf(text, position.line);
  const verbs = [...line.matchAll(/@verifies\b/g)];
  const at = verbs.findIndex((m) => m.index <= position.character && position.character <= m.index + m[0].length);
  if (at < 0) return undefined;
  const start = verbs[at].index;
  const end = verbs[at + 1]?.index ?? Number.POSITIVE_INFINITY;
  const refs = verifiesOnLine(ctx, path, position.line).filter(
    (r) => r.range.column - 1 > start && r.range.column - 1 < end,
  );
  const sections: string[] = [];
  for (const ref of refs) {
    const view = engineItemView(ctx.engine, ref.id);
    const head = `**@verifies ${ref.id}**${view?.title ? ` · *${md(view.title)}*` : ''}`;
    const link = view?.testLink(ref);
    sections.push(link ? `${head}\n\n${testLinkMarkdown(ctx, view!, link)}` : `${head}\n\n${noLinkText(view)}`);
  }
  if (sections.length === 0) return undefined;
  const range: Range = {
    start: { line: position.line, character: start },
    end: { line: position.line, character: start + verbs[at][0].length },
  };
  return { range, contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') } };
}

function noLinkText(view: ItemView | undefined): string {
  if (!view) return '⚠ Not defined in any lifecycle document.';
  if (!view.verification) return 'Its kind does not need verification.';
  return 'Not a linked test: `@verifies` counts in test files only.';
}

/** Hover on any ID: kind, title, status, the first lines of its description, needs, link counts; on `@verifies`, the test. */
export function hover(ctx: ServiceContext, path: string, position: Position): Hover | undefined {
  if (ctx.engine.fileIndex(path)?.role === 'manifest') return dependencyHover(ctx, path, position);
  const at = idAtPosition(ctx, path, position);
  if (!at) return verbHover(ctx, path, position);
  const view = engineItemView(ctx.engine, at.id);
  if (!view) {
    const kind = ctx.engine.config.kinds[ctx.engine.grammar.prefixOf(at.id) ?? ''];
    return {
      range: at.range,
      contents: {
        kind: MarkupKind.Markdown,
        value: `**${at.id}** · ${md(kind?.title ?? 'item')}\n\n⚠ Not defined in any lifecycle document.`,
      },
    };
  }
  const { def, state } = view;
  const kind = ctx.engine.config.kinds[def.kind];
  const lines: string[] = [`**${def.id}** · ${md(kind?.title ?? def.kind)}${def.title ? ` · *${md(def.title)}*` : ''}`];
  const facts = def.attributes
    .filter((a) => ['status', 'category', 'severity', 'exposure', 'class', 'version'].includes(a.name))
    .map((a) => `${md(a.key)}: ${md(a.value)}`);
  if (facts.length) lines.push('', facts.join(' · '));
  const description = def.description
    .split('\n')
    .filter((l) => l.trim())
    .slice(0, 4)
    .join('\n');
  if (description) lines.push('', description.length > 600 ? `${description.slice(0, 600)}…` : description);
  lines.push('', '---');
  if (view.needs.length || view.invalidAttributes.length) {
    lines.push(
      [
        ...view.needs.map((n) =>
          n === 'verified' ? verifiedNeedText(view) : `${view.isMet(n) ? '✓' : '✗'} ${needLabel(n)}`,
        ),
        ...view.invalidAttributes.map((a) => `✗ valid ${md(a)}`),
      ].join(' · '),
    );
  }
  const counts = [plural(state.implementations.length, 'implementation'), plural(state.verifications.length, 'test')];
  if (kind?.needs.includes('mitigated') || state.mitigations.length)
    counts.push(plural(state.mitigations.length, 'mitigation'));
  const mitigates = view.mitigatedThreats.length;
  if (mitigates) counts.push(`mitigates ${plural(mitigates, 'threat')}`);
  lines.push('', counts.join(' · '));
  const verification = view.verification;
  if (verification) lines.push('', `Verification: ${verificationLine(verification, state.verifications.length)}`);
  const soup = soupItemHoverLines(ctx, def.id, kind?.needs.includes('in-manifest') ?? false);
  if (soup.length) pushAll(lines, ['', ...soup]);
  if (state.duplicates.length) lines.push('', `⚠ defined ${state.duplicates.length + 1} times`);
  const suspects = view.suspects.length;
  if (suspects)
    lines.push(
      '',
      `⚠ changed since review: ${plural(suspects, 'suspect link')} (\`seclife review --accept ${def.id}\`)`,
    );
  lines.push('', `Defined in \`${def.file}:${def.idRange.line}\``);
  // On the ID of an `@verifies` annotation: its test too.
  const ref = verifiesOnLine(ctx, path, position.line).find(
    (r) => r.id === at.id && r.range.column - 1 === at.range.start.character,
  );
  const link = ref && view.testLink(ref);
  if (link) lines.push('', '---', '', testLinkMarkdown(ctx, view, link));
  return { range: at.range, contents: { kind: MarkupKind.Markdown, value: lines.join('\n') } };
}
