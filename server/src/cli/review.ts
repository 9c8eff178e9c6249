import { BASELINE_FILE, recordBaseline, serializeBaseline } from '../core/review/baseline';
import { decodeText } from '../core/text';
import { isNotFound } from '../core/workspace';
import { UnsafeWriteError, writeWorkspaceFile } from '../node/safeWrite';
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

/** What `--all` does, said wherever it is suggested (it accepts every unreviewed change). */
const REVIEW_ALL =
  "'seclife review --all' records a new one, marking every current item and link as reviewed (changes since the last review are then no longer flagged)";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * `seclife review`: records the review baseline (`.seclife/baseline.json`). Items and
 * links that are new are recorded as reviewed; changed items keep their suspect links
 * until accepted with `--accept ID` (or `--all`). Returns the lines to print.
 */
export async function runReview(o: ReviewOptions): Promise<string> {
  const { root, engine, ws } = await indexFolder(o.cwd, o.dir);
  // Read as the engine read it: a regular file inside the workspace, within the baseline's limit.
  let previousText: string | undefined;
  let unreadable: string | undefined;
  try {
    const content = await ws.readFileIfSmaller(BASELINE_FILE, engine.sizeLimit(BASELINE_FILE));
    if (typeof content === 'number') unreadable = `is larger than the review baseline's limit`;
    else previousText = decodeText(content).text;
  } catch (e) {
    if (!isNotFound(e)) unreadable = `cannot be read (${(e as Error).message})`;
  }
  // The engine has parsed the baseline with the rest of the workspace.
  const previous = engine.reviewBaseline()?.baseline;
  if ((previousText !== undefined || unreadable !== undefined) && !previous && !o.all) {
    const why = engine.findingsFor(BASELINE_FILE)[0]?.message ?? `${BASELINE_FILE} ${unreadable ?? 'cannot be read'}`;
    throw new UsageError(`${why.replace(/; suspect links are not checked.*$/, '')}; ${REVIEW_ALL}`);
  }
  const accept = new Set<string>();
  for (const id of o.accept
    .flatMap((a) => a.split(','))
    .map((a) => a.trim())
    .filter(Boolean)) {
    if (engine.graphView.definitions(id).length === 0) throw new UsageError(`--accept ${id}: no item ${id} is defined`);
    accept.add(id);
  }
  const { baseline, summary } = recordBaseline(engine.reviewSubject(), previous, { all: o.all, accept });
  const text = serializeBaseline(baseline);
  if (text !== previousText) {
    try {
      writeWorkspaceFile(root, BASELINE_FILE, text);
    } catch (e) {
      if (e instanceof UnsafeWriteError) throw new UsageError(`cannot write ${BASELINE_FILE}: ${e.message}`);
      throw new UsageError(
        `cannot write ${BASELINE_FILE}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      );
    }
  }
  const lines: string[] = [];
  const verb =
    previousText === undefined
      ? unreadable !== undefined
        ? 'replaced'
        : 'recorded'
      : text === previousText
        ? 'unchanged'
        : 'updated';
  lines.push(`${verb} ${BASELINE_FILE}: ${plural(summary.items, 'item')}, ${plural(summary.links, 'link')}`);
  if (unreadable !== undefined || (previousText !== undefined && !previous)) {
    lines.push('  the previous baseline could not be used: every current item and link is now recorded as reviewed');
  }
  if (previous) {
    const delta = [
      summary.added.items || summary.added.links
        ? `new ${plural(summary.added.items, 'item')} and ${plural(summary.added.links, 'link')}`
        : '',
      summary.removed.items || summary.removed.links
        ? `dropped ${plural(summary.removed.items, 'item')} and ${plural(summary.removed.links, 'link')} that no longer exist`
        : '',
    ].filter(Boolean);
    if (delta.length) lines.push(`  ${delta.join('; ')}`);
  }
  if (summary.accepted.length) lines.push(`accepted: ${summary.accepted.join(', ')}`);
  if (summary.changed.length) {
    lines.push(
      `changed since review, not accepted: ${summary.changed.join(', ')} (${plural(summary.suspects, 'suspect link')})`,
    );
    lines.push(`  check the links, then: seclife review --accept ${summary.changed.join(',')}`);
  }
  return lines.join('\n') + '\n';
}
