import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { scanComments } from '../lexers/commentScanner';
import type { CommentFamily } from '../lexers/languages';
import {
  bindTest,
  bindTests,
  goSubtestName,
  MAX_TEST_DEPTH,
  type BindOptions,
  type TestBinding,
  unescapeLiteral,
} from './testBinding';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/test-results');
const read = (rel: string) => readFileSync(path.join(FIXTURES, rel), 'utf8');

/** The offsets of the `@verifies` annotations in the comments of `text` (as sourceFile.ts finds them), with their IDs and lines. */
function annotations(text: string, family: CommentFamily): Array<{ offset: number; id: string; line: number }> {
  const out: Array<{ offset: number; id: string; line: number }> = [];
  for (const c of scanComments(text, family)) {
    const body = text.slice(c.contentStart, c.contentEnd);
    for (const m of body.matchAll(/@verifies\s+(SR-\d+)/g)) {
      const offset = c.contentStart + m.index!;
      out.push({ offset, id: m[1]!, line: text.slice(0, offset).split('\n').length });
    }
  }
  return out;
}

/** Binds every `@verifies` of a fixture source in one call. */
function bindFixture(rel: string, family: CommentFamily, options?: BindOptions) {
  const text = read(rel);
  const anns = annotations(text, family);
  assert.ok(anns.length > 0, `${rel} has @verifies comments`);
  const bindings = bindTests(
    text,
    family,
    anns.map((a) => a.offset),
    options,
  );
  return anns.map((a, i) => ({ ...a, b: bindings[i], text }));
}

/** Attribute values of the elements `tag` of a result file (fixture text: a regex lookup is fine in a test). */
function attrs(xml: string, tag: 'testcase' | 'testsuite', attr: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(new RegExp(`<${tag}\\s[^>]*?\\b${attr}="([^"]*)"`, 'g')))
    out.push(
      m[1]!
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&'),
    );
  return out;
}

/** The (name, classname) pairs of the testcases of a JUnit XML file. */
function cases(xml: string): Array<{ name: string; classname: string }> {
  const out: Array<{ name: string; classname: string }> = [];
  for (const m of xml.matchAll(/<testcase\s[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0]);
    const cls = /\bclassname="([^"]*)"/.exec(m[0]);
    const un = (s: string) => s.replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    out.push({ name: un(name?.[1] ?? ''), classname: un(cls?.[1] ?? '') });
  }
  return out;
}

function brief(b: TestBinding | undefined) {
  return b && { name: b.name, suitePath: b.suitePath };
}

// ------------------------------------------------------------------ the fixtures

const JS_EXPECTED = [
  ['locks the account after 5 failed logins', ['auth', 'lockout']],
  ['does not lock after 4 failed logins', ['auth', 'lockout']],
  ['expires sessions after 15 minutes', ['auth']],
  ['hashes passwords with argon2id', ['auth']],
  ['rejects a malformed token', ['auth']],
] as const;

test('node:test fixture: every @verifies binds to the test node:test names in junit.xml and TAP', () => {
  const xml = read('node-test/out/junit.xml');
  const tap = read('node-test/out/tap13.tap');
  const names = attrs(xml, 'testcase', 'name');
  const suites = attrs(xml, 'testsuite', 'name');
  const got = bindFixture('node-test/test/auth.test.mjs', 'js');
  assert.deepEqual(
    got.map((g) => brief(g.b)),
    [...JS_EXPECTED, ['audit log entry is written', []]].map(([name, suitePath]) => ({
      name,
      suitePath: [...suitePath],
    })),
  );
  for (const { b } of got) {
    assert.ok(names.includes(b!.name), `junit.xml has a testcase "${b!.name}"`);
    for (const s of b!.suitePath) assert.ok(suites.includes(s), `junit.xml has a testsuite "${s}"`);
    assert.ok(tap.includes(`# Subtest: ${b!.name}\n`), `TAP has a subtest "${b!.name}"`);
    assert.equal(b!.kind, 'call');
    assert.equal(b!.container, false);
  }
});

test('ctrf-reference fixture (node:test source): names match the CTRF report', () => {
  const json = JSON.parse(read('ctrf-reference/out/ctrf-reference.json')) as {
    results: { tests: Array<{ name: string; suite?: string[] }> };
  };
  const byName = new Map(json.results.tests.map((t) => [t.name, t]));
  for (const { b } of bindFixture('ctrf-reference/test/auth.test.mjs', 'js')) {
    assert.ok(byName.has(b!.name), `CTRF has "${b!.name}"`);
  }
});

