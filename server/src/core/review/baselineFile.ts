/**
 * The index of `.seclife/baseline.json`: the review baseline, or a `config-error` saying why
 * it is not used (docs/findings.md#config-error). Never a silent skip.
 */
import { BaselineIndex, configErrorAtStart, emptyIndex } from '../fileIndex';
import { LineIndex } from '../text';
import { parseBaseline } from './baseline';

/**
 * The end of every finding about a baseline that is not used. `seclife review --all` is
 * offered with what it does: it records every current link as reviewed.
 */
export const BASELINE_UNUSED =
  "suspect links are not checked (run 'seclife review --all' to record a new baseline; it marks every current item and link as reviewed)";

/** The baseline and where its text ends, or a `config-error` when it is not a valid baseline. */
export function parseBaselineFile(path: string, text: string): BaselineIndex {
  const lines = new LineIndex(text);
  const index = emptyIndex(path, 'baseline');
  index.end = lines.positionAt(text.length);
  const { baseline, error } = parseBaseline(text);
  if (baseline) index.baseline = baseline;
  else
    index.findings.push(
      configErrorAtStart(path, `${path} is not a valid review baseline: ${error}; ${BASELINE_UNUSED}`),
    );
  return index;
}

/** A baseline that cannot be used at all (unreadable, too large; `why` says so): a `config-error`. */
export function unusableBaseline(path: string, why: string): BaselineIndex {
  const index = emptyIndex(path, 'baseline');
  index.findings.push(configErrorAtStart(path, `${path} ${why}; ${BASELINE_UNUSED}`));
  return index;
}
