/**
 * The TOML parser against a subset of the toml-test corpus (test/fixtures/toml/README.md):
 * every valid document parses to the value its JSON gives, every invalid one is a located
 * problem, never a throw.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { isTomlDate, tomlDocument } from './tomlPositions';

const ROOT = path.resolve(__dirname, '../../../../../test/fixtures/toml');

function files(dir: string, ext: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) for (const f of files(p, ext)) out.push(f);
    else if (name.endsWith(ext)) out.push(p);
  }
  return out;
}

/** A local date-time, date or time as toml-test writes it: `T`, milliseconds at most, no `.000`. */
function localText(s: string): string {
  return s
    .replace(/^(\d{4}-\d{2}-\d{2})[ tT]/, '$1T')
    .replace(/(\.\d{3})\d+/, '$1')
    .replace(/\.000$/, '')
    .replace(/\.(\d{1,2})$/, (_m, d: string) => `.${d.padEnd(3, '0')}`);
}

function floatOf(s: string): number {
  const t = s.replace(/^\+/, '');
  if (t === 'nan' || t === '-nan') return Number.NaN;
  if (t === 'inf') return Number.POSITIVE_INFINITY;
  if (t === '-inf') return Number.NEGATIVE_INFINITY;
  return Number(t);
}

/** Compares a parsed value with toml-test's typed JSON (`{type, value}` leaves; old `array` wrappers too). */
function check(actual: unknown, expected: unknown, at: string): void {
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${at}: array expected`);
    assert.equal(actual.length, expected.length, `${at}: length`);
    for (const [i, e] of expected.entries()) check(actual[i], e, `${at}[${i}]`);
    return;
  }
  const e = expected as Record<string, unknown>;
  if (typeof e.type === 'string' && 'value' in e && Object.keys(e).length === 2 && typeof e.type === 'string') {
    const value = e.value;
    switch (e.type) {
      case 'array':
        check(actual, value, at);
        return;
      case 'string':
        assert.equal(actual, value, at);
        return;
      case 'integer':
        assert.equal(actual, BigInt(value as string), at);
        return;
      case 'float':
        assert.equal(typeof actual, 'number', `${at}: float expected`);
        assert.ok(Object.is(actual, floatOf(value as string)) || actual === floatOf(value as string), at);
        return;
      case 'bool':
        assert.equal(actual, value === 'true', at);
        return;
      case 'datetime':
        assert.ok(isTomlDate(actual) && actual.isDateTime() && !actual.isLocal(), `${at}: offset date-time`);
        assert.equal(actual.getTime(), Date.parse(value as string), at);
        return;
      case 'datetime-local':
      case 'date-local':
      case 'time-local': {
        assert.ok(isTomlDate(actual) && actual.isLocal(), `${at}: local date/time`);
        const kind = actual.isDate() ? 'date-local' : actual.isTime() ? 'time-local' : 'datetime-local';
        assert.equal(kind, e.type, at);
        assert.equal(localText(actual.toISOString()), localText(value as string), at);
        return;
      }
    }
  }
  assert.ok(actual !== null && typeof actual === 'object' && !Array.isArray(actual), `${at}: table expected`);
  const a = actual as Record<string, unknown>;
  assert.deepEqual(Object.keys(a).sort(), Object.keys(e).sort(), `${at}: keys`);
  for (const k of Object.keys(e)) check(a[k], e[k], `${at}.${k}`);
}

const valid = files(path.join(ROOT, 'valid'), '.toml');
const invalid = files(path.join(ROOT, 'invalid'), '.toml');

test('toml-test corpus: the subset is representative (at least 60 valid, 40 invalid)', () => {
  const multi = readFileSync(path.join(ROOT, 'invalid/integer/integer.multi'), 'utf8').split('\n').filter(Boolean);
  assert.ok(valid.length >= 60, `${valid.length} valid`);
  assert.ok(invalid.length + multi.length >= 40, `${invalid.length + multi.length} invalid`);
});

test('toml-test corpus: valid documents parse to the expected value', () => {
  const failures: string[] = [];
  for (const file of valid) {
    const name = path.relative(ROOT, file);
    try {
      const doc = tomlDocument(readFileSync(file, 'utf8'), { integersAsBigInt: true });
      assert.equal(doc.problem, undefined, `${name}: ${doc.problem?.message}`);
      const expected = JSON.parse(readFileSync(file.replace(/\.toml$/, '.json'), 'utf8'));
      check(doc.value, expected, name);
    } catch (e) {
      failures.push(e instanceof Error ? e.message.split('\n')[0] : String(e));
    }
  }
  assert.deepEqual(failures, []);
});

test('toml-test corpus: invalid documents are a located problem, never a throw', () => {
  const multi = readFileSync(path.join(ROOT, 'invalid/integer/integer.multi'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => [`integer.multi: ${l}`, l + '\n'] as const);
  const cases = [...invalid.map((f) => [path.relative(ROOT, f), readFileSync(f, 'utf8')] as const), ...multi];
  const accepted: string[] = [];
  for (const [name, text] of cases) {
    const doc = tomlDocument(text);
    if (doc.value !== undefined) accepted.push(name);
    else {
      assert.ok(doc.problem && doc.problem.message.length > 0, name);
      assert.ok(doc.problem.range.line >= 1 && doc.problem.range.line <= doc.lines.lineCount, `${name}: line`);
    }
  }
  assert.deepEqual(accepted, []);
});