test('jest fixture: fullName is jest-junit default name and classname, suitePath the ancestor classname, CTRF name', () => {
  const dflt = cases(read('jest/out/junit-default.xml'));
  const withFile = cases(read('jest/out/junit-file-attr.xml'));
  const ctrf = JSON.parse(read('jest/out/ctrf-report.json')) as { results: { tests: Array<{ name: string }> } };
  const got = bindFixture('jest/test/auth.test.js', 'js');
  assert.deepEqual(
    got.map((g) => brief(g.b)),
    [...JS_EXPECTED, ['audit log entry is written (flaky: passes on the second attempt)', ['audit']]].map(
      ([name, suitePath]) => ({ name, suitePath: [...suitePath] }),
    ),
  );
  for (const { b } of got) {
    assert.ok(
      dflt.some((c) => c.name === b!.fullName && c.classname === b!.fullName),
      `junit-default has name = classname = "${b!.fullName}"`,
    );
    assert.ok(
      withFile.some((c) => c.name === b!.name && c.classname === b!.suitePath.join(' › ')),
      `junit-file-attr has "${b!.name}" in "${b!.suitePath.join(' › ')}"`,
    );
    assert.ok(
      ctrf.results.tests.some((t) => t.name === b!.fullName),
      `CTRF has "${b!.fullName}"`,
    );
  }
});

test('mocha fixture: fullName is the full title mocha-junit-reporter writes, the last suite its testsuite', () => {
  const xml = read('mocha/out/junit-include-pending.xml');
  const all = cases(xml);
  const suites = attrs(xml, 'testsuite', 'name');
  const tap = read('mocha/out/mocha-tap.tap');
  const got = bindFixture('mocha/test/auth.spec.js', 'js');
  assert.deepEqual(
    got.map((g) => brief(g.b)),
    [
      ...JS_EXPECTED,
      ['audit log entry is written (flaky: passes on the second attempt)', ['auth']],
      ['revokes a token', ['token store']],
    ].map(([name, suitePath]) => ({ name, suitePath: [...suitePath] })),
  );
  for (const { b } of got) {
    assert.ok(suites.includes(b!.suitePath[b!.suitePath.length - 1]!), `testsuite "${b!.suitePath.at(-1)}"`);
    if (b!.name === 'revokes a token') {
      // Its beforeEach failed: mocha reports the hook, named after the test, instead of the test.
      assert.ok(all.some((c) => c.name === `token store "before each" hook for "${b!.name}"`));
      continue;
    }
    assert.ok(
      all.some((c) => c.name === b!.fullName && c.classname === b!.name),
      `name "${b!.fullName}", classname "${b!.name}"`,
    );
    assert.ok(
      tap.includes(` ${b!.fullName}\n`) || tap.includes(` ${b!.fullName} # SKIP`),
      `mocha TAP has "${b!.fullName}"`,
    );
  }
});

test('node-tap fixture: a @verifies before an assertion binds to the enclosing t.test', () => {
  const tap = read('node-tap/out/tap14-direct.tap');
  const got = bindFixture('node-tap/test/auth.test.mjs', 'js');
  assert.deepEqual(
    got.map((g) => brief(g.b)),
    [
      ['lockout', ['auth']],
      ['lockout', ['auth']],
      ['expires sessions after 15 minutes', ['auth']],
      ['hashes passwords with argon2id', ['auth']],
      ['rejects a malformed token', ['auth']],
      ['audit log entry is written', []],
    ].map(([name, suitePath]) => ({ name, suitePath })),
  );
  for (const { b } of got) {
    assert.ok(tap.includes(`# Subtest: ${b!.name}\n`) || tap.includes(` - ${b!.name} # `), `TAP has "${b!.name}"`);
    for (const s of b!.suitePath) assert.ok(tap.includes(`# Subtest: ${s}\n`));
  }
});

