import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SaxesParser } from 'saxes';
import { parseJUnit } from './junit';
import { TestResultFile } from './model';
import { caseNamed, readResultFixture, resultFixtureFiles } from '../../testing/testResultFixtures';

function parseFixture(rel: string): TestResultFile {
  return parseJUnit(rel, readResultFixture(rel));
}

interface Declared {
  tests: number;
  failures: number;
  errors: number;
  /** `skipped` plus `disabled`; undefined when the file declares neither (gotestsum). */
  skipped?: number;
}

/**
 * The totals the file declares: the root <testsuites> counts where it has `tests`, each
 * count not on the root summed over the top-level <testsuite>s; or node:test's trailing
 * comments (`<!-- tests 6 -->`), its only totals.
 */
function declaredTotals(xml: string): Declared {
  const parser = new SaxesParser();
  let depth = 0;
  let root: Record<string, string> = {};
  let rootName = '';
  const tops: Array<Record<string, string>> = [];
  const comments: Record<string, number> = {};
  parser.on('opentag', (t) => {
    depth++;
    const attrs = t.attributes as Record<string, string>;
    if (depth === 1) {
      root = attrs;
      rootName = t.name;
    }
    if (t.name === 'testsuite' && (depth === 1 || (depth === 2 && rootName === 'testsuites'))) tops.push(attrs);
  });
  parser.on('closetag', () => depth--);
  parser.on('comment', (c) => {
    const m = /^\s*(\w+) (\d+(?:\.\d+)?)\s*$/.exec(c);
    if (m) comments[m[1]] = Number(m[2]);
  });
  parser.write(xml).close();
  if (comments.tests !== undefined) {
    return {
      tests: comments.tests,
      failures: comments.fail,
      errors: 0,
      skipped: comments.skipped + comments.todo,
    };
  }
  const declares = (key: string) => root[key] !== undefined || tops.some((s) => s[key] !== undefined);
  const count = (key: string) => {
    if (root[key] !== undefined) return Number(root[key]);
    return tops.reduce((sum, s) => sum + Number(s[key] ?? 0), 0);
  };
  const declared: Declared = {
    tests: count('tests'),
    failures: count('failures'),
    errors: count('errors'),
  };
  if (declares('skipped') || declares('disabled')) declared.skipped = count('skipped') + count('disabled');
  return declared;
}

/** The parsed totals in the declared shape: todo counts as skipped, as every JUnit writer counts it. */
function parsedTotals(r: TestResultFile): Declared {
  const t = r.totals;
  return {
    tests: r.cases.length,
    failures: t.failed,
    errors: t.errored,
    skipped: t.skipped + t.other,
  };
}

/**
 * Fixtures whose own counts do not describe their test cases, as the README's quirks table
 * says; the value is what the declared counts are instead, checked exactly.
 */
const DOCUMENTED_QUIRKS: Record<string, (r: TestResultFile, declared: Declared) => void> = {
  // jest-junit: test.todo is an empty <testcase> that `tests` does not count.
  'jest/out/junit-default.xml': (r, d) => {
    assert.equal(d.tests, r.cases.length - r.totals.other);
    assert.deepEqual({ ...d, tests: 0 }, { ...parsedTotals(r), tests: 0, skipped: r.totals.skipped });
  },
  'jest/out/junit-file-attr.xml': (r, d) => DOCUMENTED_QUIRKS['jest/out/junit-default.xml'](r, d),
  // mocha-junit-reporter without includePending omits pending tests but counts them in <testsuites>.
  'mocha/out/junit.xml': (r, d) => {
    assert.equal(d.tests - (d.skipped ?? 0), r.cases.length);
    assert.equal(d.skipped, 2);
    assert.equal(r.totals.skipped + r.totals.other, 0);
    assert.equal(d.failures, r.totals.failed);
    assert.equal(d.errors, 0);
  },
  // gotestsum --rerun-fails: every attempt is a <testcase>; counts are per attempt.
  'go/out/gotestsum-rerun-junit.xml': (r, d) => {
    assert.equal(d.tests, sumAttempts(r));
    assert.equal(d.failures, failedAttempts(r));
  },
  // Surefire rerunFailingTestsCount: `tests`/`failures`/`errors` count every run.
  'maven-surefire/junit4-rerun/out/TEST-com.example.auth.LockoutTest.xml': (r, d) => {
    assert.equal(d.tests, sumAttempts(r));
    assert.equal(d.failures, failedAttempts(r, 'failed'));
    assert.equal(d.errors, failedAttempts(r, 'errored'));
    assert.equal(d.skipped, r.totals.skipped);
  },
};

