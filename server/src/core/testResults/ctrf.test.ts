import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseCtrf } from './ctrf';
import { caseNamed, readResultFixture } from '../../testing/testResultFixtures';

const CTRF_FIXTURES = [
  'ctrf-reference/out/ctrf-reference.json',
  'jest/out/ctrf-report.json',
  'mocha/out/ctrf-report.json',
];

describe('CTRF fixtures: parsed totals equal results.summary', () => {
  for (const rel of CTRF_FIXTURES) {
    test(rel, () => {
      const text = readResultFixture(rel);
      const r = parseCtrf(rel, text);
      assert.deepEqual(r.problems, []);
      assert.equal(r.format, 'ctrf');
      const s = JSON.parse(text).results.summary;
      const t = r.totals;
      assert.deepEqual(
        { tests: r.cases.length, passed: t.passed, failed: t.failed, notRun: t.skipped + t.other },
        { tests: s.tests, passed: s.passed, failed: s.failed, notRun: s.skipped + s.pending + s.other },
      );
      // Each test's position is its object's `{`.
      const lines = text.split('\n');
      for (const c of r.cases) assert.equal(lines[c.at.line - 1][c.at.column - 1], '{');
    });
  }
});

describe('CTRF dialects', () => {
  test('reference: suite array, line, labels as properties, retryAttempts, environment.commit', () => {
    const r = parseCtrf('ref.json', readResultFixture('ctrf-reference/out/ctrf-reference.json'));
    assert.equal(r.dialect, 'node:test');
    assert.equal(r.commit, '3f2a9c4e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39');
    assert.equal(r.timestamp, '2026-12-07T06:30:00.120Z');
    assert.equal(r.durationMs, 100);
    const first = caseNamed(r, 'locks the account after 5 failed logins');
    assert.deepEqual(first.suitePath, ['auth', 'lockout']);
    assert.equal(first.file, 'test/auth.test.mjs');
    assert.equal(first.line, 12);
    assert.deepEqual(first.properties, { verifies: ['SR-001'] });
    const fail = caseNamed(r, 'does not lock after 4 failed logins');
    assert.equal(fail.status, 'failed');
    assert.equal(fail.message, 'expected lockout after 4 failures');
    assert.equal(caseNamed(r, 'hashes passwords with argon2id').status, 'todo');
    assert.equal(caseNamed(r, 'expires sessions after 15 minutes').status, 'skipped');
    const flaky = caseNamed(r, 'audit log entry is written');
    assert.equal(flaky.status, 'passed');
    assert.equal(flaky.flaky, true);
    assert.equal(flaky.attempts, 2);
    assert.deepEqual(flaky.properties, { tags: ['audit'] });
    assert.deepEqual(flaky.suitePath, []);
  });

  test('jest: suite as a string, pending is skipped, other/todo is todo, retries', () => {
    const r = parseCtrf('jest.json', readResultFixture('jest/out/ctrf-report.json'));
    assert.equal(r.dialect, 'jest-ctrf');
    assert.equal(r.commit, undefined);
    const fail = caseNamed(r, 'auth lockout does not lock after 4 failed logins');
    assert.deepEqual(fail.suitePath, ['auth.test.js', 'auth', 'lockout']);
    assert.equal(fail.file, '/tmp/gen-jest/test/auth.test.js');
    assert.equal(fail.attempts, 3);
    assert.equal(fail.flaky, undefined);
    assert.equal(caseNamed(r, 'auth expires sessions after 15 minutes').status, 'skipped');
    assert.equal(caseNamed(r, 'auth hashes passwords with argon2id').status, 'todo');
    const flaky = caseNamed(r, 'audit audit log entry is written (flaky: passes on the second attempt)');
    assert.equal(flaky.flaky, true);
    assert.equal(flaky.attempts, 2);
  });

  test('mocha: no suite, the hook failure is a test, pending is skipped', () => {
    const r = parseCtrf('mocha.json', readResultFixture('mocha/out/ctrf-report.json'));
    assert.equal(r.dialect, 'mocha-ctrf');
    const hook = caseNamed(r, 'token store "before each" hook for "revokes a token"');
    assert.equal(hook.status, 'failed');
    assert.equal(hook.message, 'Error token store unavailable');
    assert.deepEqual(hook.suitePath, []);
    assert.equal(caseNamed(r, 'auth hashes passwords with argon2id').status, 'skipped');
  });
});

