/**
 * Hostile test-result files in a workspace (docs/verification.md, Limits): each is a clear
 * note on the file, never a crash, a hang, an entity expanded or a file or URL read, and the
 * linked tests are "not run" — never passed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { engineFor } from '../testing/workspaces';

const WS = {
  'docs/requirements.md': '# Requirements\n\n## SR-001: Lock accounts\n',
  'test/auth.test.js': "// @verifies SR-001\ntest('locks', () => {});\n",
};

async function withResults(name: string, content: string | Uint8Array) {
  const engine = await engineFor({ ...WS, [`test-results/${name}`]: content });
  const notes = engine.notes().filter((n) => n.file === `test-results/${name}`);
  return { engine, notes: notes.map((n) => n.message), status: engine.item('SR-001')!.verification!.status };
}

test('a result file over maxFileSize is not read: a note, and its tests are not run', async () => {
  const big = `<testsuites><testsuite name="s">${'<testcase name="locks" classname="test"/>'.repeat(120_000)}</testsuite></testsuites>`;
  assert.ok(big.length > 4 * 1024 * 1024);
  const r = await withResults('junit.xml', big);
  assert.equal(r.engine.verificationMode(), 'results');
  assert.equal(r.status, 'not-run');
  assert.deepEqual(r.notes, ['skipped: 4.7 MiB is larger than maxFileSize (4.0 MiB)']);
});

test('billion laughs: entities are never expanded; the file is a note and verifies nothing', async () => {
  const lol = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE lolz [<!ENTITY lol "lol">',
    ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`),
    ']>',
    '<testsuites><testsuite name="&lol9;"><testcase name="locks" classname="test"/></testsuite></testsuites>',
  ].join('\n');
  const r = await withResults('junit.xml', lol);
  assert.ok(r.notes.length >= 1 && r.notes.every((n) => n.startsWith('test results: ')), r.notes.join('\n'));
  assert.ok(!r.notes.join('').includes('lollol'), 'no expansion in the messages');
});

test('external entities (file and URL) are never resolved', async () => {
  const xxe = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE t [<!ENTITY passwd SYSTEM "file:///etc/passwd"><!ENTITY remote SYSTEM "http://192.0.2.1/x.dtd">]>',
    '<testsuites><testsuite name="s"><testcase name="&passwd;" classname="test"><failure message="&remote;"/></testcase></testsuite></testsuites>',
  ].join('\n');
  const r = await withResults('junit.xml', xxe);
  const all = JSON.stringify({
    notes: r.notes,
    findings: r.engine.findings(),
    items: r.engine.items().map((i) => i.verification),
  });
  assert.ok(!all.includes('root:'), 'the content of /etc/passwd never appears');
  assert.ok(
    r.notes.some((n) => /entity/i.test(n)),
    r.notes.join('\n'),
  );
  assert.equal(r.status, 'not-run');
});

test('invalid XML: a note with line and column; cases before the error still count', async () => {
  const r = await withResults(
    'junit.xml',
    '<testsuites>\n<testsuite name="s">\n<testcase name="locks" classname="test"/>\n<testcase name="x"></testsuite>\n',
  );
  assert.ok(
    r.notes.some((n) => /^test results: line 4, column \d+: /.test(n)),
    r.notes.join('\n'),
  );
  assert.equal(r.status, 'passed', 'the well-formed case before the error is read');
});

test('binary and invalid UTF-8 result files, and a CTRF file that is not CTRF', async () => {
  const binary = await withResults('junit.xml', new Uint8Array([0x3c, 0x74, 0, 0, 0xff, 0xfe, 0x00]));
  assert.deepEqual(binary.notes, ['skipped: binary file']);
  assert.equal(binary.status, 'not-run');
  const json = await withResults('ctrf-report.json', '{"results": {"tests": [{"name": 5, "status": {}}]}}');
  assert.ok(json.notes.length > 0, 'a CTRF test without a string name is reported');
  assert.equal(json.status, 'not-run');
});

test('a report 250 suites deep, in two shards: a describe-level annotation links every case; names stay short', async () => {
  const open = Array.from({ length: 250 }, (_, i) => `<testsuite name="suite level ${i} with a long title">`).join('');
  const cases = Array.from({ length: 5_000 }, (_, i) => `<testcase name="t${i}" classname="test"/>`).join('');
  const xml = `<testsuites>${open}${cases}${'</testsuite>'.repeat(250)}</testsuites>`;
  const engine = await engineFor({
    'docs/requirements.md': '# Requirements\n\n## SR-001: Lock accounts\n',
    'test/a.test.js': "// @verifies SR-001\ndescribe('suite level 3 with a long title', () => {});\n",
    'test-results/a.junit.xml': xml,
    'test-results/b.junit.xml': xml,
  });
  const v = engine.item('SR-001')!.verification!;
  assert.equal(v.status, 'passed');
  assert.deepEqual(v.counts, { tests: 5_000, passed: 5_000, failed: 0, notRun: 0 }, 'the two shards count once');
  const longest = v.tests.flatMap((t) => t.results).reduce((n, r) => Math.max(n, r.name.length), 0);
  assert.ok(longest <= 300, `result names are cut (${longest})`);
  assert.equal(
    v.tests[0].results[0].name,
    '… › suite level 246 with a long title › suite level 247 with a long title › suite level 248 with a long title › suite level 249 with a long title › t0',
  );
});
