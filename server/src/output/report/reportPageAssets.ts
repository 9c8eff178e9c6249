/**
 * The inline stylesheet and script of the report page (`reportHtml.ts`). The page's
 * Content-Security-Policy allows exactly these by their SHA-256 hashes, so they must stay
 * static text: model data reaches the script only through the JSON block
 * `#matrix-data`, and the script writes it with `textContent` and DOM APIs.
 *
 * The script is plain ES2020 browser JavaScript in a `String.raw` template (backslashes
 * stay as written): it must contain no backtick and no dollar-brace, and no `</script`.
 * It must stay free of CR characters too: the HTML parser turns CR LF into LF, which
 * would change the hash the browser computes.
 */

export const REPORT_CSS = String.raw`:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --alt: #f6f8fa;
  --accent: #0969da; --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); background: #fff; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
header.top { padding: 1rem 1.5rem .5rem; border-bottom: 1px solid var(--border); background: var(--alt); }
header.top h1 { margin: 0 0 .2rem; font-size: 1.35rem; }
header.top p { margin: 0 0 .5rem; color: var(--muted); }
nav ul { display: flex; flex-wrap: wrap; gap: .2rem 1.1rem; margin: 0; padding: 0; list-style: none; }
a { color: var(--accent); text-decoration: none; }
a:hover, a:focus-visible { text-decoration: underline; }
main { max-width: 1500px; padding: 0 1.5rem 2rem; }
section { margin-top: 1.75rem; }
h2 { margin: 0 0 .6rem; padding-bottom: .25rem; font-size: 1.2rem; border-bottom: 1px solid var(--border); }
h3 { margin: 1.1rem 0 .4rem; font-size: 1rem; }
p { margin: .4rem 0; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
table { border-collapse: collapse; }
table.data { width: 100%; margin: .4rem 0 1rem; }
table.data th, table.data td { padding: .25rem .5rem; border: 1px solid var(--border); text-align: left; vertical-align: top; overflow-wrap: anywhere; }
table.data th { background: var(--alt); font-weight: 600; }
table.data td.num, table.data th.num { text-align: right; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1.2rem; margin: .4rem 0 1rem; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
.verdict { display: inline-block; padding: .05rem .6rem; border: 1px solid; border-radius: 3px; font-weight: 700; }
.verdict.passed { color: var(--ok); background: #dafbe1; }
.verdict.failed { color: var(--bad); background: #ffebe9; }
.verdict.unset { color: var(--muted); background: var(--alt); }
.pass, .met, .yes { color: var(--ok); }
.fail, .unmet, .no, .undispositioned { color: var(--bad); font-weight: 600; }
.sev-error { color: var(--bad); font-weight: 600; }
.sev-warning { color: var(--warn); font-weight: 600; }
.sev-note, .muted, .none { color: var(--muted); }
.res-passed { color: var(--ok); }
.res-failed { color: var(--bad); font-weight: 600; }
.res-not-run { color: var(--warn); font-weight: 600; }
.res-annotated, .res-none { color: var(--muted); }
.bar { display: inline-block; width: 11rem; height: .75rem; margin-right: .6rem; overflow: hidden; vertical-align: -1px;
  border: 1px solid var(--border); border-radius: 2px; background: #eef1f4; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.bar > span { display: block; width: 0; height: 100%; background: var(--accent); }
.bar.pass > span { background: var(--ok); }
.bar.fail > span { background: var(--bad); }
ul.plain { margin: 0; padding: 0; list-style: none; }
pre.config { margin: .4rem 0; padding: .75rem; overflow: auto; border: 1px solid var(--border); background: var(--alt); }
.matrix-controls { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.2rem; margin: .5rem 0; }
.matrix-controls input[type="search"] { min-width: 20rem; padding: .25rem .4rem; font: inherit; }
.matrix-controls select { padding: .2rem; font: inherit; }
#matrix-count { color: var(--muted); font-variant-numeric: tabular-nums; }
.matrix-scroll { height: 70vh; min-height: 18rem; overflow: auto; border: 1px solid var(--border); }
.matrix-scroll:focus-visible { outline: 2px solid var(--accent); }
table.matrix { width: 100%; min-width: 90rem; table-layout: fixed; }
table.matrix th { position: sticky; top: 0; z-index: 1; padding: 0; background: var(--alt); text-align: left; box-shadow: inset 0 -1px 0 var(--border); }
table.matrix th button { width: 100%; padding: .4rem; border: 0; background: none; color: inherit; font: inherit; font-weight: 600; text-align: left; cursor: pointer; }
table.matrix th button:focus-visible { outline: 2px solid var(--accent); outline-offset: -2px; }
.sort-ind { margin-left: .25rem; color: var(--muted); }
tr.matrix-row { height: 28px; }
tr.matrix-row td { padding: 0 .4rem; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; border-bottom: 1px solid #eaeef2; line-height: 27px; }
tr.matrix-row.odd td { background: #fafbfc; }
tr.matrix-row:hover td { background: #eef4fc; }
tr.matrix-row td.id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
tr.matrix-row td.suspect { color: var(--warn); font-weight: 600; }
tr.matrix-row td.needs span + span { margin-left: .5rem; }
tr.spacer td { padding: 0; border: 0; }
tr.empty td { padding: .75rem; color: var(--muted); }
col.c-id { width: 7rem; } col.c-kind { width: 4.5rem; } col.c-status { width: 6rem; } col.c-up, col.c-down { width: 7rem; }
col.c-code, col.c-tests { width: 10.5rem; } col.c-verification { width: 9.5rem; } col.c-needs { width: 12rem; } col.c-suspect { width: 5.5rem; }
.note { padding: .5rem .75rem; border-left: 3px solid var(--warn); background: #fff8c5; }
.print-only { display: none; }
footer { padding: 1rem 1.5rem 2rem; color: var(--muted); border-top: 1px solid var(--border); }
@media print {
  body { font-size: 10pt; }
  header.top { background: none; }
  nav, .matrix-live, noscript { display: none !important; }
  .print-only { display: block; }
  main { max-width: none; padding: 0; }
  section { break-inside: auto; }
  h2, h3 { break-after: avoid; }
  table.data tr { break-inside: avoid; }
  a { color: inherit; }
  pre.config { overflow: visible; white-space: pre-wrap; }
}`;