test('pytest fixture: name and classname of junit xunit1/xunit2 (pytest 7 and 9), node ID, parametrize', () => {
  const files = ['pytest/out/junit-xunit1.xml', 'pytest/out/junit-xunit2.xml', 'pytest/out/pytest9-junit-xunit1.xml'];
  const got = bindFixture('pytest/tests/test_auth.py', 'python', { path: 'tests/test_auth.py' });
  assert.deepEqual(
    got.map((g) => [g.id, g.b?.name, g.b?.suitePath, g.b?.kind]),
    [
      ['SR-001', 'test_locks_after_five_failures', ['TestLockout'], 'method'],
      ['SR-002', 'test_does_not_lock_after_four', ['TestLockout'], 'method'],
      ['SR-003', 'test_audit_entry_written', [], 'function'],
      ['SR-004', 'test_token_revoked', [], 'function'],
      ['SR-005', 'test_session_expires', [], 'function'],
      ['SR-006', 'test_password_hash_is_argon2id', [], 'function'],
      ['SR-002', 'test_rejects_weak_password', [], 'function'],
      ['SR-001', 'test_lockout_counter_flaky', [], 'function'],
    ],
  );
  assert.equal(got[0]!.b!.fullName, 'tests/test_auth.py::TestLockout::test_locks_after_five_failures');
  assert.equal(got[2]!.b!.fullName, 'tests/test_auth.py::test_audit_entry_written');
  for (const f of files) {
    const all = cases(read(f));
    for (const { b } of got) {
      const hit = all.filter(
        (c) =>
          c.classname === b!.classname &&
          (c.name === b!.name || (b!.parameterized && c.name.startsWith(`${b!.name}[`))),
      );
      assert.ok(hit.length > 0, `${f}: ${b!.classname} ${b!.name}`);
    }
  }
  assert.equal(got[6]!.b!.parameterized, true);
  assert.equal(got[0]!.b!.parameterized, undefined);
  // xunit1 `line` (0-based) is the test's first line, its first decorator: where headStart is.
  const xml = read('pytest/out/junit-xunit1.xml');
  for (const { b, text } of got) {
    const line = text.slice(0, b!.headStart).split('\n').length - 1;
    assert.match(
      xml,
      new RegExp(`name="${b!.name}(?:\\[[^"]*\\])?" file="tests/test_auth.py" line="${line}"`),
      b!.name,
    );
  }
});

test('pytest without a path: the node ID without the file and no classname', () => {
  const [first] = bindFixture('pytest/tests/test_auth.py', 'python');
  assert.equal(first!.b!.fullName, 'TestLockout::test_locks_after_five_failures');
  assert.equal(first!.b!.classname, undefined);
});

test('GoogleTest fixture: Suite.Name, classname, TEST_P parameterized (gtest.xml and gtest.json)', () => {
  const xml = read('googletest/out/gtest.xml');
  const all = cases(xml);
  const json = read('googletest/out/gtest.json');
  const got = bindFixture('googletest/auth_test.cpp', 'c', { lang: 'cpp' });
  assert.deepEqual(
    got.map((g) => g.b?.fullName),
    [
      'LockoutTest.LocksAfterFiveFailures',
      'LockoutTest.DoesNotLockAfterFour',
      'Audit.EntryWritten',
      'Session.Expires',
      'Token.RejectsMalformed',
      'Session.DISABLED_RotatesKeys',
      'PasswordTest.RejectsWeak',
    ],
  );
  for (const { b, text } of got) {
    assert.equal(b!.kind, 'macro');
    if (b!.parameterized) {
      // TEST_P: `Prefix/Suite` and `Name/N`.
      assert.ok(all.some((c) => c.classname.endsWith(`/${b!.classname}`) && c.name.startsWith(`${b!.name}/`)));
      continue;
    }
    assert.ok(
      all.some((c) => c.name === b!.name && c.classname === b!.classname),
      `${b!.classname}.${b!.name}`,
    );
    assert.ok(json.includes(`"name": "${b!.name}"`));
    const line = text.slice(0, b!.headStart).split('\n').length;
    assert.ok(
      xml.includes(`name="${b!.name}" file="/tmp/gen-gtest/auth_test.cpp" line="${line}"`),
      `${b!.name} on line ${line}`,
    );
  }
});

