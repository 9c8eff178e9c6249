/**
 * The hover text of one linked test (an `@verifies` annotation): the test it binds to and
 * its last result — ✓ passed / ✗ failed with the failure's first line / skipped / no
 * result — with its duration and the result file's line as a link, and on a failure the
 * `seclife.openTestResult` command link (docs/language-server.md, Test results).
 */
import type { ItemView } from '../core/itemView';
import { escapeMarkdownInline as md } from '../core/markdown/escapeInline';
import type { MatchedResult } from '../core/testResults/matching';
import type { TestLink } from '../core/testResults/verification';
import type { ServiceContext } from './context';
import {
  ANNOTATED_ONLY,
  firstLine,
  formatDuration,
  openResultCommandUri,
  resultFileLink,
  resultLocation,
  resultsInOrder,
  testName,
} from './testStatus';

/** Results listed in a hover; the rest are counted. */
const MAX_HOVER_RESULTS = 5;

const STATUS: Record<MatchedResult['status'], string> = {
  passed: '✓ passed',
  failed: '✗ failed',
  errored: '✗ errored',
  skipped: 'skipped',
  todo: 'todo',
};

/** `[path:line](file:…#Lline)`: the link text is escaped, the target is a URI (no Markdown in it). */
function fileLink(ctx: ServiceContext, r: MatchedResult): string {
  return `[${md(`${r.resultFile}:${r.line}`)}](${resultFileLink(ctx, r)})`;
}

/** One result: status, duration, where, the message's first line, and "Open failure" on a failure. */
function resultLine(ctx: ServiceContext, r: MatchedResult, withName: boolean): string {
  const parts = [withName ? `${STATUS[r.status]} ${md(r.name)}` : STATUS[r.status]];
  if (r.flaky) parts.push('flaky');
  if (r.durationMs !== undefined) parts.push(formatDuration(r.durationMs));
  parts.push(fileLink(ctx, r));
  if (r.status === 'failed' || r.status === 'errored')
    parts.push(`[Open failure](${openResultCommandUri(resultLocation(ctx, r))} "Open the result file at this case")`);
  const message = firstLine(r.message);
  return parts.join(' · ') + (message ? ` — ${md(message)}` : '');
}

function noResultText(view: ItemView, link: TestLink): string {
  if (link.reason === 'unbound')
    return 'no test found: put `@verifies` directly above the test, so a result can be matched to it';
  if (link.reason === 'ambiguous')
    return 'no result counted: results with this name match tests in several files (see the note on the result file)';
  const files = view.verification?.resultFiles ?? 0;
  return `no result in the ${files === 1 ? 'test-result file' : `${files} test-result files`} read`;
}

/** The Markdown of one linked test. */
export function testLinkMarkdown(ctx: ServiceContext, view: ItemView, link: TestLink): string {
  const name = testName(link);
  const head = name
    ? `**Test** ${md(name)}${link.ref && link.test ? ` · \`${link.ref.file}:${link.test.line}\`` : ''}`
    : '**Test**: none found';
  if (link.status === 'annotated') return `${head}\n\n${ANNOTATED_ONLY} — no test results read`;
  if (link.results.length === 0) return `${head}\n\n${noResultText(view, link)}`;
  const ordered = resultsInOrder(link.results);
  if (ordered.length === 1) return `${head}\n\n${resultLine(ctx, ordered[0], ordered[0].name !== name)}`;
  const shown = ordered.slice(0, MAX_HOVER_RESULTS).map((r) => `- ${resultLine(ctx, r, true)}`);
  const more = ordered.length - shown.length;
  const summary = link.status === 'passed' ? '✓ passed' : link.status === 'failed' ? '✗ failed' : link.status;
  return [
    `${head}\n\n${summary} · ${ordered.length} results`,
    '',
    ...shown,
    ...(more > 0 ? [`- … and ${more} more`] : []),
  ].join('\n');
}