export const REPORT_SCRIPT = String.raw`(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const source = $('matrix-data');
  const scroller = $('matrix-scroll');
  if (!source || !scroller) return;
  // Row layout of the JSON (reportHtml.ts): id, kind, title, status, file, line, up, down,
  // code, tests, needs, unmet, suspect, result (text, '' when the kind needs no verification),
  // result status; a location is [file, line] or [file, line, symbol].
  const items = JSON.parse(source.textContent || '{"items":[]}').items.map((r, index) => ({
    index, id: r[0], kind: r[1], title: r[2], status: r[3] || '', file: r[4], line: r[5], up: r[6], down: r[7],
    code: r[8], tests: r[9], needs: r[10], unmet: r[11], suspect: r[12], result: r[13] || '', resultStatus: r[14] || '',
    gap: r[11].length > 0 || r[12] > 0, hay: null,
  }));
  const table = $('matrix-table');
  const thead = table.tHead;
  const tbody = $('matrix-body');
  const filterInput = $('matrix-filter');
  const kindSelect = $('matrix-kind');
  const gapsBox = $('matrix-gaps');
  const countOut = $('matrix-count');
  const COLUMNS = 11;
  // Result statuses to cell classes: only these, whatever the data says.
  const RESULT_CLASS = { passed: 'result res-passed', failed: 'result res-failed', 'not-run': 'result res-not-run',
    annotated: 'result res-annotated', none: 'result res-none' };
  const OVERSCAN = 8;
  const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  const KEYS = {
    id: (it) => it.id, kind: (it) => it.kind, title: (it) => it.title, status: (it) => it.status,
    up: (it) => it.up.length, down: (it) => it.down.length, code: (it) => it.code.length, tests: (it) => it.tests.length,
    verification: (it) => it.result,
    needs: (it) => it.unmet.length * 1000 + it.needs.length, suspect: (it) => it.suspect,
  };
  const NUMERIC = new Set(['up', 'down', 'code', 'tests', 'needs', 'suspect']);
  let rowH = 28;
  let ordered = items;
  let view = items;
  let sort = null;
  let range = [-1, -1];

  const group = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const loc = (l) => l[0] + ':' + l[1];
  const locLong = (l) => loc(l) + (l[2] ? ' (' + l[2] + ')' : '');
  const hayOf = (it) => it.hay || (it.hay = [it.id, it.title, it.status, it.file, it.result]
    .concat(it.up, it.down, it.code.map((l) => l[0]), it.tests.map((l) => l[0])).join('\n').toLowerCase());

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  function spacer() {
    const tr = el('tr', 'spacer');
    tr.setAttribute('aria-hidden', 'true');
    const td = el('td');
    td.colSpan = COLUMNS;
    tr.appendChild(td);
    tr.hidden = true;
    return tr;
  }
  const topPad = spacer();
  const bottomPad = spacer();
  tbody.append(topPad, bottomPad);
  function setPad(tr, px) {
    tr.hidden = px <= 0;
    tr.style.height = px + 'px';
  }

  function cell(tr, text, title, cls) {
    const td = el('td', cls, text);
    if (title) td.title = title;
    tr.appendChild(td);
    return td;
  }
  function locCell(tr, locs) {
    if (locs.length === 0) return cell(tr, '');
    const shown = locs.slice(0, 2).map(loc).join(', ') + (locs.length > 2 ? ', \u2026' : '');
    return cell(tr, locs.length + ' \u00b7 ' + shown, locs.map(locLong).join('\n'));
  }
  function needsCell(tr, it) {
    const td = cell(tr, '', '', 'needs');
    // Unmet needs first, so the ellipsis of a narrow column never hides them.
    const all = it.unmet.concat(it.needs.filter((n) => !it.unmet.includes(n)));
    for (const n of all) {
      const bad = it.unmet.includes(n);
      td.appendChild(el('span', bad ? 'unmet' : 'met', (bad ? '\u2717 ' : '\u2713 ') + n));
    }
    if (all.length) td.title = it.unmet.length ? 'Unmet: ' + it.unmet.join(', ') : 'All needs met';
  }
  function rowFor(it, i) {
    const tr = el('tr', i % 2 ? 'matrix-row odd' : 'matrix-row');
    tr.dataset.id = it.id;
    tr.setAttribute('aria-rowindex', String(i + 2));
    cell(tr, it.id, it.file + ':' + it.line, 'id');
    cell(tr, it.kind);
    cell(tr, it.title, it.title);
    cell(tr, it.status, it.status);
    cell(tr, it.up.join(', '), it.up.join('\n'));
    cell(tr, it.down.join(', '), it.down.join('\n'));
    locCell(tr, it.code);
    locCell(tr, it.tests);
    const known = Object.prototype.hasOwnProperty.call(RESULT_CLASS, it.resultStatus);
    cell(tr, it.result, it.result, known ? RESULT_CLASS[it.resultStatus] : 'result');
    needsCell(tr, it);
    cell(tr, it.suspect ? String(it.suspect) : '', it.suspect ? it.suspect + ' suspect link(s)' : '', it.suspect ? 'suspect' : '');
    return tr;
  }

  /** Puts the visible rows (plus overscan) between the two spacers; a no-op when the range is unchanged. */
  function render(force) {
    const headH = thead.offsetHeight;
    const first = Math.floor(scroller.scrollTop / rowH);
    const visible = Math.ceil(Math.max(scroller.clientHeight - headH, rowH) / rowH) + 1;
    const start = Math.min(Math.max(0, first - OVERSCAN), view.length);
    const end = Math.min(view.length, first + visible + OVERSCAN);
    if (!force && start === range[0] && end === range[1]) return;
    range = [start, end];
    while (topPad.nextSibling && topPad.nextSibling !== bottomPad) topPad.nextSibling.remove();
    const frag = document.createDocumentFragment();
    if (view.length === 0) {
      const tr = el('tr', 'empty');
      const td = el('td', '', items.length ? 'No item matches the filter.' : 'No items.');
      td.colSpan = COLUMNS;
      tr.appendChild(td);
      frag.appendChild(tr);
    }
    for (let i = start; i < end; i++) frag.appendChild(rowFor(view[i], i));
    tbody.insertBefore(frag, bottomPad);
    setPad(topPad, start * rowH);
    setPad(bottomPad, (view.length - end) * rowH);
  }

  /** Adopts the row height the browser actually laid out (fonts, zoom), once. */
  function measure() {
    const row = tbody.querySelector('tr.matrix-row');
    const h = row ? row.getBoundingClientRect().height : 0;
    if (h > 0 && Math.abs(h - rowH) > 0.25) {
      rowH = h;
      render(true);
    }
  }

  function applySort(col) {
    const key = KEYS[col];
    if (!key) return;
    sort = sort && sort.col === col ? { col, dir: -sort.dir } : { col, dir: 1 };
    const numeric = NUMERIC.has(col);
    const dir = sort.dir;
    ordered = items.map((it) => [key(it), it]).sort((a, b) =>
      ((numeric ? a[0] - b[0] : collator.compare(a[0], b[0])) || a[1].index - b[1].index) * dir).map((p) => p[1]);
    for (const th of thead.querySelectorAll('th[data-col]')) {
      const on = th.dataset.col === col;
      th.setAttribute('aria-sort', on ? (dir > 0 ? 'ascending' : 'descending') : 'none');
      th.querySelector('.sort-ind').textContent = on ? (dir > 0 ? '\u25b2' : '\u25bc') : '';
    }
  }

  /** Filters and re-renders from the top; records how long it took for the benchmark. */
  function update() {
    const t0 = performance.now();
    const terms = filterInput.value.toLowerCase().split(/\s+/).filter(Boolean);
    const kind = kindSelect.value;
    const gaps = gapsBox.checked;
    view = (terms.length || kind || gaps)
      ? ordered.filter((it) => (!kind || it.kind === kind) && (!gaps || it.gap) && terms.every((t) => hayOf(it).includes(t)))
      : ordered;
    countOut.textContent = group(view.length) + ' of ' + group(items.length) + ' items';
    table.setAttribute('aria-rowcount', String(view.length + 1));
    scroller.scrollTop = 0;
    render(true);
    const t1 = performance.now();
    document.body.dataset.matrixUpdateMs = (t1 - t0).toFixed(1);
    document.body.dataset.matrixUpdatedAt = t1.toFixed(1);
  }

  let timer = 0;
  filterInput.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(update, 50);
  });
  kindSelect.addEventListener('change', update);
  gapsBox.addEventListener('change', update);
  thead.addEventListener('click', (e) => {
    const th = e.target instanceof Element ? e.target.closest('th[data-col]') : null;
    if (!th) return;
    applySort(th.dataset.col);
    update();
  });
  scroller.addEventListener('scroll', () => render(false), { passive: true });
  window.addEventListener('resize', () => render(false));

  $('matrix-live').hidden = false;
  update();
  measure();
  document.body.dataset.matrixReadyAt = performance.now().toFixed(1);
  document.body.dataset.matrixReady = '1';
  // Lower-cased search text for every item, once the page is idle, so the first filter is quick too.
  (window.requestIdleCallback || ((f) => setTimeout(f, 0)))(() => items.forEach(hayOf));
})();
`;