test('Go fixture: TestX and TestX/sub_name as go test, test2json, gotestsum and go-junit-report write them', () => {
  const got = bindFixture('go/auth_test.go', 'go');
  assert.deepEqual(
    got.map((g) => [g.b?.name, g.b?.suitePath, g.b?.fullName, g.b?.kind]),
    [
      ['locks after five failures', ['TestLockout'], 'TestLockout/locks_after_five_failures', 'call'],
      ['does not lock after four', ['TestLockout'], 'TestLockout/does_not_lock_after_four', 'call'],
      ['TestSessionExpires', [], 'TestSessionExpires', 'function'],
      ['TestAuditEntryFlaky', [], 'TestAuditEntryFlaky', 'function'],
      ['TestTokenRejectsMalformed', [], 'TestTokenRejectsMalformed', 'function'],
    ],
  );
  const gotestsum = attrs(read('go/out/gotestsum-junit.xml'), 'testcase', 'name');
  const json = read('go/out/go-test.json');
  const verbose = read('go/out/go-test-v.txt');
  for (const { b } of got) {
    assert.ok(gotestsum.includes(b!.fullName), `gotestsum: ${b!.fullName}`);
    assert.ok(json.includes(`"Test":"${b!.fullName}"`), `test2json: ${b!.fullName}`);
    assert.ok(verbose.includes(`=== RUN   ${b!.fullName}\n`), `go test -v: ${b!.fullName}`);
  }
  const report = attrs(read('go/out/go-junit-report.HAND-WRITTEN.xml'), 'testcase', 'name');
  for (const { b } of got.slice(0, 4)) assert.ok(report.includes(b!.fullName)); // the panicking test is not in its input
});

test('Surefire fixtures (JUnit 5 with @Nested, JUnit 4): name and classname with package and Outer$Inner', () => {
  for (const [src, out] of [
    [
      'maven-surefire/junit5/src/test/java/com/example/auth/AuthTest.java',
      'maven-surefire/junit5/out/TEST-com.example.auth.AuthTest.xml',
    ],
    [
      'maven-surefire/junit4-rerun/src/test/java/com/example/auth/LockoutTest.java',
      'maven-surefire/junit4-rerun/out/TEST-com.example.auth.LockoutTest.xml',
    ],
  ] as const) {
    const all = cases(read(out));
    const got = bindFixture(src, 'java');
    assert.equal(got.length, 5);
    for (const { b } of got) {
      assert.equal(b!.kind, 'method');
      assert.ok(
        all.some((c) => c.name === b!.name && c.classname === b!.classname),
        `${out}: ${b!.classname} ${b!.name}`,
      );
      assert.equal(b!.fullName, `${b!.classname}.${b!.name}`);
    }
  }
  const [first] = bindFixture('maven-surefire/junit5/src/test/java/com/example/auth/AuthTest.java', 'java');
  assert.deepEqual(first!.b!.suitePath, ['AuthTest', 'Lockout']);
  assert.equal(first!.b!.classname, 'com.example.auth.AuthTest$Lockout');
});

test('Gradle fixture: display name `name()` or the @DisplayName, classname per (nested) class file', () => {
  const all = [
    ...cases(read('gradle/out/TEST-com.example.auth.AuthTest.xml')),
    ...cases(read('gradle/out/TEST-com.example.auth.AuthTest$Lockout.xml')),
  ];
  const got = bindFixture('gradle/src/test/java/com/example/auth/AuthTest.java', 'java');
  assert.equal(got[4]!.b!.displayName, 'audit log entry is written');
  for (const { b } of got) {
    const gradleName = b!.displayName ?? `${b!.name}()`;
    assert.ok(
      all.some((c) => c.name === gradleName && c.classname === b!.classname),
      `${b!.classname} ${gradleName}`,
    );
  }
});

test('JunitXml.TestLogger fixture (xUnit): method name, Namespace.Class, a [Theory] as name(args)', () => {
  const all = cases(read('dotnet-junitxml/out/TestResults.xml'));
  const got = bindFixture('dotnet-junitxml/AuthTests.cs', 'csharp');
  assert.deepEqual(
    got.map((g) => g.b?.name),
    [
      'LocksAfterFiveFailures',
      'DoesNotLockAfterFour',
      'SessionExpires',
      'RejectsMalformedToken',
      'RejectsWeakPassword',
    ],
  );
  for (const { b } of got) {
    assert.equal(b!.classname, 'Seclife.Fixture.AuthTests');
    assert.equal(b!.fullName, `Seclife.Fixture.AuthTests.${b!.name}`);
    const hit = all.filter(
      (c) =>
        c.classname === b!.classname && (c.name === b!.name || (b!.parameterized && c.name.startsWith(`${b!.name}(`))),
    );
    assert.ok(hit.length > 0, b!.name);
  }
  assert.equal(got[4]!.b!.parameterized, true);
});

test('CTest fixture: a plain C program has no test to bind to', () => {
  for (const { b } of bindFixture('ctest/auth_check.c', 'c')) assert.equal(b, undefined);
});

// ------------------------------------------------------------------ inline cases

/** Binds the annotation at the first `@v` of `src`; `@v` marks it (inside a comment). */
function at(src: string, family: CommentFamily, options?: BindOptions): TestBinding | undefined {
  const o = src.indexOf('@v');
  assert.ok(o >= 0);
  return bindTest(src, family, o, options);
}

