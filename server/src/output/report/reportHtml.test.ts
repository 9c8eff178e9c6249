import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { ReportModel } from '../../core/report/reportModel';
import { cspHash, escapeHtml, jsonForScript, REPORT_SECTIONS, renderReportHtml } from './reportHtml';
import { REPORT_CSS, REPORT_SCRIPT } from './reportPageAssets';

const HOSTILE = `</script><script>alert("x")</script> <img src=x onerror=alert(1)> & 'q' \u2028 <!--`;

function model(over: Partial<ReportModel> = {}): ReportModel {
  return {
    tool: { name: 'seclife', version: '1.2.3' },
    project: 'demo <project>',
    commit: { sha: 'abc123', ref: 'main' },
    configText: '{\n  "gate": { "failOn": "warning" }, "x": "</pre><b>&amp;"\n}\n',
    gate: {
      configured: true,
      passed: true,
      checks: [{ name: 'failOn', passed: true, message: 'failOn warning: no open finding at warning or above' }],
    },
    coverage: [{ kind: 'SR', title: 'Security requirement', total: 3, covered: 2, percent: 66.7 }],
    verification: {
      mode: 'results',
      resultFiles: [
        {
          file: `test-results/${HOSTILE}.xml`,
          sha256: 'ab'.repeat(32),
          format: 'junit',
          dialect: 'node-test',
          commit: '1234567890abcdef1234567890abcdef12345678',
          timestamp: '2026-01-01T00:00:00Z',
          durationMs: 1500,
          totals: { passed: 1, failed: 1, errored: 0, skipped: 1, other: 0 },
          cases: 3,
          problems: 0,
          stale: true,
        },
      ],
      items: { passed: 0, failed: 1, notRun: 0, annotated: 0, none: 1 },
    },
    counts: { error: 1, warning: 2, note: 3, suppressed: 4 },
    items: [
      {
        id: 'SR-10',
        kind: 'SR',
        title: HOSTILE,
        file: 'docs/req.md',
        line: 3,
        status: 'approved',
        up: ['TM-1'],
        down: [],
        code: [{ file: 'src/a.ts', line: 4, symbol: 'login' }],
        tests: [],
        needs: ['implemented', 'verified'],
        unmet: ['verified'],
        suspect: 1,
        verification: { status: 'failed', counts: { tests: 2, passed: 1, failed: 1, notRun: 0 } },
      },
      {
        id: 'SR-2',
        kind: 'SR',
        title: 'Plain',
        file: 'docs/req.md',
        line: 9,
        up: [],
        down: [],
        code: [],
        tests: [],
        needs: [],
        unmet: [],
        suspect: 0,
      },
    ],
    threats: [
      {
        id: 'TM-1',
        title: HOSTILE,
        file: 'docs/t.md',
        line: 1,
        category: 'Spoofing',
        severity: 'high',
        status: 'accepted',
        controls: ['RC-1'],
        mitigated: false,
      },
    ],
    residualRisks: [
      {
        id: 'TM-1',
        title: HOSTILE,
        status: 'accepted',
        acceptedBy: 'Board "A"',
        rationale: 'Low & rare',
        severity: 'high',
      },
    ],
    traceFindings: [
      {
        code: 'trace/unverified',
        severity: 'warning',
        message: HOSTILE,
        file: 'docs/req.md',
        line: 3,
        column: 1,
        itemId: 'SR-10',
      },
    ],
    rules: [
      {
        rule: 'js/sql-concat',
        cwe: 'CWE-89',
        title: 'SQL built by concatenation',
        findings: [
          { code: 'js/sql-concat', severity: 'error', message: 'concat', file: 'src/db.ts', line: 7, column: 9 },
          {
            code: 'js/sql-concat',
            severity: 'error',
            message: 'concat',
            file: 'src/db.ts',
            line: 9,
            column: 9,
            suppression: 'constant <input>',
          },
        ],
      },
    ],
    suppressions: [
      {
        file: 'src/db.ts',
        line: 8,
        scope: 'next-line',
        rules: ['js/sql-concat'],
        justification: 'constant <input>',
        silenced: 1,
      },
    ],
    soup: [
      {
        id: 'SOUP-1',
        title: 'lib',
        version: '1.0',
        supplier: 'ACME',
        class: 'B',
        dependencies: ['lib@1.0.0'],
        indirect: [{ package: 'dep<b>@1.0.0', via: 'lib@1.0.0', advisories: ['CVE-<x>'] }],
        vulnerabilities: [{ id: 'CVE-2024-1', disposition: 'not-affected', note: 'unused <path>' }],
        covered: true,
      },
    ],
    unreadDependencyFiles: [{ file: 'svc/<Gemfile.lock>', message: 'not read <at all>' }],
    unownedVulnerabilities: [
      { id: 'GHSA-<y>', package: 'q<s>@1.0.0', via: 'a@1 > b@2', file: 'package-lock.json', line: 3 },
    ],
    suspectLinks: [{ target: 'SR-10', role: 'verifies', file: 'test/a.test.ts', line: 12, symbol: 'it works' }],
    baseline: true,
    ...over,
  };
}