function sumAttempts(r: TestResultFile): number {
  return r.cases.reduce((n, c) => n + (c.attempts ?? 1), 0);
}

/** Failed runs: every attempt of a failed case, all but the last of a flaky one. */
function failedAttempts(r: TestResultFile, status: 'failed' | 'errored' = 'failed'): number {
  return r.cases.reduce((n, c) => {
    if (c.status === status) return n + (c.attempts ?? 1);
    if (c.flaky && status === 'failed') return n + (c.attempts ?? 1) - 1;
    return n;
  }, 0);
}

describe('JUnit fixtures: parsed totals equal the file’s own', () => {
  const files = resultFixtureFiles().filter((f) => f.endsWith('.xml'));
  test('the fixture set is the one the README lists', () => {
    assert.equal(files.length, 20, files.join('\n'));
  });
  for (const rel of files) {
    test(rel, () => {
      const xml = readResultFixture(rel);
      const r = parseJUnit(rel, xml);
      assert.deepEqual(r.problems, []);
      assert.equal(r.format, 'junit');
      assert.ok(r.dialect, `${rel}: a dialect is detected`);
      assert.ok(r.cases.length > 0);
      const declared = declaredTotals(xml);
      const quirk = DOCUMENTED_QUIRKS[rel];
      if (quirk) quirk(r, declared);
      else {
        const parsed = parsedTotals(r);
        // gotestsum writes no `skipped` count at all.
        if (declared.skipped === undefined) delete parsed.skipped;
        assert.deepEqual(parsed, declared);
      }
      for (const c of r.cases) {
        assert.ok(c.at.line >= 1 && c.at.column >= 1);
        const lines = xml.split('\n');
        assert.equal(lines[c.at.line - 1].slice(c.at.column - 1, c.at.column - 1 + 9), '<testcase', `${rel} ${c.name}`);
        if (c.message !== undefined) assert.ok(c.message.length <= 300 && !/[\u0000-\u001f]/.test(c.message));
      }
    });
  }
});

