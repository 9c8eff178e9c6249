import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveConfig } from '../config';
import { IdGrammar } from '../ids';
import { languageOf } from '../lexers/languages';
import { parseSourceFile } from './sourceFile';

const grammar = new IdGrammar(Object.keys(resolveConfig().kinds));
function parse(file: string, text: string, isTest = false) {
  const lang = languageOf(file)!;
  return parseSourceFile(file, text, { grammar, family: lang.family, isTest, bindDeclarations: lang.family === 'js' });
}
const refs = (file: string, text: string, isTest = false) =>
  parse(file, text, isTest).refs.map(
    (r) =>
      `${r.role} ${r.id} ${r.range.line}:${r.range.column}-${r.range.endColumn}${r.symbol ? ` ${r.symbol}` : ''}${r.note ? ` (${r.note})` : ''}`,
  );

test('TS: several IDs, a note, binding to the next declaration', () => {
  assert.deepEqual(
    refs(
      'src/a.ts',
      '/**\n * Lockout.\n * @implements SR-012, RC-002 -- lockout counter\n */\nexport async function recordFailure() {}\n',
    ),
    [
      'implements SR-012 3:16-22 recordFailure (lockout counter)',
      'implements RC-002 3:24-30 recordFailure (lockout counter)',
    ],
  );
});

test('TS: strings are not comments', () => {
  assert.deepEqual(
    refs(
      'src/a.ts',
      'const s = "// @implements SR-1";\nconst t = `/* @implements SR-2 */`;\nconst u = \'@implements SR-3\';\n',
    ),
    [],
  );
});

test('TS: binds to classes, methods, variables, arrow properties; skips decorators and blank lines', () => {
  const text = [
    '// @implements SR-1',
    'export class Lockout {',
    '  // @implements SR-2',
    '  @Throttle()',
    '',
    '  private async check(user: string) {}',
    '  // @implements SR-3',
    '  readonly onFail = async () => {};',
    '}',
    '// @implements SR-4',
    'const limit = 5;',
    'doThing(); // @implements SR-5',
    '// @implements SR-6',
    'router.get("/x", handler);',
  ].join('\n');
  assert.deepEqual(
    parse('src/a.ts', text).refs.map((r) => `${r.id}=${r.symbol ?? '-'}`),
    ['SR-1=Lockout', 'SR-2=check', 'SR-3=onFail', 'SR-4=limit', 'SR-5=-', 'SR-6=-'],
  );
});

test('annotation verbs need a word boundary and a comment; a trailing comment binds to its own line', () => {
  assert.deepEqual(
    refs('src/a.ts', '// mail@implements SR-1\n// @implementsX SR-2\nconst x = 1; // @verifies SR-3\n'),
    ['verifies SR-3 3:27-31 x'],
  );
});

test('a non-ID word ends the list; trailing dots and */ are not part of an ID', () => {
  assert.deepEqual(
    refs('src/a.c', '/* @implements SR-1 and SR-2 */\n/* @implements SR-3.*/\n/* @implements SR-4*/\n'),
    ['implements SR-1 1:16-20', 'implements SR-3 2:16-20', 'implements SR-4 3:16-20'],
  );
});

test('every language family: comments hold annotations, strings do not', () => {
  const cases: Array<[string, string]> = [
    ['src/a.py', 'x = "# @implements SR-9"\n# @implements SR-1\ndef f():\n    """@implements SR-2"""\n'],
    ['src/a.c', 'char *s = "// @implements SR-9";\n// @implements SR-1\n/* @implements SR-2 */\n'],
    ['src/a.cpp', 'auto s = R"(// @implements SR-9)";\n// @implements SR-1\n/** @implements SR-2 */\n'],
    ['src/A.java', 'String s = "// @implements SR-9";\n// @implements SR-1\n/** @implements SR-2 */\n'],
    ['src/a.cs', 'var s = @"// @implements SR-9";\n// @implements SR-1\n/// @implements SR-2\n'],
    ['src/a.kt', 'val s = """// @implements SR-9"""\n// @implements SR-1\n/* @implements SR-2 */\n'],
    ['src/a.go', 'var s = `// @implements SR-9`\n// @implements SR-1\n/* @implements SR-2 */\n'],
    ['src/a.rs', 'let s = r#"// @implements SR-9"#;\n// @implements SR-1\n/// @implements SR-2\n'],
    ['src/a.swift', 'let s = "// @implements SR-9"\n// @implements SR-1\n/* @implements SR-2 */\n'],
    ['src/a.sh', 'echo "# @implements SR-9"\n# @implements SR-1\nx=1 # @implements SR-2\n'],
    ['deploy/a.yaml', 'url: "http://x # @implements SR-9"\n# @implements SR-1\nkey: v # @implements SR-2\n'],
    ['a.toml', 's = "# @implements SR-9"\n# @implements SR-1\nk = 1 # @implements SR-2\n'],
    ['db/a.sql', "SELECT '-- @implements SR-9';\n-- @implements SR-1\n/* @implements SR-2 */\n"],
    ['web/a.html', '<p>@implements SR-9</p>\n<!-- @implements SR-1 -->\n<!--\n @implements SR-2\n-->\n'],
    ['web/a.xml', '<a v="@implements SR-9"/>\n<!-- @implements SR-1 -->\n<!-- @implements SR-2 -->\n'],
    ['README.md', 'Text @implements SR-9\n<!-- @implements SR-1 -->\n<!-- @implements SR-2 -->\n'],
    ['src/a.jsx', 'const e = <div title="// @implements SR-9" />;\n// @implements SR-1\n{/* @implements SR-2 */}\n'],
  ];
  for (const [file, text] of cases) {
    assert.deepEqual(
      parse(file, text).refs.map((r) => r.id),
      ['SR-1', 'SR-2'],
      file,
    );
  }
});

