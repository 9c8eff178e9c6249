import type { CoverageGap, CoverageResult, FindingEntry, Location, VerificationTally } from '../../server/src/protocol';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface CoverageView {
  coverage: CoverageResult;
  findings: FindingEntry[];
  /** Workspace-relative path of a location's file (for display). */
  relativePath: (uri: string) => string;
}

/** Secure-coding findings (rule IDs contain `/`) by rule and severity. */
function ruleRows(findings: FindingEntry[]): Array<{ rule: string; error: number; warning: number; note: number }> {
  const rows = new Map<string, { rule: string; error: number; warning: number; note: number }>();
  for (const f of findings) {
    if (!f.code.includes('/') || f.suppression) continue;
    const row = rows.get(f.code) ?? { rule: f.code, error: 0, warning: 0, note: 0 };
    row[f.severity]++;
    rows.set(f.code, row);
  }
  return [...rows.values()].sort((a, b) => a.rule.localeCompare(b.rule));
}

/** A gap's missing needs; an unmet `verified` says why when a test failed or did not run. */
function missingText(g: CoverageGap): string {
  return g.missing
    .map((m) =>
      m === 'verified' && g.verification === 'failed'
        ? 'verified (a test failed)'
        : m === 'verified' && g.verification === 'not-run'
          ? 'verified (not run)'
          : m,
    )
    .join(', ');
}

const TALLY_COLUMNS: Array<[keyof VerificationTally, string]> = [
  ['passed', 'Passed'],
  ['failed', 'Failed'],
  ['notRun', 'Not run'],
  ['annotated', 'Annotated only'],
  ['none', 'No test'],
];

/**
 * The verification section: items that need `verified` per kind, passed apart from failed,
 * not run and annotated only (docs/vscode.md, Test results). Annotated only is never passed.
 */
function verificationSection(coverage: CoverageResult): string {
  const v = coverage.verification;
  const rows = coverage.kinds.filter((k) => k.verification && k.total > 0);
  if (!v || rows.length === 0) return '';
  const cells = (t: VerificationTally) =>
    TALLY_COLUMNS.map(([key]) => `<td class="num ${key}">${t[key]}</td>`).join('');
  const mode =
    v.mode === 'annotated-only'
      ? 'Annotated only: no test results read. An <code>@verifies</code> annotation counts for coverage, but no test is known to have passed.'
      : `From test results: ${v.resultFiles} result file${v.resultFiles === 1 ? '' : 's'} read${v.mode === 'mixed' ? ' (some folders have none: their tests are annotated only)' : ''}. An item is verified when a linked test passed and none failed.`;
  return `
<h2>Verification</h2>
<p class="summary" id="verification-mode" data-mode="${escapeHtml(v.mode)}">${mode}</p>
<table id="verification"><thead><tr><th>Kind</th>${TALLY_COLUMNS.map(([, label]) => `<th>${label}</th>`).join('')}</tr></thead><tbody>${rows
    .map(
      (k) => `
  <tr data-kind="${escapeHtml(k.prefix)}"><td>${escapeHtml(k.title)} (${escapeHtml(k.prefix)})</td>${cells(k.verification!)}</tr>`,
    )
    .join('')}${
    rows.length > 1
      ? `
  <tr class="total"><td>All</td>${cells(v)}</tr>`
      : ''
  }</tbody></table>`;
}

function locationAttrs(l: Location): string {
  return `data-uri="${escapeHtml(l.uri)}" data-line="${l.range.start.line}" data-character="${l.range.start.character}"`;
}

/**
 * The coverage panel's HTML: strict CSP with a nonce, no remote resources, theme colours
 * only, every piece of item text escaped.
 */
