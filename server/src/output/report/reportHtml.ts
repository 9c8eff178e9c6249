/**
 * `index.html`: the release evidence as one self-contained page (no external asset, no
 * network; opens from disk). The Content-Security-Policy allows only the page's own
 * inline style and script, by SHA-256 hash; every model string is HTML-escaped, and the
 * traceability matrix travels as JSON in `#matrix-data` (with `<`, `>`, `&`, U+2028 and
 * U+2029 escaped) for the script to render with virtual scrolling. Deterministic: the
 * same model gives the same bytes.
 */
import { createHash } from 'node:crypto';
import { GateResult } from '../../core/gate';
import {
  ReportCoverage,
  ReportFinding,
  ReportItem,
  ReportLocation,
  ReportModel,
  ReportRule,
  ReportSoupItem,
} from '../../core/report/reportModel';
import { basisText, resultText } from '../verificationText';
import { REPORT_CSS, REPORT_SCRIPT } from './reportPageAssets';
import { itemsLine, RESULT_FILE_HEADERS, resultFileCells, verificationIntro } from './reportVerification';

/** Markup that is already safe; every other cell value is escaped. */
class Html {
  constructor(readonly html: string) {}
}
const raw = (html: string) => new Html(html);
type Cell = string | number | undefined | Html;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML content or a quoted attribute value. */
export function escapeHtml(text: string | number | undefined): string {
  return text === undefined ? '' : String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** JSON that cannot end a `<script>` element or a JavaScript line (`</script>`, `<!--`, U+2028). */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A CSP source expression for an inline element's exact text. */
export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** Sections in page order: [anchor, heading]. */
export const REPORT_SECTIONS: ReadonlyArray<readonly [string, string]> = [
  ['summary', 'Summary'],
  ['verification', 'Verification results'],
  ['matrix', 'Traceability matrix'],
  ['threats', 'Threats'],
  ['residual-risks', 'Residual risks'],
  ['suspect-links', 'Suspect links'],
  ['trace-findings', 'Traceability findings'],
  ['secure-coding', 'Secure-coding findings'],
  ['suppressions', 'Suppressions'],
  ['soup', 'SOUP'],
  ['configuration', 'Configuration'],
];

/** The matrix columns: `data-col` key, header, `<col>` class. */
const MATRIX_COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ['id', 'ID'],
  ['kind', 'Kind'],
  ['title', 'Title'],
  ['status', 'Status'],
  ['up', 'Up'],
  ['down', 'Down'],
  ['code', 'Code'],
  ['tests', 'Tests'],
  ['verification', 'Verification'],
  ['needs', 'Needs'],
  ['suspect', 'Suspect'],
];

const cellHtml = (c: Cell) => (c instanceof Html ? c.html : escapeHtml(c));
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const at = (l: { file: string; line: number }) => `${l.file}:${l.line}`;
const atCol = (f: ReportFinding) => `${f.file}:${f.line}:${f.column}`;
const SEVERITIES = new Set(['error', 'warning', 'note']);
const severity = (s: string | undefined): Cell =>
  s && SEVERITIES.has(s) ? raw(`<span class="sev-${s}">${s}</span>`) : s;
const yesNo = (ok: boolean, yes = 'yes', no = 'no'): Html =>
  raw(ok ? `<span class="yes">${yes}</span>` : `<span class="no">${no}</span>`);
const list = (xs: readonly string[]): Html => raw(xs.map(escapeHtml).join('<br>'));

