import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeHtml, renderCoverageHtml } from './coverageHtml';

const loc = {
  uri: 'file:///ws/docs/r.md',
  range: { start: { line: 2, character: 3 }, end: { line: 2, character: 9 } },
};

test('the coverage page escapes item text, uses a nonce CSP and no remote resources', () => {
  const html = renderCoverageHtml(
    {
      coverage: {
        kinds: [
          { prefix: 'SR', title: 'Security requirement', total: 4, covered: 3, percent: 75 },
          { prefix: 'CS', title: 'Coding', total: 0, covered: 0, percent: 100 },
        ],
        gaps: [
          {
            id: 'SR-2',
            kind: 'SR',
            title: '<img src=x onerror=alert(1)> "quoted"',
            missing: ['verified'],
            location: loc,
          },
        ],
        findings: { error: 1, warning: 2, note: 0 },
        verification: {
          mode: 'annotated-only',
          resultFiles: 0,
          passed: 0,
          failed: 0,
          notRun: 0,
          annotated: 3,
          none: 1,
        },
        indexing: false,
      },
      findings: [
        { code: 'js/eval-dynamic', severity: 'error', message: 'm', location: loc },
        { code: 'js/eval-dynamic', severity: 'warning', message: 'm', location: loc },
        { code: 'not-verified', severity: 'warning', message: 'm', location: loc },
      ],
      relativePath: () => 'docs/r.md',
    },
    'NONCE123',
    'vscode-resource:',
  );
  assert.ok(
    html.includes(
      "content=\"default-src 'none'; style-src vscode-resource: 'nonce-NONCE123'; script-src 'nonce-NONCE123';\"",
    ),
  );
  assert.ok(!html.includes('<img'), 'item text is escaped');
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot;'));
  assert.doesNotMatch(html, /https?:\/\//, 'no remote resources');
  assert.equal((html.match(/<script nonce="NONCE123">/g) ?? []).length, 1);
  assert.equal((html.match(/<script/g) ?? []).length, 1);
  assert.match(html, /Security requirement \(SR\)<\/span>\s*<span class="figure">3\/4 · <b class="percent">75%<\/b>/);
  assert.ok(!html.includes('data-kind="CS"'), 'kinds without items are not drawn');
  assert.doesNotMatch(
    html,
    /\sstyle\s*=/i,
    'no style attributes: the nonce CSP blocks them and the bar would be drawn full',
  );
  assert.match(
    html,
    /<div class="fill" data-percent="75"><\/div>/,
    'the bar width is set from data-percent by the nonce script',
  );
  assert.ok(
    html.includes('data-uri="file:///ws/docs/r.md" data-line="2" data-character="3"'),
    'a gap opens at its LSP location',
  );
  assert.ok(html.includes('<td class="where">docs/r.md:3</td>'), 'lines are shown 1-based');
  assert.match(
    html,
    /<tr><td>js\/eval-dynamic<\/td><td class="num">1<\/td><td class="num">1<\/td><td class="num">0<\/td><\/tr>/,
  );
});

test('escapeHtml covers the five special characters', () => {
  assert.equal(
    escapeHtml(`<a href="x" title='y'>&</a>`),
    '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
  );
});

test('the verification section separates passed from failed, not run and annotated only', () => {
  const tally = (passed: number, failed: number, notRun: number, annotated: number, none: number) => ({
    passed,
    failed,
    notRun,
    annotated,
    none,
  });
  const render = (mode: 'results' | 'annotated-only' | 'mixed', resultFiles: number) =>
    renderCoverageHtml(
      {
        coverage: {
          kinds: [
            {
              prefix: 'SR',
              title: 'Security requirement',
              total: 4,
              covered: 2,
              percent: 50,
              verification: tally(2, 1, 1, 0, 0),
            },
            {
              prefix: 'RC',
              title: 'Risk control',
              total: 1,
              covered: 1,
              percent: 100,
              verification: tally(0, 0, 0, 1, 0),
            },
            { prefix: 'TH', title: 'Threat', total: 2, covered: 2, percent: 100 },
          ],
          gaps: [
            { id: 'SR-2', kind: 'SR', title: 'Audit', missing: ['verified'], location: loc, verification: 'failed' },
            {
              id: 'SR-3',
              kind: 'SR',
              title: 'Expiry',
              missing: ['implemented', 'verified'],
              location: loc,
              verification: 'not-run',
            },
          ],
          findings: { error: 1, warning: 0, note: 0 },
          verification: { mode, resultFiles, ...tally(2, 1, 1, 1, 0) },
          indexing: false,
        },
        findings: [],
        relativePath: () => 'docs/r.md',
      },
      'N',
      'vscode-resource:',
    );
  const html = render('results', 2);
  assert.match(
    html,
    /<p class="summary" id="verification-mode" data-mode="results">From test results: 2 result files read\./,
  );
  assert.match(
    html,
    /<tr data-kind="SR"><td>Security requirement \(SR\)<\/td><td class="num passed">2<\/td><td class="num failed">1<\/td><td class="num notRun">1<\/td><td class="num annotated">0<\/td><td class="num none">0<\/td><\/tr>/,
  );
  assert.match(html, /<tr data-kind="RC">.*<td class="num passed">0<\/td>.*<td class="num annotated">1<\/td>/);
  assert.ok(!html.includes('<tr data-kind="TH">'), 'kinds that need no verification have no row');
  assert.match(html, /<tr class="total"><td>All<\/td><td class="num passed">2<\/td>/);
  assert.match(html, /<td>verified \(a test failed\)<\/td>/);
  assert.match(html, /<td>implemented, verified \(not run\)<\/td>/);
  assert.match(render('annotated-only', 0), /Annotated only: no test results read\./);
  assert.match(render('mixed', 1), /1 result file read \(some folders have none: their tests are annotated only\)/);
});
