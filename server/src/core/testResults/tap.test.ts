import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseTap } from './tap';
import { caseNamed, readResultFixture } from '../../testing/testResultFixtures';

const TAP_FIXTURES = [
  'mocha/out/mocha-tap.tap',
  'node-tap/out/tap14-direct.tap',
  'node-tap/out/tap14-tap-run.tap',
  'node-test/out/tap13.tap',
];

/** The top-level plan `1..N` and the number of top-level test points. */
function topPlan(text: string): { plan: number; points: number } {
  let plan = -1;
  let points = 0;
  for (const line of text.split('\n')) {
    const m = /^1\.\.(\d+)$/.exec(line);
    if (m) plan = Number(m[1]);
    if (/^(not )?ok\b/.test(line)) points++;
  }
  return { plan, points };
}

describe('TAP fixtures: parsed totals equal the file’s own', () => {
  for (const rel of TAP_FIXTURES) {
    test(rel, () => {
      const text = readResultFixture(rel);
      const r = parseTap(rel, text);
      assert.deepEqual(r.problems, []);
      assert.equal(r.format, 'tap');
      const { plan, points } = topPlan(text);
      assert.equal(plan, points, 'the top-level plan matches the top-level test points');
      const lines = text.split('\n');
      for (const c of r.cases) {
        assert.match(lines[c.at.line - 1].slice(c.at.column - 1), /^(not )?ok\b/);
      }
      const t = r.totals;
      if (rel.startsWith('node-test/')) {
        // node:test's summary comments: # tests 6, # pass 2, # fail 2, # skipped 1, # todo 1.
        const n = (k: string) => Number(new RegExp(`^# ${k} (\\d+)$`, 'm').exec(text)?.[1]);
        assert.deepEqual(
          { tests: r.cases.length, pass: t.passed, fail: t.failed, skipped: t.skipped, todo: t.other },
          { tests: n('tests'), pass: n('pass'), fail: n('fail'), skipped: n('skipped'), todo: n('todo') },
        );
      } else if (rel.startsWith('node-tap/')) {
        // node-tap's closing `# { total: 6, pass: 2, fail: 2, todo: 1, skip: 1 }`.
        const m = /^# \{ total: (\d+), pass: (\d+), fail: (\d+), todo: (\d+), skip: (\d+) \}$/m.exec(text);
        assert.ok(m);
        assert.deepEqual([r.cases.length, t.passed, t.failed, t.other, t.skipped], m.slice(1).map(Number));
      } else {
        // mocha TAP: the plan counts every test (1..7), its `# tests 5` only those that ran
        // (pending tests are `# SKIP -` points, not counted), so tests + skipped = plan.
        assert.equal(r.cases.length, plan);
        const n = (k: string) => Number(new RegExp(`^# ${k} (\\d+)$`, 'm').exec(text)?.[1]);
        assert.equal(n('tests'), r.cases.length - t.skipped);
        assert.equal(n('pass'), t.passed);
        assert.equal(n('fail'), t.failed);
      }
    });
  }
});