/** A table, or a "none" line when there are no rows. `num` marks right-aligned columns. */
function table(
  headers: readonly string[],
  rows: readonly Cell[][],
  empty: string,
  num: readonly number[] = [],
): string {
  if (rows.length === 0) return `<p class="none">${escapeHtml(empty)}</p>`;
  const cls = (i: number) => (num.includes(i) ? ' class="num"' : '');
  const head = headers.map((h, i) => `<th scope="col"${cls(i)}>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${cellHtml(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table class="data">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function section(id: string, body: string): string {
  const heading = REPORT_SECTIONS.find(([s]) => s === id)![1];
  return `<section id="${id}" aria-labelledby="${id}-h">\n<h2 id="${id}-h">${escapeHtml(heading)}</h2>\n${body}\n</section>`;
}

function gateHtml(g: GateResult): string {
  const [text, cls] = !g.configured
    ? ['not configured', 'unset']
    : g.passed
      ? ['PASSED', 'passed']
      : ['FAILED', 'failed'];
  const passed = g.checks.filter((c) => c.passed).length;
  const out = [
    `<p>Gate: <strong class="verdict ${cls}" id="gate-verdict">${text}</strong> <span class="muted">${passed} of ${plural(g.checks.length, 'check')} passed</span></p>`,
  ];
  if (!g.configured) {
    out.push(
      `<p>No <code>gate</code> in seclife.json: only the default check${g.checks.length === 1 ? '' : 's'} ran, and ${g.passed ? 'passed' : 'failed'}.</p>`,
    );
  }
  out.push(
    table(
      ['Check', 'Result', 'Detail'],
      g.checks.map((c) => [
        raw(`<code>${escapeHtml(c.name)}</code>`),
        raw(c.passed ? '<span class="pass">pass</span>' : '<span class="fail">FAIL</span>'),
        c.message,
      ]),
      'No gate checks.',
    ),
  );
  return out.join('\n');
}

/** Width of a coverage bar as a number with one decimal in [0, 100]. */
const barWidth = (c: ReportCoverage) =>
  String(Math.round(Math.min(100, Math.max(0, Number.isFinite(c.percent) ? c.percent : 0)) * 10) / 10);

function coverageHtml(m: ReportModel): string {
  const gateCheck = (kind: string) => m.gate.checks.find((c) => c.name === `coverage.${kind}`);
  return table(
    ['Kind', 'Title', 'Coverage'],
    m.coverage.map((c) => {
      const check = gateCheck(c.kind);
      const cls = check ? (check.passed ? 'bar pass' : 'bar fail') : 'bar';
      return [
        c.kind,
        c.title,
        raw(
          `<span class="${cls}" data-p="${barWidth(c)}" aria-hidden="true"><span></span></span>` +
            `${c.covered}/${c.total} (${escapeHtml(c.percent)}%)`,
        ),
      ];
    }),
    'No kinds configured.',
  );
}

function summaryHtml(m: ReportModel): string {
  const meta: Array<[string, Cell]> = [
    ['Project', m.project],
    ['Tool', `${m.tool.name} ${m.tool.version}`],
    [
      'Commit',
      m.commit
        ? raw(`<code>${escapeHtml(m.commit.sha)}</code>${m.commit.ref ? ` (${escapeHtml(m.commit.ref)})` : ''}`)
        : 'not a git repository',
    ],
  ];
  if (m.date) meta.push(['Date', m.date]);
  meta.push(['Verification', basisText(m.verification)]);
  meta.push(['Review baseline', m.baseline ? '.seclife/baseline.json' : 'none']);
  const c = m.counts;
  return [
    `<dl class="meta">\n${meta.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${cellHtml(v)}</dd>`).join('\n')}\n</dl>`,
    '<h3>Release gate</h3>',
    gateHtml(m.gate),
    '<h3>Coverage</h3>',
    coverageHtml(m),
    '<h3>Findings</h3>',
    table(
      ['Errors', 'Warnings', 'Notes', 'Suppressed'],
      [[c.error, c.warning, c.note, c.suppressed]],
      '',
      [0, 1, 2, 3],
    ),
  ].join('\n');
}

const location = (l: ReportLocation): [string, number] | [string, number, string] =>
  l.symbol ? [l.file, l.line, l.symbol] : [l.file, l.line];

/** One matrix row for the page script (layout documented in reportPageAssets.ts). */
const matrixRow = (i: ReportItem) => [
  i.id,
  i.kind,
  i.title,
  i.status ?? '',
  i.file,
  i.line,
  i.up,
  i.down,
  i.code.map(location),
  i.tests.map(location),
  i.needs,
  i.unmet,
  i.suspect,
  i.verification ? resultText(i.verification) : '',
  i.verification?.status ?? '',
];

/** What verification rests on: the result files (hash, run, totals, commit, staleness), or that there are none. */
function verificationHtml(m: ReportModel): string {
  const v = m.verification;
  const out = verificationIntro(v).map((line, i) =>
    i === 0 && v.mode === 'annotated-only' ? `<p class="note">${escapeHtml(line)}</p>` : `<p>${escapeHtml(line)}</p>`,
  );
  const code = (c: string): Cell => (c ? raw(`<code>${escapeHtml(c)}</code>`) : c);
  const rows = v.resultFiles.map((f): Cell[] => {
    const [file, format, run, duration, tests, commit, stale, sha] = resultFileCells(f, m.commit !== undefined);
    return [
      code(file),
      format,
      run,
      duration,
      tests,
      f.commit ? code(commit) : commit,
      f.stale ? raw(`<span class="no">${escapeHtml(stale)}</span>`) : stale,
      code(sha),
    ];
  });
  if (rows.length > 0) out.push(table(RESULT_FILE_HEADERS, rows, ''));
  out.push(`<p>${escapeHtml(itemsLine(v))}</p>`);
  return out.join('\n');
}

function matrixHtml(m: ReportModel): string {
  const kinds: string[] = [];
  for (const k of [...m.coverage.map((c) => c.kind), ...m.items.map((i) => i.kind)])
    if (!kinds.includes(k)) kinds.push(k);
  const perKind = (k: string) => m.items.filter((i) => i.kind === k).length;
  const options = kinds
    .map((k) => `<option value="${escapeHtml(k)}">${escapeHtml(k)} (${perKind(k)})</option>`)
    .join('');
  const cols = MATRIX_COLUMNS.map(([k]) => `<col class="c-${k}">`).join('');
  const heads = MATRIX_COLUMNS.map(
    ([k, h]) =>
      `<th scope="col" data-col="${k}" aria-sort="none"><button type="button">${h}<span class="sort-ind" aria-hidden="true"></span></button></th>`,
  ).join('');
  const n = plural(m.items.length, 'item');
  return [
    `<p>${n}. <span class="unmet">\u2717</span> marks an unmet need; Suspect counts the links to an item that changed after they were reviewed. The same matrix is in <code>matrix.csv</code> next to this file.</p>`,
    '<noscript><p class="note">The interactive matrix needs JavaScript. Open <code>matrix.csv</code> next to this file for the same data.</p></noscript>',
    '<p class="print-only">The matrix is not printed: see matrix.csv.</p>',
    '<div class="matrix-live" id="matrix-live" hidden>',
    '<div class="matrix-controls">',
    '<label>Filter <input type="search" id="matrix-filter" placeholder="ID, title, file, status, linked ID" autocomplete="off" spellcheck="false"></label>',
    `<label>Kind <select id="matrix-kind"><option value="">All kinds</option>${options}</select></label>`,
    '<label><input type="checkbox" id="matrix-gaps"> Gaps only (unmet needs or suspect links)</label>',
    '<output id="matrix-count" aria-live="polite"></output>',
    '</div>',
    '<div class="matrix-scroll" id="matrix-scroll" tabindex="0" role="region" aria-label="Traceability matrix rows">',
    `<table class="matrix" id="matrix-table" aria-rowcount="${m.items.length + 1}"><colgroup>${cols}</colgroup>`,
    `<thead><tr aria-rowindex="1">${heads}</tr></thead>`,
    '<tbody id="matrix-body"></tbody>',
    '</table>',
    '</div>',
    '</div>',
  ].join('\n');
}

function threatsHtml(m: ReportModel): string {
  return table(
    ['ID', 'Title', 'STRIDE category', 'Severity', 'Status', 'Controls', 'Mitigated'],
    m.threats.map((t) => [
      raw(`<span id="threat-${escapeHtml(t.id)}">${escapeHtml(t.id)}</span>`),
      t.title,
      t.category,
      t.severity,
      t.status,
      list(t.controls),
      yesNo(t.mitigated),
    ]),
    'No threats.',
  );
}

function residualHtml(m: ReportModel): string {
  const known = new Set(m.threats.map((t) => t.id));
  return (
    '<p>Threats accepted or transferred instead of mitigated: the risk the release carries.</p>\n' +
    table(
      ['ID', 'Title', 'Severity', 'Status', 'Accepted by', 'Rationale'],
      m.residualRisks.map((r) => [
        known.has(r.id)
          ? raw(`<a href="#threat-${escapeHtml(encodeURIComponent(r.id))}">${escapeHtml(r.id)}</a>`)
          : r.id,
        r.title,
        r.severity,
        r.status,
        r.acceptedBy,
        r.rationale,
      ]),
      'None: no threat is accepted or transferred.',
    )
  );
}

function suspectHtml(m: ReportModel): string {
  if (!m.baseline) {
    return '<p>No review baseline (<code>.seclife/baseline.json</code>): suspect links cannot be determined. Run <code>seclife review</code> to record one.</p>';
  }
  return (
    `<p>Review baseline: <code>.seclife/baseline.json</code>. ${plural(m.suspectLinks.length, 'link')} changed after review.</p>\n` +
    table(
      ['Target', 'Link', 'Location', 'Symbol'],
      m.suspectLinks.map((s) => [s.target, s.role, at(s), s.symbol]),
      'None: every link was reviewed after its target last changed.',
    )
  );
}

function traceFindingsHtml(m: ReportModel): string {
  return table(
    ['Location', 'Severity', 'Code', 'Item', 'Message', 'Suppressed with'],
    m.traceFindings.map((f) => [atCol(f), severity(f.severity), f.code, f.itemId, f.message, f.suppression]),
    'None.',
  );
}

function rulesHtml(m: ReportModel): string {
  if (m.rules.length === 0) return '<p class="none">None.</p>';
  const open = (r: ReportRule) => r.findings.filter((f) => !f.suppression).length;
  const out = [
    table(
      ['Rule', 'CWE', 'Title', 'Findings', 'Open', 'Suppressed'],
      m.rules.map((r, i) => [
        raw(`<a href="#rule-${i}">${escapeHtml(r.rule)}</a>`),
        r.cwe,
        r.title,
        r.findings.length,
        open(r),
        r.findings.length - open(r),
      ]),
      '',
      [3, 4, 5],
    ),
  ];
  m.rules.forEach((r, i) => {
    out.push(
      `<h3 id="rule-${i}">${escapeHtml(r.rule)}${r.title ? ` \u2014 ${escapeHtml(r.title)}` : ''}${r.cwe ? ` (${escapeHtml(r.cwe)})` : ''}</h3>`,
    );
    out.push(
      `<p>${plural(r.findings.length, 'finding')}: ${open(r)} open, ${r.findings.length - open(r)} suppressed.</p>`,
    );
    out.push(
      table(
        ['Location', 'Severity', 'Message', 'Suppressed with'],
        r.findings.map((f) => [atCol(f), severity(f.severity), f.message, f.suppression]),
        'None.',
      ),
    );
  });
  return out.join('\n');
}

function suppressionsHtml(m: ReportModel): string {
  return table(
    ['Location', 'Scope', 'Rules', 'Justification', 'Silenced'],
    m.suppressions.map((s) => [
      at(s),
      s.scope,
      s.rules.length ? s.rules.join(', ') : 'all rules',
      s.justification,
      s.silenced,
    ]),
    'None.',
    [4],
  );
}

function vulnerabilities(s: ReportSoupItem): Html {
  return raw(
    s.vulnerabilities
      .map((v) => {
        const cls = v.disposition === 'undispositioned' ? ' class="undispositioned"' : '';
        return `${escapeHtml(v.id)}: <span${cls}>${escapeHtml(v.disposition)}</span>${v.note ? ` \u2014 ${escapeHtml(v.note)}` : ''}`;
      })
      .join('<br>'),
  );
}

function soupHtml(m: ReportModel): string {
  const parts = [
    table(
      ['ID', 'Title', 'Version', 'Supplier', 'Class', 'Dependencies', 'Vulnerabilities', 'Covered'],
      m.soup.map((s) => [
        s.id,
        s.title,
        s.version,
        s.supplier,
        s.class,
        list(s.dependencies),
        vulnerabilities(s),
        yesNo(s.covered),
      ]),
      'No SOUP items.',
    ),
  ];
  const indirect = m.soup.flatMap((s) => s.indirect.map((p) => [s.id, p.package, p.via, p.advisories.join(', ')]));
  if (indirect.length > 0)
    parts.push('<h3>Indirect packages</h3>', table(['Item', 'Package', 'Via', 'Advisories'], indirect, 'None.'));
  if (m.unownedVulnerabilities.length > 0)
    parts.push(
      '<h3>Advisories no SOUP item answers for</h3>',
      table(
        ['Advisory', 'Package', 'Via', 'Where'],
        m.unownedVulnerabilities.map((v) => [v.id, v.package, v.via, `${v.file}:${v.line}`]),
        'None.',
      ),
    );
  if (m.unreadDependencyFiles.length > 0)
    parts.push(
      '<h3>Dependency files not read</h3>',
      table(
        ['File', 'Why'],
        m.unreadDependencyFiles.map((u) => [u.file, u.message]),
        'None.',
      ),
    );
  return parts.join('\n');
}

function configHtml(m: ReportModel): string {
  if (m.configText === undefined) return '<p>No seclife.json: defaults apply.</p>';
  return `<p>seclife.json as read:</p>\n<pre class="config"><code>${escapeHtml(m.configText)}</code></pre>`;
}

export function renderReportHtml(model: ReportModel): string {
  const m = model;
  const widths = [...new Set(m.coverage.map(barWidth))];
  const css = `${REPORT_CSS}\n${widths.map((w) => `.bar[data-p="${w}"] > span { width: ${w}%; }`).join('\n')}\n`;
  const csp = [
    "default-src 'none'",
    `script-src ${cspHash(REPORT_SCRIPT)}`,
    `style-src ${cspHash(css)}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const title = `Release evidence: ${m.project}`;
  const nav = REPORT_SECTIONS.map(([id, h]) => `<li><a href="#${id}">${escapeHtml(h)}</a></li>`).join('');
  const bodies: Record<string, string> = {
    summary: summaryHtml(m),
    verification: verificationHtml(m),
    matrix: matrixHtml(m),
    threats: threatsHtml(m),
    'residual-risks': residualHtml(m),
    'suspect-links': suspectHtml(m),
    'trace-findings': traceFindingsHtml(m),
    'secure-coding': rulesHtml(m),
    suppressions: suppressionsHtml(m),
    soup: soupHtml(m),
    configuration: configHtml(m),
  };
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`, // hashes and keywords only: nothing to escape
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${css}</style>`,
    '</head>',
    '<body>',
    '<header class="top">',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>IEC 81001-5-1 release evidence from ${escapeHtml(m.tool.name)} ${escapeHtml(m.tool.version)}${m.date ? `, ${escapeHtml(m.date)}` : ''}</p>`,
    `<nav aria-label="Sections"><ul>${nav}</ul></nav>`,
    '</header>',
    '<main>',
    ...REPORT_SECTIONS.map(([id]) => section(id, bodies[id])),
    '</main>',
    `<footer>Generated by ${escapeHtml(m.tool.name)} ${escapeHtml(m.tool.version)}. This page is self-contained and loads nothing.</footer>`,
    `<script type="application/json" id="matrix-data">${jsonForScript({ items: m.items.map(matrixRow) })}</script>`,
    `<script>${REPORT_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