test('JS: enclosing when inside a body, next when the test follows, nothing otherwise', () => {
  const src = [
    "describe('outer', () => {",
    "  it('a', () => {",
    '    // @v SR-1',
    '    doThing();',
    '  });',
    '});',
  ].join('\n');
  assert.deepEqual(brief(at(src, 'js')), { name: 'a', suitePath: ['outer'] });
  // Next wins over enclosing: the comment before `it` inside `describe`.
  assert.deepEqual(brief(at("describe('d', () => {\n  // @v\n\n  it('x', () => {});\n});", 'js')), {
    name: 'x',
    suitePath: ['d'],
  });
  // Code between the comment and the test: the enclosing suite.
  const mid = "describe('d', () => {\n  // @v\n  const x = 1;\n  it('x', () => {});\n});";
  const b = at(mid, 'js');
  assert.deepEqual(brief(b), { name: 'd', suitePath: [] });
  assert.equal(b!.container, true);
  // Outside everything, nothing follows: undefined.
  assert.equal(at("it('x', () => {});\n// @v\nconst y = 2;\n", 'js'), undefined);
  // A trailing comment binds to the test on its line.
  assert.deepEqual(brief(at("it('a', () => {}); // @v\nit('b', () => {});", 'js')), { name: 'a', suitePath: [] });
  // More than 8 lines of comments before the test: no binding by proximity.
  assert.equal(at(`// @v\n${'//\n'.repeat(9)}it('far', () => {});`, 'js'), undefined);
  assert.deepEqual(brief(at(`// @v\n${'//\n'.repeat(6)}it('near', () => {});`, 'js')), { name: 'near', suitePath: [] });
});

test('JS: braces, parentheses and comment markers inside strings, templates, regexes and comments do not count', () => {
  const src = [
    "describe('a { ( // not a comment', () => {",
    "  const s = '}) // @verifies SR-9 in a string';",
    '  const r = /[)}]+/;',
    '  const t = `${"}"} )`;',
    '  /* ) } */',
    "  it('inner', () => {",
    '    // @v SR-1',
    '  });',
    '});',
  ].join('\n');
  assert.deepEqual(brief(bindTest(src, 'js', src.indexOf('@v SR-1'))), {
    name: 'inner',
    suitePath: ['a { ( // not a comment'],
  });
  // The `@verifies` inside the string literal is not in a comment: nothing binds to it.
  assert.equal(bindTest(src, 'js', src.indexOf('@verifies SR-9')), undefined);
});

test('JS: computed names bind to nothing, also for tests inside a computed suite', () => {
  assert.equal(at('// @v\nit(title, () => {});', 'js'), undefined);
  assert.equal(at('// @v\nit(`a ${x}`, () => {});', 'js'), undefined);
  assert.equal(at("// @v\nit('a' + b, () => {});", 'js'), undefined);
  assert.equal(at("describe(name, () => {\n  // @v\n  it('x', () => {});\n});", 'js'), undefined);
  assert.deepEqual(brief(at('// @v\nit(`plain template`, () => {});', 'js')), {
    name: 'plain template',
    suitePath: [],
  });
  assert.deepEqual(brief(at("// @v\nit('it\\'s \\u00e9', () => {});", 'js')), { name: "it's é", suitePath: [] });
});

test('JS: modifiers, each, node-tap / node:test subtests, await, Playwright test.describe', () => {
  const cases: Array<[string, string, string[]]> = [
    ["// @v\ntest.skip('s', () => {});", 's', []],
    ["// @v\nit.only('o', () => {});", 'o', []],
    ["// @v\ntest.todo('t');", 't', []],
    ["// @v\ndescribe.skip('ds', () => {});", 'ds', []],
    ["// @v\ntest.concurrent.skip('cs', async () => {});", 'cs', []],
    ["// @v\nxit('x', () => {});", 'x', []],
    ["// @v\ncontext('c', function () {});", 'c', []],
    ["// @v\nsuite('su', () => {});", 'su', []],
    ["// @v\ntest.each([[1], [2]])('adds %i', (a) => {});", 'adds %i', []],
    ["// @v\ndescribe.each([1, 2])('table %d', (n) => {});", 'table %d', []],
    ["// @v\ntest.each`\n  a | b\n  ${1} | ${2}\n`('tpl $a', ({ a }) => {});", 'tpl $a', []],
    ["test('parent', async (t) => {\n  // @v\n  await t.test('child', () => {});\n});", 'child', ['parent']],
    ["// @v\nawait test('top', async () => {});", 'top', []],
    ["tap.test('p', (t) => {\n  // @v\n  t.skip('sk', (t) => t.end());\n});", 'sk', ['p']],
    ["// @v\ntest.describe('pw', () => {});", 'pw', []],
  ];
  for (const [src, name, suitePath] of cases) assert.deepEqual(brief(at(src, 'js')), { name, suitePath }, src);
  assert.equal(at("// @v\ntest.each([[1]])('p %i', () => {});", 'js')!.parameterized, true);
  // Not tests: a member call, a function declaration named `test`, a regex's .test, t.equal.
  assert.equal(at("// @v\nfoo.it('x', () => {});", 'js'), undefined);
  assert.equal(at('// @v\nfunction test(a) {}', 'js'), undefined);
  assert.equal(at("// @v\n/re/.test('x');", 'js'), undefined);
  assert.equal(at("// @v\nt.equal(1, 1, 'msg');", 'js'), undefined);
});