const inline = (html: string, re: RegExp) => [...html.matchAll(re)].map((m) => m[1]);

test('hostile text is escaped in the HTML sections and cannot close a script element', () => {
  const html = renderReportHtml(model());
  assert.equal((html.match(/<script/g) ?? []).length, 2, 'only the data block and the page script');
  assert.equal((html.match(/<\/script>/g) ?? []).length, 2);
  assert.ok(!html.includes('<img'), 'no injected element');
  assert.ok(!html.includes('<!--'), 'no comment opener from data');
  assert.ok(
    html.includes(
      '&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; &amp; &#39;q&#39;',
    ),
  );
  assert.ok(html.includes('<h1>Release evidence: demo &lt;project&gt;</h1>'));
  assert.ok(
    html.includes('Board &quot;A&quot;') && html.includes('Low &amp; rare') && html.includes('unused &lt;path&gt;'),
  );
  // The SOUP section's indirect packages, unowned advisories and unread files are escaped too.
  for (const text of [
    'dep&lt;b&gt;@1.0.0',
    'CVE-&lt;x&gt;',
    'svc/&lt;Gemfile.lock&gt;',
    'not read &lt;at all&gt;',
    'q&lt;s&gt;@1.0.0',
  ])
    assert.ok(html.includes(text), text);
  assert.ok(
    html.includes(
      '<pre class="config"><code>{\n  &quot;gate&quot;: { &quot;failOn&quot;: &quot;warning&quot; }, &quot;x&quot;: &quot;&lt;/pre&gt;&lt;b&gt;&amp;amp;&quot;\n}\n</code></pre>',
    ),
  );
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
});

test('the matrix JSON escapes < > & U+2028 U+2029 and round-trips', () => {
  const html = renderReportHtml(model());
  const [json] = inline(html, /<script type="application\/json" id="matrix-data">([\s\S]*?)<\/script>/g);
  assert.ok(json !== undefined);
  assert.doesNotMatch(json, /[<>&\u2028\u2029]/);
  assert.ok(json.includes('\\u003c/script\\u003e') && json.includes('\\u0026') && json.includes('\\u2028'));
  const data = JSON.parse(json) as { items: unknown[][] };
  assert.equal(data.items.length, 2);
  assert.deepEqual(data.items[0], [
    'SR-10',
    'SR',
    HOSTILE,
    'approved',
    'docs/req.md',
    3,
    ['TM-1'],
    [],
    [['src/a.ts', 4, 'login']],
    [],
    ['implemented', 'verified'],
    ['verified'],
    1,
    'failed (1 failed, 1 passed)',
    'failed',
  ]);
  assert.deepEqual(data.items[1][3], '', 'no status');
  assert.deepEqual(data.items[1].slice(13), ['', ''], 'no verification for a kind that needs none');
  assert.equal(jsonForScript({ a: '</script>\u2029' }), '{"a":"\\u003c/script\\u003e\\u2029"}');
});

