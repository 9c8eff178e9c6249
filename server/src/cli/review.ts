import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { BASELINE_FILE, recordBaseline, serializeBaseline } from '../core/review/baseline';
import { indexFolder } from './workspaceDir';
import { UsageError } from './usageError';

export interface ReviewOptions {
  dir: string;
  cwd: string;
  /** IDs whose changes are accepted. */
  accept: string[];
  /** Accept every change. */
  all: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * `seclife review`: records the review baseline (`.seclife/baseline.json`). Items and
 * links that are new are recorded as reviewed; changed items keep their suspect links
 * until accepted with `--accept ID` (or `--all`). Returns the lines to print.
 */
export async function runReview(o: ReviewOptions): Promise<string> {
  const { root, engine } = await indexFolder(o.cwd, o.dir);
  const file = path.join(root, ...BASELINE_FILE.split('/'));
  let previousText: string | undefined;
  try {
    previousText = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new UsageError(`cannot read ${BASELINE_FILE}: ${(e as NodeJS.ErrnoException).code}`);
  }
  // The engine has parsed the baseline with the rest of the workspace.
  const previous = engine.reviewBaseline()?.baseline;
  if (previousText !== undefined && !previous && !o.all) {
    const why = engine.findingsFor(BASELINE_FILE)[0]?.message ?? `${BASELINE_FILE}: ${engine.notes().find((n) => n.file === BASELINE_FILE)?.message ?? 'cannot be read'}`;
    throw new UsageError(`${why.replace(/; suspect links are not checked.*$/, '')}; 'seclife review --all' records a new one`);
  }
  const accept = new Set<string>();
  for (const id of o.accept.flatMap((a) => a.split(',')).map((a) => a.trim()).filter(Boolean)) {
    if (engine.graphView.definitions(id).length === 0) throw new UsageError(`--accept ${id}: no item ${id} is defined`);
    accept.add(id);
  }
  const { baseline, summary } = recordBaseline(engine.reviewSubject(), previous, { all: o.all, accept });
  const text = serializeBaseline(baseline);
  try {
    await fs.mkdir(path.dirname(file), { recursive: true });
    if (text !== previousText) await fs.writeFile(file, text);
  } catch (e) {
    throw new UsageError(`cannot write ${BASELINE_FILE}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const lines: string[] = [];
  const verb = previousText === undefined ? 'recorded' : text === previousText ? 'unchanged' : 'updated';
  lines.push(`${verb} ${BASELINE_FILE}: ${plural(summary.items, 'item')}, ${plural(summary.links, 'link')}`);
  if (previous) {
    const delta = [
      summary.added.items || summary.added.links ? `new ${plural(summary.added.items, 'item')} and ${plural(summary.added.links, 'link')}` : '',
      summary.removed.items || summary.removed.links ? `dropped ${plural(summary.removed.items, 'item')} and ${plural(summary.removed.links, 'link')} that no longer exist` : '',
    ].filter(Boolean);
    if (delta.length) lines.push(`  ${delta.join('; ')}`);
  }
  if (summary.accepted.length) lines.push(`accepted: ${summary.accepted.join(', ')}`);
  if (summary.changed.length) {
    lines.push(`changed since review, not accepted: ${summary.changed.join(', ')} (${plural(summary.suspects, 'suspect link')})`);
    lines.push(`  check the links, then: seclife review --accept ${summary.changed.join(',')}`);
  }
  return lines.join('\n') + '\n';
}
