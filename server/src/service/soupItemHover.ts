/**
 * The SOUP part of the hover on a SOUP item's ID (docs/vscode.md, Hovers on dependencies):
 * the version(s) resolved for it in each lockfile or SBOM, how many indirect packages it
 * answers for, and every advisory on it or on one of them with its path and where its
 * decision stands. Says so when no read dependency file matches it.
 */
import { escapeMarkdownInline as md } from '../core/markdown/escapeInline';
import { packageLabel } from '../core/soup/dependencyGraph';
import { soupPackagesRecord, vulnerabilityState } from '../core/soup/vulnerabilityRecords';
import type { AdvisoryHit } from '../core/soup/soupCheck';
import { ServiceContext } from './context';

/** At most this many advisories are listed; the rest are counted. */
const MAX_ADVISORIES = 10;

const STATE_TEXT = {
  undecided: 'undecided',
  'under-investigation': 'under investigation',
  decided: 'decided',
} as const;

/** Where one hit's decision stands: `undecided`, or the VEX status and where it was recorded. */
function decisionText(h: AdvisoryHit): string {
  const state = vulnerabilityState(h);
  if (state === 'undecided' || !h.statement) return STATE_TEXT[state];
  const where = h.statement.source === 'soup' ? 'SOUP item' : `${h.statement.source}, ${h.statement.file}`;
  return `${h.statement.status} (${md(where)})`;
}

/** The hover's Markdown lines for SOUP item `id`, paragraphs apart (empty for an item of another kind). */
export function soupItemHoverLines(ctx: ServiceContext, id: string, kindNeedsManifest: boolean): string[] {
  if (!kindNeedsManifest) return [];
  const record = soupPackagesRecord(ctx.engine, id);
  const lines: string[] = [];
  if (record.resolved.length === 0)
    lines.push('Resolved: no dependency of a read manifest, lockfile or SBOM matches it');
  else
    lines.push(
      `Resolved: ${record.resolved
        .map((r) => `\`${md(r.name)}${r.version ? `@${md(r.version)}` : ''}\` (${md(r.file)})`)
        .join(' · ')}`,
    );
  if (record.indirect.length > 0) {
    const affected = record.indirect.filter((p) => p.advisories.length > 0).length;
    lines.push(
      '',
      `Indirect packages: ${record.indirect.length}${affected > 0 ? `, ${affected} with advisories` : ', none with an advisory'}`,
    );
  }
  const hits = ctx.engine
    .vulnerabilityHits()
    .filter((h) => h.itemId === id)
    .sort((a, b) => {
      const order = (h: AdvisoryHit) => ['undecided', 'under-investigation', 'decided'].indexOf(vulnerabilityState(h));
      return order(a) - order(b) || (a.advisory.id < b.advisory.id ? -1 : a.advisory.id > b.advisory.id ? 1 : 0);
    });
  if (hits.length > 0) lines.push('', `Advisories: ${hits.length}`, '');
  for (const h of hits.slice(0, MAX_ADVISORIES)) {
    const on = `\`${md(h.name)}@${md(h.version)}\``;
    const via = h.indirect?.via.length ? ` via ${h.indirect.via.map((p) => md(packageLabel(p))).join(' > ')}` : '';
    lines.push(`- ${md(h.advisory.id)} on ${on}${via}: ${decisionText(h)}`);
  }
  if (hits.length > MAX_ADVISORIES) lines.push(`- … and ${hits.length - MAX_ADVISORIES} more (Vulnerabilities view)`);
  return lines;
}
