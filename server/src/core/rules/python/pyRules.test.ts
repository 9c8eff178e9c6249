import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskNonCode } from '../../lexers/commentScanner';
import { entropy, isSecretName } from '../lexicalHelpers';
import { LexicalRule } from '../ruleTypes';
import { PYTHON_RULES } from '.';
import { runLexicalRules } from '../lexicalRunner';
import { isPyConstString, pyImported } from './pyHelpers';

function hits(text: string): string[] {
  const code = maskNonCode(text, 'python');
  const out: string[] = [];
  for (const hit of runLexicalRules('a.py', text, () => code, PYTHON_RULES as LexicalRule[]))
    out.push(`${text.slice(0, hit.start).split('\n').length} ${hit.ruleId}`);
  return out.sort();
}

test('secret names and entropy', () => {
  for (const n of ['db_password', 'apiKey', 'SECRET_KEY', 'client_secret', 'authToken', 'AWS_SECRET_ACCESS_KEY'])
    assert.ok(isSecretName(n), n);
  for (const n of ['password_field', 'token_url', 'cache_key', 'tokenizer', 'SALT_CHARS', 'key'])
    assert.ok(!isSecretName(n), n);
  assert.ok(entropy('q8Vd2LkT9xZr4NwP7sYb') > 3.5);
  assert.ok(entropy('aaaaaaaaaaaaaaaa') === 0);
});

test('imports and constant strings', () => {
  assert.deepEqual(
    pyImported('from os import (\n  path,\n  system as run_it,\n)\nfrom os import popen', 'os', ['system', 'popen']),
    ['run_it', 'popen'],
  );
  const t = 'x("a" "b", f"{y}", ("c" + \'d\'))';
  const code = maskNonCode(t, 'python');
  assert.equal(isPyConstString(code, t, 2, 9), true);
  assert.equal(isPyConstString(code, t, 11, 17), false);
  assert.equal(isPyConstString(code, t, 19, 31), true);
});

test('a name followed by a newline and ( is not a call', () => {
  assert.deepEqual(hits('from tempfile import mktemp\n(a, b) = None, None\n'), []);
  assert.deepEqual(hits('from tempfile import mktemp\np = mktemp()\n'), ['2 py/tempfile-mktemp']);
});

test('sql-format follows a query variable to its last assignment', () => {
  const text = 'q = "SELECT * FROM t WHERE id = ?"\nq = f"SELECT * FROM t WHERE id = {pid}"\ncur.execute(q)\n';
  assert.deepEqual(hits(text), ['3 py/sql-format']);
  assert.deepEqual(hits('q = f"SELECT * FROM t WHERE id = {pid}"\nq = "SELECT 1"\ncur.execute(q)\n'), []);
});

test('hard-coded secret regex stays fast on long blank regions', () => {
  const text = `def f(x):\n    """${'doc '.repeat(20000)}"""\n    api_key: str = "q8Vd2LkT9xZr4NwP7sYb"\n`;
  const t = Date.now();
  assert.deepEqual(hits(text), ['3 py/hardcoded-secret']);
  assert.ok(Date.now() - t < 1000, `took ${Date.now() - t} ms`);
});
