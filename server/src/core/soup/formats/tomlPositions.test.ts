import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Range } from '../../findings';
import { arrayItems, elementRange, headerRange, keyRange, tomlDocument, valueRange } from './tomlPositions';

const at = (r: Range | undefined) => (r ? `${r.line}:${r.column}-${r.endLine}:${r.endColumn}` : undefined);

test('toml: [[package]] followed by [package.dependencies] belongs to that package (tomlLite read it outside)', () => {
  // The shape of poetry.lock, uv.lock and Cargo.lock. The hand-written tomlLite this replaces
  // gave `package.dependencies.urllib3` as a key of no package.
  const text = [
    '[[package]]',
    'name = "requests"',
    '[package.dependencies]',
    'urllib3 = ">=1.21.1,<3"',
    '',
    '[[package]]',
    'name = "urllib3"',
    '[package.extras]',
    'socks = ["pysocks>=1.5.6"]',
  ].join('\n');
  const doc = tomlDocument(text);
  assert.equal(doc.problem, undefined);
  assert.deepEqual(JSON.parse(JSON.stringify(doc.value)), {
    package: [
      { name: 'requests', dependencies: { urllib3: '>=1.21.1,<3' } },
      { name: 'urllib3', extras: { socks: ['pysocks>=1.5.6'] } },
    ],
  });
  assert.equal(at(keyRange(doc, ['package', 'dependencies', 'urllib3'], 0)), '4:1-4:8');
  assert.equal(keyRange(doc, ['package', 'dependencies', 'urllib3'], 1), undefined);
  assert.equal(at(elementRange(doc, ['package'], 1)), '7:8-7:17');
  assert.equal(at(headerRange(doc, ['package'], 1)), '6:3-6:10');
  assert.equal(at(keyRange(doc, ['package', 'extras', 'socks'], 1)), '9:1-9:6');
});

test('toml: key lines past multi-line strings, arrays and inline tables; dotted keys and sub-table headers', () => {
  const text = [
    'a = """',
    'x = "not a key"',
    '[not.a.header]',
    '"""',
    "b = ['''",
    "[also not]''', \"y\", # comment ]",
    '  { c = 1, d = [2, 3] },',
    ']',
    '[tool.poetry.dependencies]',
    'requests.version = "^2"',
    '"ruamel.yaml" = "1"',
    '[tool.poetry.dependencies.pyserial]',
    'version = "3.5"',
    'when = 1979-05-27 07:32:00Z',
    'after = 1',
  ].join('\n');
  const doc = tomlDocument(text);
  assert.equal(doc.problem, undefined);
  assert.deepEqual(
    doc.keys.map((k) => k.path.join('.')),
    [
      'a',
      'b',
      'tool.poetry.dependencies.requests.version',
      'tool.poetry.dependencies.ruamel.yaml',
      'tool.poetry.dependencies.pyserial.version',
      'tool.poetry.dependencies.pyserial.when',
      'tool.poetry.dependencies.pyserial.after',
    ],
  );
  assert.equal(at(keyRange(doc, ['tool', 'poetry', 'dependencies', 'requests'])), '10:1-10:9');
  assert.equal(at(keyRange(doc, ['tool', 'poetry', 'dependencies', 'ruamel.yaml'])), '11:1-11:14');
  assert.equal(at(keyRange(doc, ['tool', 'poetry', 'dependencies', 'pyserial'])), '12:27-12:35');
  assert.equal(at(valueRange(doc, ['tool', 'poetry', 'dependencies', 'pyserial', 'when'])), '14:8-14:28');
  assert.deepEqual(
    arrayItems(doc, ['b']).map((i) => [text.slice(i.start, i.end), i.verbatimAt !== undefined]),
    [
      ["'''\n[also not]'''", false],
      ['"y"', true],
      ['{ c = 1, d = [2, 3] }', false],
    ],
  );
});

test('toml: a syntax error is one located problem without a value, never a throw', () => {
  const doc = tomlDocument('[project]\nname = "x"\ndependencies = [\n  "flask>=3.0\n]\n');
  assert.equal(doc.value, undefined);
  assert.equal(doc.problem?.message, 'control characters are not allowed in strings');
  assert.equal(doc.problem?.range.line, 4);
  const dup = tomlDocument('[a]\nx = 1\n[a]\n');
  assert.equal(dup.problem?.range.line, 3);
  assert.match(tomlDocument('\uFEFFa = "').problem!.message, /string/);
  assert.equal(tomlDocument('\uFEFFa = 1').value?.a, 1);
  const big = tomlDocument('[t]\nn = 9223372036854775808\n');
  assert.deepEqual([big.problem?.message, big.problem?.range.line], ["integer 't.n' is out of the 64-bit range", 2]);
  for (const text of [
    '',
    '[',
    '[[',
    '"',
    'a = """',
    "a = '''",
    '= =',
    'x = [' + '['.repeat(5000),
    '{'.repeat(100000),
  ]) {
    const d = tomlDocument(text);
    assert.ok(d.value !== undefined || (d.problem && d.problem.range.line >= 1), JSON.stringify(text.slice(0, 20)));
  }
});
