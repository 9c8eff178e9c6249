import { FileNote, KindCoverage } from '../core/engine';
import { Finding } from '../core/findings';
import { basisText, VerificationSummary } from './verificationText';
import type { VulnerabilityState } from '../core/soup/vulnerabilityRecords';

export interface TextOptions {
  /**
   * A workspace-relative file as the host shows it (the CLI: relative to the current
   * directory, clickable in terminals); quoted here when its name is odd.
   */
  showPath: (file: string) => string;
  color: boolean;
  /** Print error lines only (the summary still counts everything). */
  quiet?: boolean;
  /** What verification is based on (a `verification:` line after the summary); omitted: no line. */
  verification?: VerificationSummary;
  /** Advisories affecting packages in use, by state (a `vulnerabilities:` line when there is any). */
  vulnerabilities?: Record<VulnerabilityState, number>;
}

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', note: '\x1b[36m', dim: '\x1b[2m', reset: '\x1b[0m' };

/**
 * Characters a terminal acts on or that reorder or break lines: C0 controls (tab aside),
 * DEL, C1 controls, the Unicode line and paragraph separators, bidi embeddings, overrides,
 * isolates and marks, and lone surrogates (which would print as U+FFFD). One character
 * class: linear on any input.
 */
const UNSAFE =
  /[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const UNSAFE_ANY = new RegExp(UNSAFE.source);
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  return (
    NAMED[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`)
  );
}

/**
 * Text from the workspace (titles, messages, names) made safe for a terminal, as ripgrep
 * and git do (issue 11, D17): `ESC]0;…BEL` prints as `\x1b]0;…\x07`, a newline as `\n`, so
 * no input can set the title, colour the output or forge a finding line. With
 * `keepNewlines`, a multi-line text keeps its line breaks (for whole outputs whose parts
 * were escaped already; escaping twice changes nothing).
 */
export function escapeControls(text: string, keepNewlines = false): string {
  if (!UNSAFE_ANY.test(text)) return text;
  return text.replace(UNSAFE, (c) => (keepNewlines && c === '\n' ? c : escapeChar(c)));
}

/**
 * A file name as shown: odd names (control or bidi characters, tabs, quotes, backslashes)
 * in double quotes with C-style escapes, as git's `core.quotePath` shows them
 * (`"a\nb.md"`); ordinary names (any script) as they are.
 */
export function quotePath(name: string): string {
  if (!UNSAFE_ANY.test(name) && !/["\\\t]/.test(name)) return name;
  return `"${escapeControls(name.replace(/["\\]/g, '\\$&')).replace(/\t/g, '\\t')}"`;
}

/**
 * `file:line:col: severity code message` per finding, then notes, a summary and what
 * verification is based on (docs/ci.md, "Text format").
 */
export function formatText(
  findings: Finding[],
  coverage: Record<string, KindCoverage>,
  notes: FileNote[],
  o: TextOptions,
): string {
  const paint = (c: keyof typeof COLORS, s: string) => (o.color ? `${COLORS[c]}${s}${COLORS.reset}` : s);
  const shown = (file: string) => quotePath(o.showPath(file));
  const text = (s: string) => escapeControls(s);
  const lines: string[] = [];
  for (const f of findings) {
    if (o.quiet && (f.severity !== 'error' || f.suppression)) continue;
    const suppressed = f.suppression ? paint('dim', ` (suppressed: ${text(f.suppression.justification)})`) : '';
    lines.push(
      `${shown(f.file)}:${f.line}:${f.column}: ${paint(f.severity, f.severity)} ${text(f.code)} ${text(f.message)}${suppressed}`,
    );
  }
  if (!o.quiet) for (const n of notes) lines.push(`${shown(n.file)}: ${paint('note', 'note')} ${text(n.message)}`);
  const count = (s: string) => findings.filter((f) => f.severity === s && !f.suppression).length;
  const parts = [
    ['error', count('error')],
    ['warning', count('warning')],
    ['note', count('note')],
  ]
    .filter(([, n]) => n)
    .map(([s, n]) => `${n} ${s}${n === 1 ? '' : 's'}`);
  const cov = Object.entries(coverage)
    .filter(([, c]) => c.total > 0)
    .map(([k, c]) => `${text(k)} ${c.covered}/${c.total}`)
    .join(', ');
  if (lines.length > 0) lines.push('');
  lines.push(`${parts.length ? parts.join(', ') : 'no findings'}${cov ? ` · coverage: ${cov}` : ' · no items found'}`);
  // What the SOUP coverage above leaves out (docs/soup.md, Which manifests are read).
  const unreadDeps = [...new Set(findings.filter((f) => f.code === 'soup-input-unread').map((f) => shown(f.file)))];
  if (unreadDeps.length > 0) {
    const listed = unreadDeps.slice(0, 5).join(', ');
    lines.push(
      `dependency files not read (soup-input-unread): ${listed}${unreadDeps.length > 5 ? `, and ${unreadDeps.length - 5} more` : ''}`,
    );
  }
  const v = o.vulnerabilities;
  if (v && v.undecided + v['under-investigation'] + v.decided > 0) {
    lines.push(
      `vulnerabilities (direct and indirect dependencies): ${v.undecided} undecided, ${v['under-investigation']} under investigation, ${v.decided} decided`,
    );
  }
  if (o.verification) {
    const stale = o.verification.resultFiles.filter((f) => f.stale).map((f) => shown(f.file));
    lines.push(
      `verification: ${basisText(o.verification)}${stale.length ? `; stale (recorded at another commit than HEAD): ${stale.join(', ')}` : ''}`,
    );
  }
  return lines.join('\n') + '\n';
}
