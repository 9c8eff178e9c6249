import { Hover, MarkupKind, Position } from 'vscode-languageserver-types';
import { ServiceContext } from './context';
import { idAtPosition } from './idAtPosition';
import { dependencyHover } from './soupFeatures';
import { engineItemView } from '../core/itemView';
import { escapeMarkdownInline as md } from '../core/markdown/escapeInline';

const NEED_LABEL: Record<string, string> = { implemented: 'implemented', verified: 'verified', mitigated: 'mitigated' };

function needLabel(need: string): string {
  return NEED_LABEL[need] ?? (need.startsWith('links:') ? `links (${need.slice(6)})` : need);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Hover on any ID: kind, title, status, the first lines of its description, needs, link counts. */
export function hover(ctx: ServiceContext, path: string, position: Position): Hover | undefined {
  if (ctx.engine.fileIndex(path)?.role === 'manifest') return dependencyHover(ctx, path, position);
  const at = idAtPosition(ctx, path, position);
  if (!at) return undefined;
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
        ...view.needs.map((n) => `${view.isMet(n) ? '✓' : '✗'} ${needLabel(n)}`),
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
  if (state.duplicates.length) lines.push('', `⚠ defined ${state.duplicates.length + 1} times`);
  const suspects = view.suspects.length;
  if (suspects)
    lines.push(
      '',
      `⚠ changed since review: ${plural(suspects, 'suspect link')} (\`seclife review --accept ${def.id}\`)`,
    );
  lines.push('', `Defined in \`${def.file}:${def.idRange.line}\``);
  return { range: at.range, contents: { kind: MarkupKind.Markdown, value: lines.join('\n') } };
}
