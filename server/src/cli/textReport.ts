import * as path from 'node:path';
import { FileNote, KindCoverage } from '../core/engine';
import { Finding } from '../core/findings';

export interface TextOptions {
  /** Absolute workspace root and the directory paths are shown relative to (clickable in terminals). */
  root: string;
  cwd: string;
  color: boolean;
  /** Print error lines only (the summary still counts everything). */
  quiet?: boolean;
}

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', note: '\x1b[36m', dim: '\x1b[2m', reset: '\x1b[0m' };

/** `file:line:col: severity code message` per finding, then notes and a summary (DESIGN §7). */
export function formatText(findings: Finding[], coverage: Record<string, KindCoverage>, notes: FileNote[], o: TextOptions): string {
  const paint = (c: keyof typeof COLORS, s: string) => (o.color ? `${COLORS[c]}${s}${COLORS.reset}` : s);
  const shown = (file: string) => {
    const rel = path.relative(o.cwd, path.join(o.root, file)).split(path.sep).join('/');
    return rel || '.';
  };
  const lines: string[] = [];
  for (const f of findings) {
    if (o.quiet && (f.severity !== 'error' || f.suppression)) continue;
    const suppressed = f.suppression ? paint('dim', ` (suppressed: ${f.suppression.justification})`) : '';
    lines.push(`${shown(f.file)}:${f.line}:${f.column}: ${paint(f.severity, f.severity)} ${f.code} ${f.message}${suppressed}`);
  }
  if (!o.quiet) for (const n of notes) lines.push(`${shown(n.file)}: ${paint('note', 'note')} ${n.message}`);
  const count = (s: string) => findings.filter((f) => f.severity === s && !f.suppression).length;
  const parts = [['error', count('error')], ['warning', count('warning')], ['note', count('note')]]
    .filter(([, n]) => n)
    .map(([s, n]) => `${n} ${s}${n === 1 ? '' : 's'}`);
  const cov = Object.entries(coverage)
    .filter(([, c]) => c.total > 0)
    .map(([k, c]) => `${k} ${c.covered}/${c.total}`)
    .join(', ');
  if (lines.length > 0) lines.push('');
  lines.push(`${parts.length ? parts.join(', ') : 'no findings'}${cov ? ` · coverage: ${cov}` : ' · no items found'}`);
  return lines.join('\n') + '\n';
}
