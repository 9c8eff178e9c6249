import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskNonCode } from '../../annotations/commentScanner';
import { LexicalRule, RuleFix } from '../ruleTypes';
import { isCConstString } from './cHelpers';
import { C_RULES } from '.';

/** Runs one C rule on `text`; returns [matched text, message, fix] per finding. */
function run(id: string, text: string): Array<{ hit: string; message: string; fix?: RuleFix }> {
  const rule = C_RULES.find((r) => r.id === id) as LexicalRule;
  const out: Array<{ hit: string; message: string; fix?: RuleFix }> = [];
  const code = maskNonCode(text, 'c');
  rule.check({ path: 'a.c', text, code, report: (s, e, m, fix) => out.push({ hit: text.slice(s, e), message: m ?? rule.message, fix }) });
  return out;
}

/** `text` with the edits of `fix` applied (1-based lines and columns). */
function apply(text: string, fix: RuleFix): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const off = (l: number, c: number) => starts[l - 1]! + c - 1;
  const edits = fix.edits.map((e) => ({ a: off(e.line, e.column), b: off(e.endLine, e.endColumn), t: e.newText })).sort((x, y) => y.a - x.a);
  return edits.reduce((s, e) => s.slice(0, e.a) + e.t + s.slice(e.b), text);
}

test('c/sprintf offers snprintf with sizeof for a declared array', () => {
  const text = 'char line[80];\nvoid f(void) { std::sprintf(line, "%s", name); }\n';
  const [f] = run('c/sprintf', text);
  assert.equal(apply(text, f!.fix!), 'char line[80];\nvoid f(void) { std::snprintf(line, sizeof line, "%s", name); }\n');
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
  assert.deepEqual(run('c/weak-random', 'srand(time(NULL)); nonce = rand();').map((h) => h.hit), ['rand()', 'srand(time(NULL))']);
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
