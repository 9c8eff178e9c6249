import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseToml, TomlValue } from './tomlLite';

const plain = (v: TomlValue): unknown =>
  v.type === 'string'
    ? v.value
    : v.type === 'scalar'
      ? v.raw
      : v.type === 'array'
        ? v.items.map(plain)
        : Object.fromEntries(v.entries.map((e) => [e.path.join('.'), plain(e.value)]));
const read = (text: string) => {
  const doc = parseToml(text);
  return {
    entries: doc.entries.map((e) => [e.path.join('.'), plain(e.value)]),
    problems: doc.problems.map((p) => [p.message, p.start]),
  };
};

test('toml: tables, array tables, dotted and quoted keys, comments', () => {
  const doc = read(
    [
      '# comment',
      'top = 1  # trailing',
      '[a . b]',
      'c.d = true',
      '"quoted key" = \'lit\'',
      "'lit key'.x = 2",
      '[[arr]]',
      'n = 1',
      '[[arr]]',
      'n = 2',
      'when = 1979-05-27 07:32:00Z',
    ].join('\n'),
  );
  assert.deepEqual(doc.problems, []);
  assert.deepEqual(doc.entries, [
    ['top', '1'],
    ['a.b.c.d', 'true'],
    ['a.b.quoted key', 'lit'],
    ['a.b.lit key.x', '2'],
    ['arr.0.n', '1'],
    ['arr.1.n', '2'],
    ['arr.1.when', '1979-05-27 07:32:00Z'],
  ]);
});

test('toml: strings of all four kinds, escapes, multi-line values', () => {
  const doc = read(
    [
      'a = "tab\\there \\u00e9 \\"q\\""',
      'b = """',
      'line one',
      'line "two" ""still""""" ',
      "c = '''",
      "raw \\n ''x'''''",
      'd = """\\',
      '    trimmed"""',
      'e = [',
      '  "x", # comment inside',
      '  [1, 2],',
      '  { k = "v", n.m = 3 },',
      ']',
    ].join('\n'),
  );
  assert.deepEqual(doc.problems, []);
  assert.deepEqual(doc.entries, [
    ['a', 'tab\there é "q"'],
    ['b', 'line one\nline "two" ""still""'],
    ['c', "raw \\n ''x''"],
    ['d', 'trimmed'],
    ['e', ['x', ['1', '2'], { k: 'v', 'n.m': '3' }]],
  ]);
});

test('toml: offsets of keys and verbatim strings', () => {
  const text = 'deps = [\n  "requests>=2",\n  "esc\\u0041ped",\n]\nk = \'lit\'\n';
  const [e, k] = parseToml(text).entries;
  assert.deepEqual([e.keyStart, e.keyEnd], [0, 4]);
  const [first, second] = e.value.type === 'array' ? e.value.items : [];
  assert.equal(first.type === 'string' && text.slice(first.verbatimAt, first.verbatimAt! + 8), 'requests');
  assert.equal(second.type === 'string' && second.verbatimAt, undefined);
  assert.equal(k.value.type === 'string' && text.slice(k.value.verbatimAt, k.value.verbatimAt! + 3), 'lit');
});

test('toml: malformed statements are problems, reading resumes at the next key or header', () => {
  assert.deepEqual(read('a = "x\nb = 2').problems, [['unterminated string', 4]]);
  assert.deepEqual(read('a = "x\nb = 2').entries, [['b', '2']]);
  assert.deepEqual(read('a = [1,\n  2\nb = 3').problems, [["expected ',' or ']' in an array", 12]]);
  assert.deepEqual(read('a = [1,\n  2\nb = 3').entries, [['b', '3']]);
  assert.deepEqual(read('a = {b = 1').problems, [['unterminated inline table', 10]]);
  assert.deepEqual(read('a = "\\q"').problems, [["invalid escape '\\q'", 5]]);
  assert.deepEqual(read('[a\nb = 1').problems, [["expected ']' to close the table header", 2]]);
  assert.deepEqual(read('a = 1 2').problems, [["unexpected '2' after the value", 6]]);
  assert.deepEqual(read('a =').problems, [['expected a value', 3]]);
  assert.deepEqual(read('= 1\nb = 2'), { entries: [['b', '2']], problems: [["unexpected '=' in a key", 0]] });
  assert.deepEqual(read('a = """never closed').problems, [['unterminated string', 4]]);
  assert.match(read('a = ' + '['.repeat(1000)).problems[0][0] as string, /nested too deeply/);
});