test('JS: deeply nested describes give the whole suite path; past MAX_TEST_DEPTH nothing binds', () => {
  const nest = (depth: number) => {
    let s = '';
    for (let i = 0; i < depth; i++) s += `describe('d${i}', () => {\n`;
    s += "// @v\nit('leaf', () => {});\n";
    for (let i = 0; i < depth; i++) s += '});\n';
    return s;
  };
  const b = at(nest(MAX_TEST_DEPTH - 1), 'js');
  assert.equal(b!.suitePath.length, MAX_TEST_DEPTH - 1);
  assert.equal(b!.suitePath[0], 'd0');
  assert.equal(b!.fullName.split(' ').length, MAX_TEST_DEPTH);
  assert.equal(at(nest(MAX_TEST_DEPTH + 5), 'js'), undefined);
  // 100,000 open brackets: beyond the tracked depth nothing is recognized, and nothing throws.
  const deep = `${'('.repeat(100_000)}\n// @v\nit('x', () => {});\n${')'.repeat(100_000)}`;
  assert.equal(at(deep, 'js'), undefined);
  assert.deepEqual(brief(at(`${')'.repeat(1000)}\n// @v\nit('after', () => {});`, 'js')), {
    name: 'after',
    suitePath: [],
  });
});

test('Python: decorators, async def, nested Test classes, helpers and non-Test classes', () => {
  const src = [
    'import pytest',
    '',
    'class TestOuter:',
    '    class TestInner:',
    '        # @v SR-1',
    '        @pytest.mark.parametrize("x", [1,',
    '                                       2])',
    '        @pytest.mark.slow',
    '        async def test_deep(self, x):',
    '            def test_helper():',
    '                pass',
    '            # @verifies SR-2 (inside the body)',
    '            assert x',
    '',
    '    def helper(self):',
    '        # @verifies SR-3 (in a helper: the class)',
    '        pass',
    '',
    'class Helper:',
    '    # @verifies SR-4',
    '    def test_not_collected(self):',
    '        pass',
    '',
    '# @verifies SR-5',
    'def test_top(): pass',
    'x = """',
    'def test_in_string():',
    '"""',
    '# @verifies SR-6',
    'y = 1',
  ].join('\n');
  const offs = ['@v SR-1', 'SR-2', 'SR-3', 'SR-4', 'SR-5', 'SR-6'].map((s) => src.indexOf(s));
  const got = bindTests(src, 'python', offs, { path: 'pkg/test_x.py' });
  assert.deepEqual(
    got.map((b) => b && [b.name, b.suitePath, b.fullName, b.classname, b.kind]),
    [
      [
        'test_deep',
        ['TestOuter', 'TestInner'],
        'pkg/test_x.py::TestOuter::TestInner::test_deep',
        'pkg.test_x.TestOuter.TestInner',
        'method',
      ],
      [
        'test_deep',
        ['TestOuter', 'TestInner'],
        'pkg/test_x.py::TestOuter::TestInner::test_deep',
        'pkg.test_x.TestOuter.TestInner',
        'method',
      ],
      ['TestOuter', [], 'pkg/test_x.py::TestOuter', 'pkg.test_x.TestOuter', 'class'],
      undefined,
      ['test_top', [], 'pkg/test_x.py::test_top', 'pkg.test_x', 'function'],
      undefined,
    ],
  );
  assert.equal(got[0]!.parameterized, true);
});