describe('JUnit dialects', () => {
  test('node:test: nested describes as suitePath, todo, failure attribute, top-level test', () => {
    const r = parseFixture('node-test/out/junit.xml');
    assert.equal(r.dialect, 'node-test');
    const fail = caseNamed(r, 'does not lock after 4 failed logins');
    assert.deepEqual(fail.suitePath, ['auth', 'lockout']);
    assert.equal(fail.status, 'failed');
    assert.equal(fail.message, 'expected lockout after 4 failuresfalse !== true');
    assert.equal(fail.classname, 'test');
    assert.equal(fail.file, undefined);
    assert.equal(fail.durationMs, 0.711);
    assert.equal(caseNamed(r, 'expires sessions after 15 minutes').status, 'skipped');
    const todo = caseNamed(r, 'hashes passwords with argon2id');
    assert.equal(todo.status, 'todo');
    assert.equal(todo.message, 'needs argon2 binding');
    assert.equal(caseNamed(r, 'rejects a malformed token').status, 'failed');
    assert.deepEqual(caseNamed(r, 'audit log entry is written').suitePath, []);
    assert.deepEqual(r.totals, { passed: 2, failed: 2, errored: 0, skipped: 1, other: 1 });
  });

  test('jest-junit: one flat suite, the empty todo case is todo, file attribute when configured', () => {
    const r = parseFixture('jest/out/junit-default.xml');
    assert.equal(r.dialect, 'jest-junit');
    const fail = caseNamed(r, 'auth lockout does not lock after 4 failed logins');
    assert.deepEqual(fail.suitePath, ['auth']);
    assert.equal(fail.status, 'failed');
    assert.equal(fail.message, 'Error: expect(received).toBe(expected) // Object.is equality');
    assert.equal(caseNamed(r, 'auth hashes passwords with argon2id').status, 'todo');
    assert.equal(caseNamed(r, 'auth expires sessions after 15 minutes').status, 'skipped');
    assert.equal(
      caseNamed(r, 'audit audit log entry is written (flaky: passes on the second attempt)').status,
      'passed',
    );
    const f = parseFixture('jest/out/junit-file-attr.xml');
    const c = caseNamed(f, 'does not lock after 4 failed logins');
    assert.equal(c.classname, 'auth › lockout');
    assert.equal(c.file, 'test/auth.test.js');
    assert.equal(caseNamed(f, 'hashes passwords with argon2id').status, 'todo');
  });

  test('jest-junit: a surplus of empty cases that cannot be told apart is a problem, not a guess', () => {
    const xml =
      '<testsuites name="jest tests"><testsuite name="s" tests="1">' +
      '<testcase name="a" classname="a" time="0"></testcase><testcase name="b" classname="b" time="0"></testcase>' +
      '</testsuite></testsuites>';
    const r = parseJUnit('x.xml', xml);
    assert.deepEqual(
      r.cases.map((c) => c.status),
      ['passed', 'passed'],
    );
    assert.match(r.problems[0].message, /declares tests="1".*todo/);
  });

  test('pytest xunit1: 0-based line normalised, error on setup, xfail is todo, record_property', () => {
    const r = parseFixture('pytest/out/junit-xunit1.xml');
    assert.equal(r.dialect, 'pytest');
    const skip = caseNamed(r, 'test_session_expires');
    // pytest writes line="35": the 0-based line of `@pytest.mark.skip`, line 36 of the source.
    assert.equal(skip.line, 36);
    assert.equal(skip.file, 'tests/test_auth.py');
    assert.equal(skip.status, 'skipped');
    assert.equal(skip.message, 'clock mock not ready');
    const src = readResultFixture('pytest/tests/test_auth.py').split('\n');
    assert.match(src[skip.line! - 1], /@pytest\.mark\.skip/);
    const err = caseNamed(r, 'test_token_revoked');
    assert.equal(err.status, 'errored');
    assert.equal(err.message, 'failed on setup with "RuntimeError: token store unavailable"');
    const xfail = caseNamed(r, 'test_password_hash_is_argon2id');
    assert.equal(xfail.status, 'todo');
    assert.equal(xfail.message, 'argon2 not wired yet');
    assert.deepEqual(caseNamed(r, 'test_audit_entry_written').properties, { verifies: ['SR-003'] });
    assert.equal(caseNamed(r, 'test_rejects_weak_password[no-digits-here]').status, 'failed');
    assert.equal(caseNamed(r, 'test_lockout_counter_flaky').status, 'passed');
    assert.deepEqual(caseNamed(r, 'test_does_not_lock_after_four').suitePath, ['pytest']);
    assert.equal(caseNamed(r, 'test_does_not_lock_after_four').classname, 'tests.test_auth.TestLockout');
    assert.equal(r.commit, undefined);
  });

  test('pytest xunit2: no file/line; properties still read; pytest 9: the flaky test fails', () => {
    const r = parseFixture('pytest/out/junit-xunit2.xml');
    assert.equal(caseNamed(r, 'test_session_expires').line, undefined);
    assert.equal(caseNamed(r, 'test_session_expires').file, undefined);
    assert.deepEqual(caseNamed(r, 'test_audit_entry_written').properties, { verifies: ['SR-003'] });
    const p9 = parseFixture('pytest/out/pytest9-junit-xunit1.xml');
    assert.equal(caseNamed(p9, 'test_lockout_counter_flaky').status, 'failed');
    assert.equal(p9.timestamp, '2026-12-07T06:17:13.512328+00:00');
  });

  test('with-commit: the commit from testsuite properties (also when written twice)', () => {
    for (const rel of [
      'with-commit/pytest-junit-with-commit.xml',
      'with-commit/pytest-record-testsuite-property.xml',
    ]) {
      const r = parseFixture(rel);
      assert.equal(r.commit, '58cf439247c50854d315ec71b22741be849c2196', rel);
      // Suite properties are not case properties.
      assert.deepEqual(caseNamed(r, 'test_locks_after_five_failures').properties, {});
    }
  });

  test('commit property names: git.sha, git_commit; a property value as element text', () => {
    for (const name of ['git.sha', 'git_commit', 'commit']) {
      const r = parseJUnit(
        'x.xml',
        `<testsuites><properties><property name="${name}" value="abc123"/></properties><testsuite name="s"><testcase name="t"/></testsuite></testsuites>`,
      );
      assert.equal(r.commit, 'abc123', name);
    }
    const r = parseJUnit(
      'x.xml',
      '<testsuite name="s"><properties><property name="commit">def456</property></properties>' +
        '<testcase name="t"><properties><property name="verifies">SR-001</property><property name="verifies" value="SR-002"/></properties></testcase></testsuite>',
    );
    assert.equal(r.commit, 'def456');
    assert.deepEqual(r.cases[0].properties, { verifies: ['SR-001', 'SR-002'] });
  });

  test('property names like __proto__ are own properties, never the prototype', () => {
    const r = parseJUnit(
      'p.xml',
      '<testsuite name="s"><testcase name="t"><properties><property name="__proto__" value="x"/><property name="constructor" value="y"/></properties></testcase></testsuite>',
    );
    assert.deepEqual(r.problems, []);
    const props = r.cases[0].properties;
    assert.deepEqual(Object.keys(props), ['__proto__', 'constructor']);
    assert.deepEqual(Object.getOwnPropertyDescriptor(props, '__proto__')?.value, ['x']);
    assert.equal(Object.getPrototypeOf(props), Object.prototype);
  });

  test('mocha-junit-reporter: flat suites, full title as name, suite file, hook failure kept by name', () => {
    const r = parseFixture('mocha/out/junit.xml');
    assert.equal(r.dialect, 'mocha-junit');
    const c = caseNamed(r, 'auth lockout does not lock after 4 failed logins');
    assert.deepEqual(c.suitePath, ['lockout']);
    assert.equal(c.classname, 'does not lock after 4 failed logins');
    assert.equal(c.file, '/tmp/gen-mocha/test/auth.spec.js');
    assert.equal(c.status, 'failed');
    const hook = caseNamed(r, 'token store "before each" hook for "revokes a token"');
    assert.equal(hook.status, 'failed');
    assert.equal(hook.message, 'token store unavailable');
    assert.ok(!r.cases.some((x) => x.name === 'token store revokes a token'));
    const p = parseFixture('mocha/out/junit-include-pending.xml');
    assert.equal(caseNamed(p, 'auth expires sessions after 15 minutes').status, 'skipped');
    assert.equal(caseNamed(p, 'auth hashes passwords with argon2id').status, 'skipped');
  });

  test('GoogleTest: notrun/suppressed is skipped, RecordProperty, file and 1-based line, exception is a failure', () => {
    const r = parseFixture('googletest/out/gtest.xml');
    assert.equal(r.dialect, 'gtest');
    const disabled = caseNamed(r, 'DISABLED_RotatesKeys');
    assert.equal(disabled.status, 'skipped');
    assert.deepEqual(disabled.suitePath, ['Session']);
    const skip = caseNamed(r, 'Expires');
    assert.equal(skip.status, 'skipped');
    assert.equal(skip.message, 'clock mock not ready');
    const audit = caseNamed(r, 'EntryWritten');
    assert.deepEqual(audit.properties, { verifies: ['SR-003'] });
    assert.equal(audit.file, '/tmp/gen-gtest/auth_test.cpp');
    assert.equal(audit.line, 24);
    const exc = caseNamed(r, 'RejectsMalformed');
    assert.equal(exc.status, 'failed');
    assert.equal(exc.message, 'C++ exception with description "token store unavailable" thrown in the test body.');
    assert.equal(caseNamed(r, 'DoesNotLockAfterFour').message, 'Value of: lockoutAfter(4)');
    assert.equal(caseNamed(r, 'RejectsWeak/1').status, 'failed');
    assert.deepEqual(caseNamed(r, 'RejectsWeak/1').suitePath, ['Weak/PasswordTest']);
  });

  test('CTest: root <testsuite>, status fail with an empty message, notrun and disabled are skipped', () => {
    const r = parseFixture('ctest/out/ctest-junit.xml');
    assert.equal(r.dialect, 'ctest');
    const fail = caseNamed(r, 'lockout.after_four');
    assert.equal(fail.status, 'failed');
    assert.equal(fail.message, 'auth_check.c:15: expected lockout after 4 failures');
    assert.equal(caseNamed(r, 'session.expires').status, 'skipped');
    assert.equal(caseNamed(r, 'session.expires').message, 'SKIP_RETURN_CODE=77');
    assert.equal(caseNamed(r, 'password.argon2id').status, 'skipped');
    assert.equal(caseNamed(r, 'password.argon2id').message, 'Disabled');
    assert.equal(caseNamed(r, 'token.rejects_malformed').status, 'failed');
    assert.equal(r.timestamp, '2026-12-07T06:18:57');
  });

  test('gotestsum: parent tests are cases; --rerun-fails attempts merge, the last counts', () => {
    const plain = parseFixture('go/out/gotestsum-junit.xml');
    assert.equal(plain.dialect, 'gotestsum');
    assert.equal(caseNamed(plain, 'TestLockout').status, 'failed');
    assert.equal(
      caseNamed(plain, 'TestTokenRejectsMalformed').message,
      'panic: assignment to entry in nil map [recovered]',
    );
    assert.equal(caseNamed(plain, 'TestLockout/does_not_lock_after_four').attempts, undefined);
    const r = parseFixture('go/out/gotestsum-rerun-junit.xml');
    assert.equal(r.cases.length, 5);
    const flaky = caseNamed(r, 'TestAuditEntryFlaky');
    assert.equal(flaky.status, 'passed');
    assert.equal(flaky.flaky, true);
    assert.equal(flaky.attempts, 2);
    // The position is the last attempt's.
    assert.equal(flaky.at.line, 32);
    const failing = caseNamed(r, 'TestLockout/does_not_lock_after_four');
    assert.equal(failing.status, 'failed');
    assert.equal(failing.attempts, 3);
    assert.equal(failing.flaky, undefined);
    assert.equal(failing.message, 'auth_test.go:19: expected lockout after 4 failures');
    assert.equal(caseNamed(r, 'TestSessionExpires').status, 'skipped');
    assert.deepEqual(r.totals, { passed: 2, failed: 2, errored: 0, skipped: 1, other: 0 });
  });

  test('go-junit-report: Failed/Skipped messages give way to the output lines', () => {
    const r = parseFixture('go/out/go-junit-report.HAND-WRITTEN.xml');
    assert.equal(r.dialect, 'go-junit-report');
    assert.equal(caseNamed(r, 'TestLockout').message, 'Failed');
    assert.equal(caseNamed(r, 'TestSessionExpires').message, 'auth_test.go:26: clock mock not ready');
  });

  test('Surefire JUnit 5: <error> is errored, nested class in classname, system properties are not case properties', () => {
    const r = parseFixture('maven-surefire/junit5/out/TEST-com.example.auth.AuthTest.xml');
    assert.equal(r.dialect, 'surefire');
    assert.equal(caseNamed(r, 'rejectsMalformedToken').status, 'errored');
    assert.equal(caseNamed(r, 'doesNotLockAfterFour').classname, 'com.example.auth.AuthTest$Lockout');
    assert.deepEqual(caseNamed(r, 'auditEntryWritten').properties, {});
    assert.equal(caseNamed(r, 'sessionExpires').message, 'clock mock not ready');
  });

  test('Surefire rerun: rerunFailure/rerunError count attempts; only flakyFailure is a flaky pass', () => {
    const r = parseFixture('maven-surefire/junit4-rerun/out/TEST-com.example.auth.LockoutTest.xml');
    const flaky = caseNamed(r, 'auditEntryWrittenFlaky');
    assert.equal(flaky.status, 'passed');
    assert.equal(flaky.flaky, true);
    assert.equal(flaky.attempts, 2);
    const fail = caseNamed(r, 'doesNotLockAfterFour');
    assert.equal(fail.status, 'failed');
    assert.equal(fail.attempts, 3);
    assert.equal(fail.flaky, undefined);
    const err = caseNamed(r, 'rejectsMalformedToken');
    assert.equal(err.status, 'errored');
    assert.equal(err.attempts, 3);
  });

  test('Gradle and JunitXml.TestLogger: display names, exceptions as failures', () => {
    const g = parseFixture('gradle/out/TEST-com.example.auth.AuthTest.xml');
    assert.equal(g.dialect, 'gradle');
    assert.equal(caseNamed(g, 'rejectsMalformedToken()').status, 'failed');
    assert.equal(caseNamed(g, 'sessionExpires()').status, 'skipped');
    assert.equal(caseNamed(g, 'audit log entry is written').status, 'passed');
    const n = parseFixture('gradle/out/TEST-com.example.auth.AuthTest$Lockout.xml');
    assert.deepEqual(caseNamed(n, 'doesNotLockAfterFour()').suitePath, ['com.example.auth.AuthTest$Lockout']);
    const d = parseFixture('dotnet-junitxml/out/TestResults.xml');
    assert.equal(d.dialect, 'dotnet-junit');
    assert.equal(caseNamed(d, 'RejectsWeakPassword(password: "no-digits-here")').status, 'failed');
    assert.equal(caseNamed(d, 'SessionExpires').status, 'skipped');
    assert.equal(caseNamed(d, 'DoesNotLockAfterFour').message, 'expected lockout after 4 failures');
  });
});