test('CRLF line endings keep lines and columns right', () => {
  assert.deepEqual(
    refs('src/a.ts', 'const a = 1;\r\n// @implements SR-1\r\n/*\r\n * @verifies SR-2\r\n */\r\n', true),
    ['implements SR-1 2:16-20', 'verifies SR-2 4:14-18'],
  );
});

test('an unterminated block comment runs to the end of the file', () => {
  assert.deepEqual(refs('src/a.ts', 'x();\n/* @implements SR-1\n never closed @verifies SR-2\n', true), [
    'implements SR-1 2:16-20',
    'verifies SR-2 3:25-29',
  ]);
});

test('@verifies outside a test file is verification-outside-tests', () => {
  const index = parse('src/self.ts', '// @verifies SR-1, SR-2\n');
  assert.deepEqual(
    index.findings.map((f) => [f.code, f.line, f.column, f.endColumn]),
    [['verification-outside-tests', 1, 4, 24]],
  );
  assert.deepEqual(parse('test/a.test.ts', '// @verifies SR-1\n', true).findings, []);
});

test('suppressions: three forms, rule lists, justification IDs become links', () => {
  const index = parse(
    'src/a.ts',
    [
      'eval(a); // seclife-ignore-line js/eval-dynamic -- input is a constant, see TH-009',
      '// seclife-ignore-next-line js/weak-random, js/sql-concat -- jitter only',
      'x();',
      '/* seclife-ignore-next-line js/x',
      '   -- spans lines */',
      'y();',
      '// seclife-ignore-file js/child-process -- build script, never shipped',
      'const s = "// seclife-ignore-file js/all -- in a string";',
    ].join('\n'),
  );
  assert.deepEqual(
    index.suppressions.map((s) => [s.scope, s.rules.join('+'), s.targetLine, s.justification ?? '']),
    [
      ['line', 'js/eval-dynamic', 1, 'input is a constant, see TH-009'],
      ['next-line', 'js/weak-random+js/sql-concat', 3, 'jitter only'],
      ['next-line', 'js/x', 6, ''],
      ['file', 'js/child-process', 7, 'build script, never shipped'],
    ],
  );
  assert.deepEqual(
    index.refs.map((r) => `${r.role} ${r.id} ${r.range.line}:${r.range.column}`),
    ['justification TH-009 1:77'],
  );
  assert.deepEqual(
    index.findings.map((f) => [f.code, f.line]),
    [['unjustified-suppression', 4]],
  );
});

test('files without annotations skip the comment scan entirely', () => {
  const index = parse('src/a.ts', '/* plain */ const a = "@implements SR-1";'.repeat(10));
  assert.deepEqual(index.refs, []);
});

test('two annotations on one line; test-framework calls are not declarations', () => {
  assert.deepEqual(refs('src/a.ts', '// @interface IF-1  @implements SR-001\n'), [
    'interface IF-1 1:15-19',
    'implements SR-001 1:33-39',
  ]);
  assert.deepEqual(
    parse(
      'test/a.test.ts',
      "// @verifies SR-1\ndescribe('lockout', () => {\n// @verifies SR-2\nit(`x`, async () => {});\n",
      true,
    ).refs.map((r) => r.symbol ?? '-'),
    ['-', '-'],
  );
});

test('binding reads the first 1000 characters of a line: a long declaration line binds; what cannot be read is a note', () => {
  const long = `const limit = ${'1 + '.repeat(300)}1;`;
  const bound = (text: string) => parse('src/a.ts', text).refs.map((r) => `${r.id} ${r.symbol ?? '-'}`);
  assert.deepEqual(bound(`// @implements SR-1\n${long}\n// @implements SR-2\nconst ok = 1;\n`), [
    'SR-1 limit',
    'SR-2 ok',
  ]);
  assert.deepEqual(bound(`${long} // @implements SR-3\n`), ['SR-3 limit']);
  assert.deepEqual(bound(`${'x'.repeat(5000)}\nconst short = 1; // @implements SR-4 @implements SR-5\n`), [
    'SR-4 short',
    'SR-5 short',
  ]);
  assert.deepEqual(parse('src/a.ts', `// @implements SR-1\n${long}\n`).notes, []);
  // A comment line, or blanks, over 1000 characters between the annotation and the declaration: not bound, and a note says so.
  const skipped = parse(
    'src/a.ts',
    `// @implements SR-6\n// ${'x'.repeat(2000)}\nconst after = 1;\n/* @implements SR-7 */ ${' '.repeat(1200)}\nconst x = 1;\n`,
  );
  assert.deepEqual(
    skipped.refs.map((r) => `${r.id} ${r.symbol ?? '-'}`),
    ['SR-6 -', 'SR-7 -'],
  );
  assert.deepEqual(skipped.notes, [
    '2 annotation comments not bound to a declaration: a line to read is over 1000 characters before the declaration starts',
  ]);
});
