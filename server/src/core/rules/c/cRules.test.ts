import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskNonCode } from '../../lexers/commentScanner';
import { LexicalRule, RuleFix } from '../ruleTypes';
import { isCConstString } from './cHelpers';
import { C_RULES } from '.';
import { runLexicalRules } from '../lexicalRunner';
import { applyEdits } from '../../../testing/serviceContext';

/** Runs one C rule on `text` the way the engine does (trigger, masked code); returns [matched text, message, fix] per finding. */
function run(id: string, text: string): Array<{ hit: string; message: string; fix?: RuleFix }> {
  const rule = C_RULES.find((r) => r.id === id) as LexicalRule;
  return runLexicalRules('a.c', text, () => maskNonCode(text, 'c'), [rule]).map((h) => ({
    hit: text.slice(h.start, h.end),
    message: h.message,
    fix: h.fix,
  }));
}

/** `text` with the edits of `fix` applied (1-based lines and columns, as the editor applies them). */
function apply(text: string, fix: RuleFix): string {
  const range = (l: number, c: number) => ({ line: l - 1, character: c - 1 });
  return applyEdits(
    text,
    fix.edits.map((e) => ({
      range: { start: range(e.line, e.column), end: range(e.endLine, e.endColumn) },
      newText: e.newText,
    })),
  );
}

test('c/sprintf offers snprintf with sizeof for a declared array', () => {
  const text = 'char line[80];\nvoid f(void) { std::sprintf(line, "%s", name); }\n';
  const [f] = run('c/sprintf', text);
  assert.equal(
    apply(text, f!.fix!),
    'char line[80];\nvoid f(void) { std::snprintf(line, sizeof line, "%s", name); }\n',
  );
  assert.equal(run('c/sprintf', 'void f(char *p) { sprintf(p, "%d", 1); }')[0]!.fix, undefined);
});

test('c/format-string inserts a "%s" format', () => {
  const text = 'void f(const char *m) {\n  syslog(LOG_ERR, m);\n  wprintf(w);\n}';
  const hits = run('c/format-string', text);
  assert.equal(apply(text, hits[0]!.fix!), 'void f(const char *m) {\n  syslog(LOG_ERR, "%s", m);\n  wprintf(w);\n}');
  assert.match(apply(text, hits[1]!.fix!), /wprintf\(L"%ls", w\)/);
});

test('c/scanf-unbounded inserts the width of a declared buffer', () => {
  const text = 'char id[16]; int n;\nvoid f(void) { sscanf(line, "%d:%s", &n, id); }';
  const [f] = run('c/scanf-unbounded', text);
  assert.match(f!.message, /"%s"/);
  assert.equal(apply(text, f!.fix!), 'char id[16]; int n;\nvoid f(void) { sscanf(line, "%d:%15s", &n, id); }');
});

test('c/weak-random reports srand(time()) only next to a secret use', () => {
  assert.deepEqual(run('c/weak-random', 'srand(time(NULL)); int d = rand() % 6;'), []);
  assert.deepEqual(
    run('c/weak-random', 'srand(time(NULL)); nonce = rand();').map((h) => h.hit),
    ['rand()', 'srand(time(NULL))'],
  );
});

test('constant-string checks stay linear on pathological input', () => {
  const long = 'a'.repeat(5000) + ' + 1';
  const lits = Array(2000).fill('L"  "').join(' ') + ' x+';
  const t = Date.now();
  assert.equal(isCConstString(long, 0, long.length), false);
  assert.equal(isCConstString(lits, 0, lits.length), false);
  const big = `void f(void) {\n${'  strcpy(a, b);\n'.repeat(3000)}}`;
  for (const rule of C_RULES) run(rule.id, big);
  assert.ok(Date.now() - t < 2000, `took ${Date.now() - t} ms`);
});

test("fix positions follow the engine's line rules (CRLF and lone CR), and repeated calls on one buffer share one lookup", () => {
  for (const eol of ['\r\n', '\r']) {
    const text = `char line[80];${eol}void f(void) { sprintf(line, "%s", name); }${eol}`;
    const [f] = run('c/sprintf', text);
    assert.equal(f!.fix!.edits[0]!.line, 2, JSON.stringify(eol));
    assert.equal(
      apply(text.split(eol).join('\n'), f!.fix!),
      'char line[80];\nvoid f(void) { snprintf(line, sizeof line, "%s", name); }\n',
    );
  }
  const many = `char buf[64];\n${'void g(void) { sprintf(buf, "%d", 1); }\n'.repeat(2000)}`;
  const fixes = run('c/sprintf', many).map((h) => h.fix!.edits[1]!.line);
  assert.deepEqual([fixes.length, fixes[0], fixes[1999]], [2000, 2, 2001]);
});