describe('CTRF: broken and hostile input', () => {
  test('invalid JSON is a problem with its position', () => {
    const r = parseCtrf('bad.json', '{\n  "results": {\n    "tests": [,]\n  }\n}');
    assert.equal(r.cases.length, 0);
    assert.match(r.problems[0].message, /^invalid JSON: /);
    assert.deepEqual([r.problems[0].line, r.problems[0].column], [3, 15]);
  });

  test('a truncated report is a problem', () => {
    const text = readResultFixture('mocha/out/ctrf-report.json');
    const r = parseCtrf('cut.json', text.slice(0, text.length / 2));
    assert.equal(r.cases.length, 0);
    assert.match(r.problems[0].message, /invalid JSON/);
    assert.ok(r.problems[0].line !== undefined);
  });

  test('shape errors are problems: no results, tests not an array, a bad test, an unknown status', () => {
    assert.match(parseCtrf('a.json', '[]').problems[0].message, /no `results` object/);
    assert.match(parseCtrf('a.json', '{"results":{"tests":{}}}').problems[0].message, /not an array/);
    const r = parseCtrf(
      'a.json',
      '{"results":{"tests":[1,{"status":"passed"},{"name":"x","status":"weird"},{"name":"y","status":"passed","suite":[1,"s"]}]}}',
    );
    assert.deepEqual(
      r.cases.map((c) => [c.name, c.status, c.suitePath]),
      [
        ['x', 'skipped', []],
        ['y', 'passed', ['s']],
      ],
    );
    assert.equal(r.problems.length, 3);
    assert.match(r.problems[2].message, /unknown status "weird", counted as skipped/);
  });

  test('property keys like __proto__ are own properties, never the prototype', () => {
    const r = parseCtrf(
      'p.json',
      '{"results":{"tests":[{"name":"t","status":"passed","labels":{"__proto__":"x","constructor":["a","b"]},"extra":{"verifies":"SR-9","nested":{"a":1}}}]}}',
    );
    const props = r.cases[0].properties;
    assert.deepEqual(Object.keys(props).sort(), ['__proto__', 'constructor', 'verifies']);
    assert.deepEqual(props.verifies, ['SR-9']);
    assert.deepEqual(Object.getOwnPropertyDescriptor(props, '__proto__')?.value, ['x']);
    assert.equal(Object.getPrototypeOf(props), Object.prototype);
    assert.equal(({} as Record<string, unknown>).x, undefined);
  });

  test('the case limit', () => {
    const tests = Array.from({ length: 50 }, (_, i) => ({ name: `t${i}`, status: 'passed' }));
    const r = parseCtrf('m.json', JSON.stringify({ results: { tests } }), { maxCases: 10 });
    assert.equal(r.cases.length, 10);
    assert.match(r.problems[0].message, /more than 10 tests/);
  });

  test('a few MB: every test read, positions from one visitor pass', () => {
    const n = 50_000;
    const tests = Array.from({ length: n }, (_, i) => ({
      name: `t${i}`,
      status: i % 2 ? 'passed' : 'failed',
      duration: 1,
    }));
    const text = JSON.stringify({ results: { tool: { name: 'x' }, tests } }, null, 1);
    assert.ok(text.length > 3_000_000);
    const r = parseCtrf('big.json', text);
    assert.equal(r.cases.length, n);
    assert.equal(r.totals.failed, n / 2);
    const lines = text.split('\n');
    const last = r.cases[n - 1].at;
    assert.equal(lines[last.line - 1][last.column - 1], '{');
  });
});
