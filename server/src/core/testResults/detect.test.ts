import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectTestResultFormat, parseTestResultFile } from './detect';
import { readResultFixture, resultFixtureFiles } from '../../testing/testResultFixtures';

/** Result files of formats Seclife does not read (yet): go test's text and JSON, GoogleTest's JSON. */
const NOT_READ = new Set([
  'go/out/go-test-v.txt',
  'go/out/go-test-v-nopanic.txt',
  'go/out/go-test.json',
  'googletest/out/gtest.json',
]);

test('every fixture result file is detected by content, and parses without problems', () => {
  const files = resultFixtureFiles();
  assert.equal(files.length, 31, files.join('\n'));
  for (const rel of files) {
    const text = readResultFixture(rel);
    const expected = NOT_READ.has(rel)
      ? undefined
      : rel.endsWith('.xml')
        ? 'junit'
        : rel.endsWith('.tap')
          ? 'tap'
          : 'ctrf';
    assert.equal(detectTestResultFormat(text), expected, rel);
    // The name does not decide: the same text under another name is the same format.
    assert.equal(detectTestResultFormat(text), detectTestResultFormat(`${text}`), rel);
    const r = parseTestResultFile('results.out', text);
    if (expected) {
      assert.equal(r.format, expected, rel);
      assert.deepEqual(r.problems, [], rel);
      assert.ok(r.cases.length > 0, rel);
    } else {
      assert.equal(r.cases.length, 0, rel);
      assert.match(r.problems[0].message, /not a test-result file Seclife reads/, rel);
    }
  }
});

test('detection by content', () => {
  assert.equal(detectTestResultFormat('<?xml version="1.0"?><x/>'), 'junit');
  assert.equal(detectTestResultFormat('\ufeff<!-- c -->\n<testsuite name="a"/>'), 'junit');
  assert.equal(detectTestResultFormat('<html></html>'), undefined);
  assert.equal(detectTestResultFormat('TAP version 14\n'), 'tap');
  assert.equal(detectTestResultFormat('# comment\nok 1 - a\n'), 'tap');
  assert.equal(detectTestResultFormat('1..0 # SKIP nothing\n'), 'tap');
  assert.deepEqual(parseTestResultFile('s.tap', '1..0 # SKIP nothing\n').problems, []);
  assert.equal(detectTestResultFormat('1..3\n'), 'tap');
  assert.equal(detectTestResultFormat('{"reportFormat":"CTRF","results":{"tests":[]}}'), 'ctrf');
  assert.equal(detectTestResultFormat('{"testsuites":[]}'), undefined);
  assert.equal(detectTestResultFormat(''), undefined);
  assert.equal(detectTestResultFormat('okay then'), undefined);
});

test('unknown content is one problem, no cases, never a throw', () => {
  for (const [file, text] of [
    ['a.json', '{"x":1}'],
    ['b.txt', 'hello'],
    ['c.xml', ''],
    ['d.tap', '\u0000\u0001binary'],
  ]) {
    const r = parseTestResultFile(file, text);
    assert.equal(r.cases.length, 0);
    assert.equal(r.problems.length, 1);
    assert.deepEqual(r.totals, { passed: 0, failed: 0, errored: 0, skipped: 0, other: 0 });
  }
  // A file that looks like XML but is broken goes to the JUnit parser, which says where.
  const r = parseTestResultFile('e.xml', '<?xml version="1.0"?>\n<testsuite><testcase name="a">');
  assert.equal(r.format, 'junit');
  assert.match(r.problems[0].message, /invalid XML/);
});