test('the CSP allows exactly the inline script and style, by hash', () => {
  const html = renderReportHtml(model());
  const [csp] = inline(html, /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g);
  const directives = new Map(
    csp.split(/;\s*/).map((d) => {
      const [k, ...v] = d.split(' ');
      return [k, v] as const;
    }),
  );
  assert.deepEqual(directives.get('default-src'), ["'none'"]);
  const scripts = inline(html, /<script>([\s\S]*?)<\/script>/g);
  const styles = inline(html, /<style>([\s\S]*?)<\/style>/g);
  assert.equal(scripts.length, 1);
  assert.equal(styles.length, 1);
  const sha = (s: string) => `'sha256-${createHash('sha256').update(Buffer.from(s, 'utf8')).digest('base64')}'`;
  assert.deepEqual(directives.get('script-src'), [sha(scripts[0])]);
  assert.deepEqual(directives.get('style-src'), [sha(styles[0])]);
  assert.equal(scripts[0], REPORT_SCRIPT);
  assert.ok(styles[0].startsWith(REPORT_CSS));
  assert.equal(cspHash('a'), sha('a'));
  // Nothing the policy would block: no inline handlers, style attributes or external references.
  // Every `<` outside the script and style elements starts a real tag: text has `&lt;`.
  const tags = html.replace(/<(script|style)\b([^>]*)>[\s\S]*?<\/\1>/g, '<$1$2>').match(/<[a-z][^>]*>/gi) ?? [];
  assert.ok(tags.length > 100);
  for (const tag of tags) assert.doesNotMatch(tag, /\s(on[a-z]+|style|src)\s*=|\shref="(?!#)/i, tag);
  assert.doesNotMatch(html, /\r/, 'no CR: the parser would normalize it and break the hashes');
});

test('the page script is valid JavaScript that never writes HTML from data', () => {
  assert.doesNotThrow(() => new Function(REPORT_SCRIPT));
  assert.doesNotMatch(REPORT_SCRIPT, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
  assert.doesNotMatch(REPORT_SCRIPT, /<\/script|<!--|\r/i);
});

test('the same model gives byte-identical HTML', () => {
  const a = renderReportHtml(model());
  assert.equal(renderReportHtml(model()), a);
  assert.equal(renderReportHtml(JSON.parse(JSON.stringify(model())) as ReportModel), a);
  // The result file's own run time (in the verification section) is data, not the report's date.
  const undated = a.replace(/<section id="verification"[\s\S]*?<\/section>/, '');
  assert.ok(!/\b20\d\d-\d\d-\d\d/.test(undated), 'no date unless the model has one');
  assert.ok(
    renderReportHtml(model({ date: '2026-01-02T03:04:05Z' })).includes('<dt>Date</dt><dd>2026-01-02T03:04:05Z</dd>'),
  );
});

test('every section is present, in order, with a nav link', () => {
  const html = renderReportHtml(model());
  let last = -1;
  for (const [id, heading] of REPORT_SECTIONS) {
    const at = html.indexOf(`<section id="${id}"`);
    assert.ok(at > last, `${id} after the previous section`);
    assert.ok(html.includes(`<h2 id="${id}-h">${heading}</h2>`), heading);
    assert.ok(html.includes(`<li><a href="#${id}">`), `nav link to ${id}`);
    last = at;
  }
  for (const hook of [
    'id="matrix-filter"',
    'id="matrix-kind"',
    'id="matrix-gaps"',
    'id="matrix-count"',
    'th scope="col" data-col="id"',
    'data-col="suspect"',
  ]) {
    assert.ok(html.includes(hook), hook);
  }
  assert.ok(html.includes('<option value="SR">SR (2)</option>'));
  assert.match(html, /<noscript>[\s\S]*matrix\.csv[\s\S]*<\/noscript>/);
  assert.ok(html.includes('<a href="#threat-TM-1">TM-1</a>'), 'residual risk links to its threat');
  assert.ok(html.includes('2/3 (66.7%)'), 'coverage as covered/total (percent%)');
  assert.ok(html.includes('.bar[data-p="66.7"] > span { width: 66.7%; }'));
});

test('gate verdict: PASSED, FAILED, not configured', () => {
  const verdict = (gate: ReportModel['gate']) =>
    /id="gate-verdict">([^<]*)</.exec(renderReportHtml(model({ gate })))?.[1];
  const ok = { name: 'failOn', passed: true, message: 'failOn error: no open finding at error' };
  const bad = { name: 'coverage.SR', passed: false, message: 'SR coverage 66.7% (2/3) is below the required 90%' };
  assert.equal(verdict({ configured: true, passed: true, checks: [ok] }), 'PASSED');
  assert.equal(verdict({ configured: true, passed: false, checks: [ok, bad] }), 'FAILED');
  assert.equal(verdict({ configured: false, passed: true, checks: [ok] }), 'not configured');
  const failed = renderReportHtml(model({ gate: { configured: true, passed: false, checks: [ok, bad] } }));
  assert.ok(failed.includes('SR coverage 66.7% (2/3) is below the required 90%'));
  assert.ok(failed.includes('<span class="fail">FAIL</span>') && failed.includes('1 of 2 checks passed'));
  assert.ok(failed.includes('class="bar fail" data-p="66.7"'), 'a coverage bar below the gate is red');
  const unset = renderReportHtml(
    model({ gate: { configured: false, passed: false, checks: [{ ...ok, passed: false }] } }),
  );
  assert.ok(unset.includes('only the default check ran, and failed'));
});

test('empty sections say so', () => {
  const html = renderReportHtml(
    model({
      configText: undefined,
      residualRisks: [],
      threats: [],
      baseline: false,
      suspectLinks: [],
      rules: [],
      suppressions: [],
      soup: [],
      traceFindings: [],
      items: [],
      commit: undefined,
    }),
  );
  assert.ok(html.includes('No seclife.json: defaults apply.'));
  assert.ok(html.includes('None: no threat is accepted or transferred.'));
  assert.ok(html.includes('No review baseline'));
  assert.ok(html.includes('not a git repository'));
  assert.ok(html.includes('"items":[]'));
  const withBaseline = renderReportHtml(model({ suspectLinks: [] }));
  assert.ok(
    withBaseline.includes('0 links changed after review') && withBaseline.includes('None: every link was reviewed'),
  );
});

test('verification results: each result file with its hash, run, totals, commit and staleness, escaped', () => {
  const html = renderReportHtml(model());
  const section = /<section id="verification"[\s\S]*?<\/section>/.exec(html)![0];
  assert.ok(section.includes('Verification rests on this test-result file'));
  assert.ok(section.includes(`<code>test-results/${escapeHtml(HOSTILE)}.xml</code>`), 'the file name is escaped');
  assert.ok(!section.includes('<img'), 'no injected element');
  for (const cell of [
    'junit (node-test)',
    '2026-01-01T00:00:00Z',
    '1.5 s',
    '3 tests (1 passed, 1 failed, 1 skipped)',
    '<code>1234567890abcdef1234567890abcdef12345678</code>',
    '<span class="no">yes (HEAD is another commit)</span>',
    `<code>${'ab'.repeat(32)}</code>`,
  ])
    assert.ok(section.includes(`<td>${cell}</td>`), cell);
  assert.ok(section.includes('Items that need verification: 0 passed, 1 failed, 0 not run, 1 without a linked test.'));
  assert.ok(html.includes('<dt>Verification</dt><dd>1 test-result file, 3 tests (1 passed, 1 failed, 1 skipped)</dd>'));
  assert.ok(html.includes('data-col="verification"') && html.includes('<col class="c-verification">'));
});

test('annotated only: the section says no test results were read, and nothing is called passed', () => {
  const html = renderReportHtml(
    model({
      verification: {
        mode: 'annotated-only',
        resultFiles: [],
        items: { passed: 0, failed: 0, notRun: 0, annotated: 1, none: 1 },
      },
      items: [
        {
          ...model().items[0],
          verification: { status: 'annotated', counts: { tests: 2, passed: 0, failed: 0, notRun: 0 } },
        },
      ],
    }),
  );
  const section = /<section id="verification"[\s\S]*?<\/section>/.exec(html)![0];
  assert.ok(
    section.includes(
      '<p class="note">No test results were read: verification below is annotated only — annotations, not test runs.</p>',
    ),
  );
  assert.ok(section.includes('Items that need verification: 1 annotated only, 1 without a linked test.'));
  assert.doesNotMatch(section, /passed|<table/);
  assert.ok(
    html.includes('<dt>Verification</dt><dd>annotated only — no test-result file was read (see testResults)</dd>'),
  );
  const [json] = inline(html, /<script type="application\/json" id="matrix-data">([\s\S]*?)<\/script>/g);
  const row = (JSON.parse(json) as { items: unknown[][] }).items[0];
  assert.deepEqual(row.slice(13), ['annotated only (2 tests)', 'annotated']);
});

test('the page script knows the verification column: 11 columns, result classes from a fixed map', () => {
  assert.match(REPORT_SCRIPT, /const COLUMNS = 11;/);
  assert.match(REPORT_SCRIPT, /RESULT_CLASS = \{ passed: 'result res-passed'/);
  assert.match(REPORT_CSS, /\.res-failed \{/);
});