test('Java / Kotlin / C#: packages, namespaces, nested classes, display names, expression bodies', () => {
  const java = [
    'package a.b;',
    'class Outer {',
    '  @Nested',
    '  @DisplayName("outer things")',
    '  class Inner {',
    '    // @v',
    '    @org.junit.jupiter.api.Test',
    '    @DisplayName("does \\"it\\"")',
    '    void works() throws Exception {',
    '      String s = "}";',
    '    }',
    '  }',
    '}',
  ].join('\n');
  const j = at(java, 'java')!;
  assert.deepEqual(
    [j.name, j.suitePath, j.classname, j.displayName, j.fullName],
    ['works', ['Outer', 'Inner'], 'a.b.Outer$Inner', 'does "it"', 'a.b.Outer$Inner.works'],
  );
  const kotlin = [
    'package a.k',
    '',
    'class KTest {',
    '  val x = 1',
    '  // @v',
    '  @Test',
    '  fun `locks after five`() = runTest {',
    '  }',
    '}',
  ].join('\n');
  const k = at(kotlin, 'kotlin')!;
  assert.deepEqual([k.name, k.classname], ['locks after five', 'a.k.KTest']);
  const cs = [
    'namespace A.B {',
    '  namespace C {',
    '    public class Outer {',
    '      public class Inner {',
    '        // @v',
    '        [Test, Category("x")]',
    '        [TestCase(1)]',
    '        public async Task Works(int n) => await Task.Delay(n);',
    '      }',
    '    }',
    '  }',
    '}',
  ].join('\n');
  const c = at(cs, 'csharp')!;
  assert.deepEqual(
    [c.name, c.suitePath, c.classname, c.fullName, c.parameterized],
    ['Works', ['Outer', 'Inner'], 'A.B.C.Outer+Inner', 'A.B.C.Outer+Inner.Works', true],
  );
  // A method without a test annotation is not a test: the class binds (enclosing).
  const plain = at('class T {\n  void helper() {\n    // @v\n  }\n}', 'java')!;
  assert.deepEqual([plain.name, plain.container, plain.kind], ['T', true, 'class']);
  // File-scoped namespace.
  assert.equal(
    at('namespace N.M;\npublic class T {\n  // @v\n  [Fact]\n  public void F() {}\n}', 'csharp')!.classname,
    'N.M.T',
  );
});

test('GoogleTest and Go: computed and odd forms', () => {
  assert.equal(at('// @v\nTEST(Suite, Name) {\n}', 'c')!.fullName, 'Suite.Name');
  assert.equal(at('namespace {\n// @v\nTEST_F(Fix, Works) { int a[] = {1, 2}; }\n}', 'c')!.fullName, 'Fix.Works');
  assert.equal(at('TEST(S, N) {\n  // @v\n  EXPECT_TRUE(f("TEST(X, Y)"));\n}', 'c')!.fullName, 'S.N');
  assert.equal(at('// @v\nTEST(S, N(x)) {}', 'c'), undefined);
  assert.equal(at('// @v\nint main() { return 0; }', 'c'), undefined);
  const go = [
    'func TestTable(t *testing.T) {',
    '\tfor _, tc := range cases {',
    '\t\t// @v',
    '\t\tt.Run(tc.name, func(t *testing.T) {})',
    '\t}',
    '}',
  ].join('\n');
  // A computed subtest name: the parent test would be wrong, so nothing.
  assert.equal(at(go, 'go'), undefined);
  assert.equal(at('// @v\nfunc (s *S) TestMethod(t *testing.T) {}', 'go'), undefined);
  assert.equal(at('// @v\nfunc Testlower(t *testing.T) {}', 'go'), undefined);
  const nested =
    'func TestA(t *testing.T) {\n\tt.Run(`raw name`, func(t *testing.T) {\n\t\t// @v\n\t\tt.Run("x\\ty", nil)\n\t})\n}';
  const b = at(nested, 'go')!;
  assert.deepEqual([b.name, b.suitePath, b.fullName], ['x\ty', ['TestA', 'raw name'], 'TestA/raw_name/x_y']);
  assert.equal(goSubtestName('a b\u00a0c\u0001'), 'a_b_c\\x01');
});