export function renderCoverageHtml(view: CoverageView, nonce: string, cspSource: string): string {
  const { coverage } = view;
  const kinds = coverage.kinds.filter((k) => k.total > 0);
  const bars = kinds
    .map(
      (k) => `
    <div class="kind" data-kind="${escapeHtml(k.prefix)}">
      <div class="label"><span class="name">${escapeHtml(k.title)} (${escapeHtml(k.prefix)})</span>
        <span class="figure">${k.covered}/${k.total} · <b class="percent">${k.percent}%</b></span></div>
      <div class="bar" role="progressbar" aria-valuenow="${k.percent}" aria-valuemin="0" aria-valuemax="100">
        <div class="fill${k.percent === 100 ? ' full' : ''}" data-percent="${Math.max(0, Math.min(100, k.percent))}"></div></div>
    </div>`,
    )
    .join('');
  const gaps = coverage.gaps
    .map(
      (g) => `
    <tr class="gap"><td><a href="#" class="open" ${locationAttrs(g.location)}>${escapeHtml(g.id)}</a></td>
      <td>${escapeHtml(g.title)}</td><td>${escapeHtml(missingText(g))}</td>
      <td class="where">${escapeHtml(view.relativePath(g.location.uri))}:${g.location.range.start.line + 1}</td></tr>`,
    )
    .join('');
  const rules = ruleRows(view.findings)
    .map(
      (r) => `
    <tr><td>${escapeHtml(r.rule)}</td><td class="num">${r.error}</td><td class="num">${r.warning}</td><td class="num">${r.note}</td></tr>`,
    )
    .join('');
  const f = coverage.findings;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Seclife Coverage</title>
<style nonce="${nonce}">
  body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 16px 16px; }
  h1 { font-size: 1.4em; font-weight: 600; } h2 { font-size: 1.1em; margin-top: 1.6em; font-weight: 600; }
  .summary { color: var(--vscode-descriptionForeground); }
  .kind { margin: 10px 0; max-width: 640px; }
  .label { display: flex; justify-content: space-between; margin-bottom: 3px; }
  .bar { height: 10px; background: var(--vscode-editorWidget-background, rgba(128,128,128,.2)); border: 1px solid var(--vscode-widget-border, transparent); border-radius: 3px; overflow: hidden; }
  .fill { height: 100%; width: 0; background: var(--vscode-charts-orange, var(--vscode-progressBar-background)); }
  .fill.full { background: var(--vscode-charts-green, var(--vscode-progressBar-background)); }
  table { border-collapse: collapse; margin-top: 6px; }
  th, td { text-align: left; padding: 3px 12px 3px 0; border-bottom: 1px solid var(--vscode-widget-border, rgba(128,128,128,.2)); vertical-align: top; }
  th { color: var(--vscode-descriptionForeground); font-weight: 600; }
  td.num { text-align: right; } tr.total td { font-weight: 600; } td.where { color: var(--vscode-descriptionForeground); }
  a { color: var(--vscode-textLink-foreground); text-decoration: none; } a:hover { text-decoration: underline; }
  .empty { color: var(--vscode-descriptionForeground); font-style: italic; }
</style>
</head>
<body>
<h1>Seclife coverage</h1>
<p class="summary" id="summary">${f.error} errors · ${f.warning} warnings · ${f.note} notes${coverage.indexing ? ' · indexing…' : ''}</p>
<section id="coverage">${bars || '<p class="empty">No lifecycle items found.</p>'}</section>
${verificationSection(coverage)}
<h2>Gaps (${coverage.gaps.length})</h2>
${gaps ? `<table id="gaps"><thead><tr><th>ID</th><th>Title</th><th>Missing</th><th>Where</th></tr></thead><tbody>${gaps}</tbody></table>` : '<p class="empty">No gaps: every item has all its needs met.</p>'}
<h2>Secure-coding findings by rule</h2>
${rules ? `<table id="rules"><thead><tr><th>Rule</th><th>Errors</th><th>Warnings</th><th>Notes</th></tr></thead><tbody>${rules}</tbody></table>` : '<p class="empty">No secure-coding findings.</p>'}
<script nonce="${nonce}">
  const vscode = acquireVsCodeApi();
  // The CSP blocks style attributes (a bar sized by one is drawn full width);
  // widths set through the CSSOM from this nonce'd script are allowed. Without the script a
  // bar stays empty, never full.
  for (const fill of document.querySelectorAll('.fill[data-percent]')) fill.style.width = fill.dataset.percent + '%';
  document.addEventListener('click', (event) => {
    const a = event.target.closest('a.open');
    if (!a) return;
    event.preventDefault();
    vscode.postMessage({ type: 'open', uri: a.dataset.uri, line: Number(a.dataset.line), character: Number(a.dataset.character) });
  });
</script>
</body>
</html>`;
}