describe('TAP dialects', () => {
  test('node:test TAP 13: subtests as suitePath, describes are not cases, YAML error/location/duration', () => {
    const r = parseTap('tap13.tap', readResultFixture('node-test/out/tap13.tap'));
    assert.equal(r.dialect, 'node-test');
    assert.ok(!r.cases.some((c) => c.name === 'auth' || c.name === 'lockout'));
    const fail = caseNamed(r, 'does not lock after 4 failed logins');
    assert.deepEqual(fail.suitePath, ['auth', 'lockout']);
    assert.equal(fail.status, 'failed');
    assert.equal(fail.message, 'expected lockout after 4 failures');
    assert.equal(fail.file, '/work/main/test/fixtures/test-results/node-test/test/auth.test.mjs');
    assert.equal(fail.line, 17);
    assert.equal(fail.durationMs, 0.730728);
    assert.deepEqual(fail.at, { line: 10, column: 9 });
    const skip = caseNamed(r, 'expires sessions after 15 minutes');
    assert.equal(skip.status, 'skipped');
    assert.equal(skip.message, 'clock mock not ready');
    const todo = caseNamed(r, 'hashes passwords with argon2id');
    assert.equal(todo.status, 'todo');
    assert.equal(todo.message, 'needs argon2 binding');
    assert.equal(
      caseNamed(r, 'rejects a malformed token').message,
      "Expected property name or '}' in JSON at position 1",
    );
    assert.deepEqual(caseNamed(r, 'audit log entry is written').suitePath, []);
    assert.equal(r.durationMs, 75.715299);
  });

  test('node-tap TAP 14: assertions are the cases, t.test names the suites, at.fileName/lineNumber', () => {
    const r = parseTap('tap14.tap', readResultFixture('node-tap/out/tap14-direct.tap'));
    assert.equal(r.dialect, 'node-tap');
    const fail = caseNamed(r, 'does not lock after 4 failed logins');
    assert.deepEqual(fail.suitePath, ['auth', 'lockout']);
    assert.equal(fail.file, 'test/auth.test.mjs');
    assert.equal(fail.line, 13);
    const thrown = caseNamed(r, "Expected property name or '}' in JSON at position 1");
    assert.deepEqual(thrown.suitePath, ['auth', 'rejects a malformed token']);
    assert.equal(thrown.status, 'failed');
    assert.deepEqual(caseNamed(r, 'entry present').suitePath, ['audit log entry is written']);
    // YAML `source:` quotes the test's source, `// @verifies` comments included: never read as properties.
    for (const c of r.cases) assert.deepEqual(c.properties, {});
    const run = parseTap('run.tap', readResultFixture('node-tap/out/tap14-tap-run.tap'));
    const wrapped = caseNamed(run, 'locks the account after 5 failed logins');
    assert.deepEqual(wrapped.suitePath, ['test/auth.test.mjs', 'auth', 'lockout']);
    // The file subtest's externalID is the file of the cases that have no `at:`.
    assert.equal(wrapped.file, 'test/auth.test.mjs');
  });

  test('mocha TAP: no version line, flat, no ` - `, plain-text failure detail, `# SKIP -`', () => {
    const r = parseTap('mocha.tap', readResultFixture('mocha/out/mocha-tap.tap'));
    assert.equal(r.dialect, 'mocha-tap');
    const skip = caseNamed(r, 'auth expires sessions after 15 minutes');
    assert.equal(skip.status, 'skipped');
    assert.equal(skip.message, undefined);
    const hook = caseNamed(r, 'token store "before each" hook for "revokes a token"');
    assert.equal(hook.status, 'failed');
    assert.equal(hook.message, 'token store unavailable');
    assert.equal(
      caseNamed(r, 'auth lockout does not lock after 4 failed logins').message,
      'expected lockout after 4 failures',
    );
  });

  test('directives, escapes, not ok # TODO, descriptions without a number', () => {
    const r = parseTap(
      'x.tap',
      [
        'TAP version 14',
        '1..5',
        'ok 1 - a \\# b # SKIP no db',
        'not ok 2 - later # TODO not yet',
        'ok',
        'not ok plain',
        'ok 5 - timed # time=12.5ms',
      ].join('\n'),
    );
    assert.deepEqual(
      r.cases.map((c) => [c.name, c.status, c.message ?? '', c.durationMs ?? '']),
      [
        ['a # b', 'skipped', 'no db', ''],
        ['later', 'todo', 'not yet', ''],
        ['(unnamed)', 'passed', '', ''],
        ['plain', 'failed', '', ''],
        ['timed', 'passed', '', 12.5],
      ],
    );
    assert.deepEqual(r.problems, []);
  });

  test('Bail out! stops the stream with a problem at its line', () => {
    const r = parseTap('b.tap', 'TAP version 13\n1..3\nok 1 - a\nBail out! database down\nok 2 - never');
    assert.deepEqual(
      r.cases.map((c) => c.name),
      ['a'],
    );
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0].message, /^Bail out! database down/);
    assert.equal(r.problems[0].line, 4);
  });

  test('a plan that does not match and a missing plan are problems', () => {
    const wrong = parseTap('w.tap', 'TAP version 13\n1..3\nok 1 - a\nok 2 - b\n');
    assert.match(wrong.problems[0].message, /plan says 1\.\.3 but there are 2/);
    assert.equal(wrong.problems[0].line, 2);
    const none = parseTap('n.tap', 'TAP version 13\nok 1 - a\n');
    assert.match(none.problems[0].message, /no plan/);
  });

  test('a truncated stream: open subtests and an unclosed YAML block are problems, cases kept', () => {
    const text = readResultFixture('node-test/out/tap13.tap');
    const cut = text.slice(0, text.indexOf("failureType: 'testCodeFailure'"));
    const r = parseTap('cut.tap', cut);
    assert.deepEqual(
      r.cases.map((c) => c.name),
      ['locks the account after 5 failed logins', 'does not lock after 4 failed logins'],
    );
    assert.ok(r.problems.length >= 1);
  });

  test('bounded: test points and subtest depth', () => {
    const many = `1..1000\n${'ok - t\n'.repeat(1000)}`;
    const r = parseTap('many.tap', many, { maxCases: 100 });
    assert.equal(r.cases.length, 100);
    assert.match(r.problems[0].message, /more than 100 test points/);
    let deep = '';
    for (let i = 0; i < 400; i++) deep += `${' '.repeat(4 * i)}# Subtest: s${i}\n${' '.repeat(4 * i)}1..1\n`;
    deep += `${' '.repeat(4 * 400)}ok 1 - leaf\n`;
    const d = parseTap('deep.tap', deep);
    assert.match(d.problems[0].message, /nested deeper than 256/);
  });

  test('a few MB of TAP is read in one pass', () => {
    const n = 100_000;
    const text = `TAP version 13\n${Array.from({ length: n }, (_, i) => `ok ${i + 1} - test ${i}\n  ---\n  duration_ms: 0.5\n  ...`).join('\n')}\n1..${n}\n`;
    assert.ok(text.length > 3_000_000);
    const r = parseTap('big.tap', text);
    assert.deepEqual(r.problems, []);
    assert.equal(r.cases.length, n);
    assert.equal(r.cases[n - 1].at.line, 2 + 4 * (n - 1));
  });

  test('YAML values: quoted, block scalars, nested `at:` only', () => {
    const r = parseTap(
      'y.tap',
      [
        '1..2',
        'not ok 1 - a',
        '  ---',
        "  error: 'it''s broken'",
        '  duration_ms: 2.5',
        '  ...',
        'not ok 2 - b',
        '  ---',
        '  other:',
        '    fileName: not/this.js',
        '  message: |-',
        '    first line',
        '    second line',
        '  at:',
        '    fileName: src/b.test.js',
        '    lineNumber: 7',
        '  ...',
      ].join('\n'),
    );
    assert.equal(r.cases[0].message, "it's broken");
    assert.equal(r.cases[0].durationMs, 2.5);
    assert.equal(r.cases[1].message, 'first line');
    assert.equal(r.cases[1].file, 'src/b.test.js');
    assert.equal(r.cases[1].line, 7);
  });
});