test('bindTests: offsets in any order, not in a comment, out of range; other families; never throws', () => {
  const src = "// @v1\nit('a', () => {});\n// @v2\nit('b', () => {});";
  const o1 = src.indexOf('@v1'),
    o2 = src.indexOf('@v2');
  assert.deepEqual(
    bindTests(src, 'js', [o2, o1, -5, 1e9, src.indexOf("'a'"), Number.NaN]).map((b) => b?.name),
    ['b', 'a', undefined, undefined, undefined, undefined],
  );
  assert.equal(bindTest(src, 'rust', o1), undefined);
  assert.equal(bindTest('', 'js', 0), undefined);
  assert.equal(bindTest(null as unknown as string, 'js', 0), undefined);
  assert.equal(bindTest(src, 'js', o1, 'typescript')!.name, 'a');
  // Garbage: unbalanced brackets, unterminated strings, binary-ish text.
  for (const fam of ['js', 'python', 'go', 'c', 'java', 'kotlin', 'csharp'] as CommentFamily[]) {
    for (const junk of [
      ')}]({[',
      "it('",
      'describe(`${',
      '@@@ [[[ ',
      'def test_(\n# @v',
      '\u0000\uffff// @v',
      'TEST(',
    ]) {
      const t = `${junk}\n// @v\n# @v\n${junk}`;
      assert.doesNotThrow(() => bindTests(t, fam, [0, t.indexOf('@v'), t.lastIndexOf('@v'), t.length]));
    }
  }
});

test('unescapeLiteral: the escapes of JS / Go / Java strings', () => {
  assert.equal(unescapeLiteral('a\\nb\\t\\x41\\u0042\\u{1F600}\\q\\\\'), 'a\nb\tAB\u{1F600}q\\');
  assert.equal(unescapeLiteral('no escapes'), 'no escapes');
  assert.equal(unescapeLiteral('bad \\u12 \\x'), 'bad u12 x');
});

test('work is linear in the file: 10,000 and 20,000 annotated tests (steps counted, not timed)', () => {
  const families: Array<[CommentFamily, (i: number) => string]> = [
    ['js', (i) => `describe('s${i}', () => {\n  // @verifies SR-1\n  it('t${i}', () => { x(${i}); });\n});\n`],
    ['python', (i) => `class TestS${i}:\n    # @verifies SR-1\n    @mark\n    def test_${i}(self):\n        pass\n`],
    ['go', (i) => `func TestS${i}(t *testing.T) {\n\t// @verifies SR-1\n\tt.Run("t ${i}", func(t *testing.T) {})\n}\n`],
    ['c', (i) => `// @verifies SR-1\nTEST(S${i}, T${i}) {\n  EXPECT_TRUE(1);\n}\n`],
    ['java', (i) => `  // @verifies SR-1\n  @Test\n  void t${i}() {\n    assertTrue(true);\n  }\n`],
    ['csharp', (i) => `  // @verifies SR-1\n  [Fact]\n  public void T${i}() => Assert.True(true);\n`],
  ];
  for (const [family, unit] of families) {
    const run = (n: number) => {
      const parts: string[] = [];
      for (let i = 0; i < n; i++) parts.push(unit(i));
      const body = parts.join('');
      const text = family === 'java' ? `class T {\n${body}}\n` : family === 'csharp' ? `class T {\n${body}}\n` : body;
      const offsets: number[] = [];
      for (let o = text.indexOf('@verifies'); o >= 0; o = text.indexOf('@verifies', o + 1)) offsets.push(o);
      const counter = { steps: 0 };
      const bound = bindTests(text, family, offsets, { counter });
      assert.equal(bound.filter(Boolean).length, n, `${family}: every annotation binds`);
      return { steps: counter.steps, length: text.length };
    };
    const a = run(10_000),
      b = run(20_000);
    assert.ok(a.steps <= 3 * a.length, `${family}: ${a.steps} steps for ${a.length} characters`);
    const ratio = b.steps / a.steps;
    assert.ok(ratio > 1.8 && ratio < 2.2, `${family}: twice the tests, ${ratio.toFixed(2)}× the steps`);
  }
  // All annotations in one comment on one long line, before one test: still linear.
  const many = (n: number) => `// ${'@verifies SR-1 '.repeat(n)}\nit('x', () => {});`;
  const count = (n: number) => {
    const t = many(n);
    const offsets: number[] = [];
    for (let o = t.indexOf('@verifies'); o >= 0; o = t.indexOf('@verifies', o + 1)) offsets.push(o);
    const counter = { steps: 0 };
    assert.ok(bindTests(t, 'js', offsets, { counter }).every((b) => b?.name === 'x'));
    return counter.steps;
  };
  const r = count(20_000) / count(10_000);
  assert.ok(r > 1.8 && r < 2.2, `one comment: ${r.toFixed(2)}×`);
});