describe('JUnit: hostile and broken input', () => {
  test('billion laughs: declared entities are never expanded', () => {
    const defs = ['<!ENTITY lol0 "lol">'];
    for (let i = 1; i <= 9; i++) defs.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE testsuites [\n${defs.join('\n')}\n]>\n<testsuites><testsuite name="s"><testcase name="ok"/><testcase name="&lol9;"/></testsuite></testsuites>`;
    const r = parseJUnit('bomb.xml', xml);
    assert.ok(!JSON.stringify(r).includes('lollol'));
    assert.deepEqual(
      r.cases.map((c) => c.name),
      ['ok'],
    );
    const err = r.problems.find((p) => /undefined entity/.test(p.message));
    assert.ok(err, JSON.stringify(r.problems));
    assert.equal(err.line, 14);
    assert.ok(r.problems.some((p) => /internal subset; it is ignored/.test(p.message)));
  });

  test('an external entity is never resolved', () => {
    const xml =
      '<?xml version="1.0"?>\n<!DOCTYPE testsuite [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n' +
      '<testsuite name="s"><testcase name="t"><failure message="&x;">&x;</failure></testcase></testsuite>';
    const r = parseJUnit('xxe.xml', xml);
    const out = JSON.stringify(r);
    assert.ok(!out.includes('root:'), out);
    assert.equal(r.cases.length, 0);
    assert.match(r.problems.map((p) => p.message).join('\n'), /undefined entity/);
    const p = r.problems.find((x) => /undefined entity/.test(x.message));
    assert.equal(p?.line, 3);
  });

  test('invalid XML: a problem with its position; the cases before it are kept; never a throw', () => {
    const xml =
      '<testsuites>\n  <testsuite name="s">\n    <testcase name="a"/>\n    <testcase name="b"></testsuite>\n</testsuites>';
    const r = parseJUnit('bad.xml', xml);
    assert.equal(r.cases[0].name, 'a');
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0].message, /^invalid XML: /);
    assert.equal(r.problems[0].line, 4);
    assert.ok((r.problems[0].column ?? 0) > 20);
  });

  test('a truncated file is a problem; the complete cases are kept', () => {
    const full = readResultFixture('pytest/out/junit-xunit1.xml');
    const cut = full.slice(0, full.indexOf('test_session_expires'));
    const r = parseJUnit('cut.xml', cut);
    assert.ok(r.problems.length >= 1);
    assert.match(r.problems[0].message, /invalid XML/);
    assert.ok(r.problems[0].line !== undefined);
    assert.deepEqual(
      r.cases.map((c) => c.name),
      [
        'test_locks_after_five_failures',
        'test_does_not_lock_after_four',
        'test_audit_entry_written',
        'test_token_revoked',
      ],
    );
  });

  test('empty, not XML, and a non-JUnit root are problems', () => {
    for (const text of ['', 'hello', '<html><body/></html>', '{"results":{}}']) {
      const r = parseJUnit('x.xml', text);
      assert.equal(r.cases.length, 0, text);
      assert.ok(r.problems.length >= 1, text);
    }
    assert.match(parseJUnit('x.xml', '<html/>').problems[0].message, /root element is <html>/);
  });

  test('deeply nested suites are bounded by the depth limit', () => {
    const n = 10_000;
    const xml = `<testsuites>${'<testsuite name="s">'.repeat(n)}<testcase name="deep"/>${'</testsuite>'.repeat(n)}</testsuites>`;
    const r = parseJUnit('deep.xml', xml);
    assert.equal(r.cases.length, 0);
    assert.match(r.problems[0].message, /nested deeper than 256/);
    assert.equal(r.problems.length, 1);
    // Within the limit, the suite path is every enclosing suite.
    const ok = parseJUnit(
      'ok.xml',
      `<testsuites>${'<testsuite name="s">'.repeat(200)}<testcase name="deep"/>${'</testsuite>'.repeat(200)}</testsuites>`,
    );
    assert.equal(ok.cases[0].suitePath.length, 200);
  });

  test('the case limit: beyond it a problem, and no more cases are kept', () => {
    const xml = `<testsuite name="s">${'<testcase name="t"/>'.repeat(1000)}</testsuite>`;
    const r = parseJUnit('many.xml', xml, { maxCases: 100 });
    assert.equal(r.cases.length, 100);
    assert.match(r.problems[0].message, /more than 100 test cases/);
  });

  test('a few MB on one line (as pytest writes it): every case read, positions right', () => {
    const n = 60_000;
    const one = '<testcase classname="m" name="t" time="0.001"><failure message="boom">x</failure></testcase>';
    const xml = `<testsuites><testsuite name="s" tests="${n}">${one.repeat(n)}</testsuite></testsuites>`;
    assert.ok(xml.length > 5_000_000);
    const r = parseJUnit('big.xml', xml);
    assert.deepEqual(r.problems, []);
    assert.equal(r.cases.length, n);
    assert.equal(r.totals.failed, n);
    const last = r.cases[n - 1];
    assert.equal(last.at.line, 1);
    assert.equal(xml.slice(last.at.column - 1, last.at.column + 8), '<testcase');
    assert.equal(last.at.column - 1, xml.lastIndexOf('<testcase'));
  });

  test('captured text is bounded: a huge failure body yields a short message', () => {
    const xml = `<testsuite name="s"><testcase name="t"><failure>${'A'.repeat(2_000_000)}\nsecond</failure><system-out>${'B'.repeat(2_000_000)}</system-out></testcase></testsuite>`;
    const r = parseJUnit('huge.xml', xml);
    assert.equal(r.cases[0].status, 'failed');
    assert.equal(r.cases[0].message?.length, 300);
    assert.ok(r.cases[0].message?.endsWith('…'));
  });

  test('control characters in messages are escaped', () => {
    const r = parseJUnit(
      'c.xml',
      '<testsuite name="s"><testcase name="t"><failure message="a&#x85;b&#9;tab&#x202e;gnp.exe"/></testcase></testsuite>',
    );
    assert.equal(r.cases[0].message, 'a\\u0085b\\ttab\\u202egnp.exe');
    // XML 1.0 forbids other control characters even as character references: a problem.
    const bad = parseJUnit(
      'c.xml',
      '<testsuite name="s"><testcase name="t"><failure message="&#x1b;"/></testcase></testsuite>',
    );
    assert.match(bad.problems[0].message, /invalid XML/);
  });

  test('a byte-order mark is allowed and positions still count from the file start', () => {
    const r = parseJUnit('bom.xml', '\ufeff<testsuite name="s">\n<testcase name="t"/></testsuite>');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.cases[0].at, { line: 2, column: 1 });
  });
});
