import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanComments, type CommentSpan } from './commentScanner';
import type { CommentFamily } from './languages';

/** Contents of the comments found in `text`. */
function contents(text: string, family: CommentFamily): string[] {
  return scanComments(text, family).map((s) => text.slice(s.contentStart, s.contentEnd));
}

/** Whole comments (markers included). */
function wholes(text: string, family: CommentFamily): string[] {
  return scanComments(text, family).map((s) => text.slice(s.start, s.end));
}

function assertWellFormed(text: string, spans: CommentSpan[]): void {
  let prev = 0;
  for (const s of spans) {
    assert.ok(s.start >= prev, 'spans are ordered and disjoint');
    assert.ok(s.start <= s.contentStart && s.contentStart <= s.contentEnd && s.contentEnd <= s.end);
    assert.ok(s.end <= text.length);
    prev = s.end;
  }
}

const ALL_FAMILIES: CommentFamily[] = [
  'c',
  'js',
  'python',
  'hash',
  'sql',
  'html',
  'markdown',
  'rust',
  'go',
  'csharp',
  'java',
  'kotlin',
  'swift',
];

// ------------------------------------------------------------------ span shape

test('spans: offsets of markers and content', () => {
  const text = 'x; // a\n/* b */ /** c */';
  assert.deepEqual(scanComments(text, 'js'), [
    { start: 3, end: 7, contentStart: 5, contentEnd: 7, block: false },
    { start: 8, end: 15, contentStart: 10, contentEnd: 13, block: true },
    { start: 16, end: 24, contentStart: 19, contentEnd: 22, block: true },
  ]);
  assert.deepEqual(contents('/**/ /***/ /*!x*/ ///t\n//!u', 'rust'), ['', '', 'x', 't', 'u']);
});

test('empty text and every family on odd input', () => {
  for (const f of ALL_FAMILIES) {
    assert.deepEqual(scanComments('', f), []);
    for (const odd of [
      '"',
      "'",
      '`',
      '/',
      '#',
      '-',
      '<!',
      '<!--',
      '/*',
      '"""',
      "'''",
      '\\',
      '$',
      '@',
      'r#',
      '${',
      '\r',
    ]) {
      assertWellFormed(odd, scanComments(odd, f));
    }
  }
});

// ------------------------------------------------------------------ C / C++

test('c: strings, char literals, comments with quotes', () => {
  const text = [
    'const char *s = "// @implements SR-1 /* no */";',
    "char q = '\"'; char e = '\\''; char z = '/';",
    "int x = 1'000'000; // it's \"quoted\"",
    '/* block with "quotes" and \'ticks\' */',
  ].join('\n');
  assert.deepEqual(contents(text, 'c'), [' it\'s "quoted"', ' block with "quotes" and \'ticks\' ']);
});

test('c: line comment continued with a backslash, raw strings', () => {
  assert.deepEqual(contents('// one \\\ntwo\nint x; // three', 'c'), [' one \\\ntwo', ' three']);
  assert.deepEqual(contents('// one \\\r\ntwo\r\nx', 'c'), [' one \\\r\ntwo']);
  const raw = 'auto s = R"x(// not ")" */ a comment)x"; // yes';
  assert.deepEqual(contents(raw, 'c'), [' yes']);
  assert.deepEqual(contents('auto s = u8R"(/* no */)"; /* yes */', 'c'), [' yes ']);
  assert.deepEqual(contents('#include "a//b.h" // yes', 'c'), [' yes']);
});

test('c: JSDoc-style block, unterminated block, unterminated string', () => {
  assert.deepEqual(contents('/**\n * @implements SR-1\n */\nint f();', 'c'), ['\n * @implements SR-1\n ']);
  const open = 'int x; /* never closed\n// still inside';
  assert.deepEqual(scanComments(open, 'c'), [
    { start: 7, end: open.length, contentStart: 9, contentEnd: open.length, block: true },
  ]);
  assert.deepEqual(contents('char *s = "unterminated // no\nint y; // yes', 'c'), [' yes']);
});

// ------------------------------------------------------------------ JS / TS

test('js: strings with comment markers are not comments', () => {
  assert.deepEqual(contents('const s = "// @implements SR-1";', 'js'), []);
  assert.deepEqual(contents("const s = '/* x */'; const t = \"it's\"; // c", 'js'), [' c']);
  assert.deepEqual(contents('const s = "a \\" // b"; // c', 'js'), [' c']);
  assert.deepEqual(contents('// it\'s "fine" `too`\nx', 'js'), [' it\'s "fine" `too`']);
});

test('js: JSDoc blocks', () => {
  const text = '/**\n * Locks the account.\n * @implements SR-012, RC-002 -- lockout\n */\nexport function lock() {}';
  const spans = scanComments(text, 'js');
  assert.equal(spans.length, 1);
  assert.equal(spans[0]!.block, true);
  assert.equal(text.slice(spans[0]!.start, spans[0]!.end), text.slice(0, text.indexOf('*/') + 2));
  assert.equal(text.slice(spans[0]!.contentStart, spans[0]!.contentEnd), text.slice(3, text.indexOf('*/')));
});

test('js: regex literals vs division', () => {
  assert.deepEqual(contents('const re = /https?:\\/\\//; // real comment', 'js'), [' real comment']);
  assert.deepEqual(contents('a = b / c; // x', 'js'), [' x']);
  assert.deepEqual(contents('a = b / c / d; // x', 'js'), [' x']);
  assert.deepEqual(contents('a = (b) / 2 // x', 'js'), [' x']);
  assert.deepEqual(contents('a = arr[0] / 2 // x', 'js'), [' x']);
  assert.deepEqual(contents('i++ / 2 // x', 'js'), [' x']);
  assert.deepEqual(contents('x = 10 / 2 // x', 'js'), [' x']);
  assert.deepEqual(contents('f(/[/*]/g, "a") // x', 'js'), [' x']);
  assert.deepEqual(contents('return /\\/\\/"/.test(s) // x', 'js'), [' x']);
  assert.deepEqual(contents('x = typeof /a/ // x', 'js'), [' x']);
  assert.deepEqual(contents('s.replace(/\'/g, "") // x', 'js'), [' x']);
  assert.deepEqual(contents('/^#!/.test(line) // x', 'js'), [' x']);
  assert.deepEqual(contents('a = b\n/c/ // x', 'js'), [' x']); // division after an identifier, even across lines
  assert.deepEqual(contents('const r = /ab\nc; // x', 'js'), [' x']); // not a regex: no closing `/` on the line
});

test('js: template literals with nested expressions', () => {
  assert.deepEqual(contents('x = `${ "/*" }` // c', 'js'), [' c']);
  assert.deepEqual(contents('x = `a ${ `b ${ "}" } // not` } /* no */` // yes', 'js'), [' yes']);
  assert.deepEqual(contents('x = `${ { a: 1 }.a } // no` // yes', 'js'), [' yes']);
  assert.deepEqual(contents('x = `\n// not a comment\n${y /* real */}\n`', 'js'), [' real ']);
  assert.deepEqual(contents('x = `\\` // no ${"`"}` // yes', 'js'), [' yes']);
  assert.deepEqual(contents('html`<a href="//x">` // yes', 'js'), [' yes']);
});

test('js: JSX closing tags, hashbang, CRLF', () => {
  assert.deepEqual(contents('return <a>x</a>; // @implements SR-1', 'js'), [' @implements SR-1']);
  assert.deepEqual(contents('#!/usr/bin/env node\n// c', 'js'), [' c']);
  const crlf = '// one\r\nconst a = 1; /* two\r\n */\r\n// three\r\n';
  assert.deepEqual(contents(crlf, 'js'), [' one', ' two\r\n ', ' three']);
  assert.deepEqual(contents('// one\rx // two\r', 'js'), [' one', ' two']);
});

test('js: unterminated string ends at its line; unterminated block runs to the end', () => {
  assert.deepEqual(contents('const s = "open // no\nconst t = 1; // yes', 'js'), [' yes']);
  assert.deepEqual(contents("const s = 'open\r\n// yes", 'js'), [' yes']);
  assert.deepEqual(contents('x = `open // never closed\n// no', 'js'), []);
  const text = 'x; /* open\n * still';
  const spans = scanComments(text, 'js');
  assert.deepEqual(spans, [{ start: 3, end: text.length, contentStart: 5, contentEnd: text.length, block: true }]);
});

// ------------------------------------------------------------------ Python

test('python: comments and strings', () => {
  assert.deepEqual(contents('s = "# no"  # yes\nt = \'# no\' # yes2', 'python'), [' yes', ' yes2']);
  assert.deepEqual(contents('s = "a \\" # no" # yes', 'python'), [' yes']);
  assert.deepEqual(contents("s = r'\\' # no' # yes", 'python'), [' yes']);
  assert.deepEqual(contents('s = "open # no\nx = 1 # yes', 'python'), [' yes']);
  assert.deepEqual(contents('x = 1 // 2  # floor division', 'python'), [' floor division']);
});

test('python: docstrings vs ordinary triple-quoted strings', () => {
  const text = [
    '"""Module docstring.',
    '@implements SR-1',
    '"""',
    'def f():',
    "    r'''Function docstring # not a line comment'''",
    '    s = """not a docstring # no"""',
    "    t = f'''also not {s} # no'''",
    '    return s  # yes',
  ].join('\n');
  const spans = scanComments(text, 'python');
  assert.deepEqual(
    spans.map((s) => [text.slice(s.contentStart, s.contentEnd), s.block]),
    [
      ['Module docstring.\n@implements SR-1\n', true],
      ['Function docstring # not a line comment', true],
      [' yes', false],
    ],
  );
  assert.equal(text.slice(spans[1]!.start, spans[1]!.end), "r'''Function docstring # not a line comment'''");
  // Unterminated docstring runs to the end.
  const open = 'def g():\n    """never closed\n# inside';
  assert.deepEqual(contents(open, 'python'), ['never closed\n# inside']);
});

test('python: f-strings with nested quotes and braces', () => {
  assert.deepEqual(contents('x = f"{d["k"]} # no" # yes', 'python'), [' yes']);
  assert.deepEqual(contents('x = f"{{ # no }}" # yes', 'python'), [' yes']);
  assert.deepEqual(contents('x = f"{v:#x} # no" # yes', 'python'), [' yes']);
  assert.deepEqual(contents('x = f\'{ {"a": 1}["a"] } # no\' # yes', 'python'), [' yes']);
  assert.deepEqual(contents('x = f"{open\ny = 1 # yes', 'python'), [' yes']);
});

// ------------------------------------------------------------------ Rust

test('rust: lifetimes, char literals, nested block comments', () => {
  const text = [
    "fn f<'a>(x: &'a str) -> char { 'x' } // one",
    "let q = '\"'; let e = '\\''; let u = '\\u{1F600}'; let b = b'/';",
    '/* outer /* inner */ still outer */ let s = "/* no */";',
    "'outer: loop { break 'outer; } // two",
  ].join('\n');
  assert.deepEqual(contents(text, 'rust'), [' one', ' outer /* inner */ still outer ', ' two']);
});

test('rust: raw strings, byte strings, doc comments', () => {
  assert.deepEqual(contents('let s = r"// no"; // yes', 'rust'), [' yes']);
  assert.deepEqual(contents('let s = r#"a "// no" b"#; // yes', 'rust'), [' yes']);
  assert.deepEqual(contents('let s = r##"a "# // no"##; // yes', 'rust'), [' yes']);
  assert.deepEqual(contents('let s = br"\\"; // yes', 'rust'), [' yes']);
  assert.deepEqual(contents('let s = b"\\" // no"; // yes', 'rust'), [' yes']);
  assert.deepEqual(contents('let s = "multi\n// no\nline"; // yes', 'rust'), [' yes']);
  assert.deepEqual(contents('let r#type = 1; // yes', 'rust'), [' yes']);
  assert.deepEqual(contents('/// doc\n//! inner\n/** block doc */', 'rust'), [' doc', ' inner', ' block doc ']);
  assert.deepEqual(contents('/* a /* b */', 'rust'), [' a /* b */']); // unterminated (nested)
});

// ------------------------------------------------------------------ Go

test('go: raw strings and runes', () => {
  const text = 'var s = `// no\n/* no */` // yes\nr := \'"\'; t := "/* no */" /* yes2 */';
  assert.deepEqual(contents(text, 'go'), [' yes', ' yes2 ']);
  assert.deepEqual(contents("r := '\\'' // yes", 'go'), [' yes']);
});

// ------------------------------------------------------------------ C#

test('csharp: verbatim, interpolated and raw strings', () => {
  assert.deepEqual(contents('var s = @"C:\\dir\\"; // yes', 'csharp'), [' yes']);
  assert.deepEqual(contents('var s = @"say ""// no"" ok"; // yes', 'csharp'), [' yes']);
  assert.deepEqual(contents('var s = @"multi\n// no\nline"; // yes', 'csharp'), [' yes']);
  assert.deepEqual(contents('var s = $"{(a ? "x" : "// no")} // no"; // yes', 'csharp'), [' yes']);
  assert.deepEqual(contents('var s = $"{{ // no }}"; // yes', 'csharp'), [' yes']);
  assert.deepEqual(contents('var s = $@"{x}\n// no"; // yes', 'csharp'), [' yes']);
  assert.deepEqual(contents('var s = """\n  "quoted" // no\n  """; // yes', 'csharp'), [' yes']);
  assert.deepEqual(contents('var s = """"a """ // no """"; // yes', 'csharp'), [' yes']);
  assert.deepEqual(contents('var s = $$"""{{x}} {"// no"} """; // yes', 'csharp'), [' yes']);
  assert.deepEqual(contents('var e = ""; char c = \'"\'; /// <summary>doc</summary>', 'csharp'), [
    ' <summary>doc</summary>',
  ]);
});

// ------------------------------------------------------------------ Java / Kotlin / Swift

test('java: text blocks and char literals', () => {
  const text = 'String s = """\n  // no\n  \\""" still\n  """; // yes\nchar c = \'"\'; /* yes2 */';
  assert.deepEqual(contents(text, 'java'), [' yes', ' yes2 ']);
  assert.deepEqual(contents('String s = "a\\"// no"; // yes', 'java'), [' yes']);
});

test('kotlin: templates, raw strings, nested comments, backtick names', () => {
  assert.deepEqual(contents('val s = "${"// no"} // no" // yes', 'kotlin'), [' yes']);
  assert.deepEqual(contents('val s = """\n// no ${ "x" }\n""" // yes', 'kotlin'), [' yes']);
  assert.deepEqual(contents('val s = """a"""" // yes', 'kotlin'), [' yes']);
  assert.deepEqual(contents('/* a /* b */ c */ fun `my // test`() {} // yes', 'kotlin'), [' a /* b */ c ', ' yes']);
  assert.deepEqual(contents("val c = '\"' // yes", 'kotlin'), [' yes']);
});

test('swift: interpolation, multi-line and extended strings, nested comments', () => {
  assert.deepEqual(contents('let s = "\\(f("// no")) // no" // yes', 'swift'), [' yes']);
  assert.deepEqual(contents('let s = """\n// no \\(x)\n""" // yes', 'swift'), [' yes']);
  assert.deepEqual(contents('let s = #"a " // no \\"# // yes', 'swift'), [' yes']);
  assert.deepEqual(contents('let s = #"\\#(f(")")) // no"# // yes', 'swift'), [' yes']);
  assert.deepEqual(contents('/* a /* b */ c */ #if DEBUG // yes', 'swift'), [' a /* b */ c ', ' yes']);
  assert.deepEqual(contents("let it's = 1 // yes", 'swift'), [' yes']);
});

// ------------------------------------------------------------------ # family

test('hash: YAML comments vs fragments and quoted values', () => {
  const text = [
    'key: value # comment',
    'url: http://x#frag',
    'q: "a # no" # yes',
    "s: 'it''s # no' # yes2",
    "t: don't # yes3",
    '# full line',
    '  # indented',
  ].join('\n');
  assert.deepEqual(contents(text, 'hash'), [' comment', ' yes', ' yes2', ' yes3', ' full line', ' indented']);
});

test('hash: shell, TOML, Ruby, Dockerfile, CRLF', () => {
  assert.deepEqual(contents('echo $# ${#arr[@]} "# no" \'# no\' # yes', 'hash'), [' yes']);
  assert.deepEqual(contents('echo "a \\" # no" # yes', 'hash'), [' yes']);
  assert.deepEqual(contents('s = """\n# no\n""" # yes\nt = \'\'\'\n# no\n\'\'\'', 'hash'), [' yes']);
  assert.deepEqual(contents('x = 1\n=begin\n@implements SR-1\n=end\ny = 2 # yes', 'hash'), [
    '\n@implements SR-1\n',
    ' yes',
  ]);
  assert.deepEqual(contents('# syntax=docker/dockerfile:1\r\nRUN echo "#no" # yes\r\n', 'hash'), [
    ' syntax=docker/dockerfile:1',
    ' yes',
  ]);
  assert.deepEqual(contents('s = "open # no\n# yes', 'hash'), [' yes']);
});

// ------------------------------------------------------------------ SQL

test('sql: line and block comments, strings and identifiers', () => {
  const text = [
    "SELECT '-- no', 'it''s /* no */' -- yes",
    'FROM "odd--name" /* yes2 /* nested */ still */',
    "WHERE a = 'multi",
    '-- no',
    "line'; -- yes3",
  ].join('\n');
  assert.deepEqual(contents(text, 'sql'), [' yes', ' yes2 /* nested */ still ', ' yes3']);
  assert.deepEqual(contents('SELECT 1; -- a\r\n-- b', 'sql'), [' a', ' b']);
  assert.deepEqual(contents('SELECT `a--b` -- yes', 'sql'), [' yes']);
});

// ------------------------------------------------------------------ HTML / XML / Markdown

test('html: only <!-- --> comments', () => {
  const text = '<p>// no # no</p>\n<!-- @implements SR-1 -->\n<![CDATA[ <!-- no --> ]]>\n<!---->\n<!-- open';
  assert.deepEqual(contents(text, 'html'), [' @implements SR-1 ', '', ' open']);
  assert.deepEqual(wholes('a<!-- x -->b', 'html'), ['<!-- x -->']);
});

test('markdown: comments outside code', () => {
  const text = [
    '# Title <!-- one -->',
    '```html',
    '<!-- no -->',
    '```',
    'Text `<!-- no -->` and ``a ` <!-- no -->`` <!-- two',
    'continues -->',
    '~~~~',
    '<!-- no -->',
    '~~~',
    '~~~~',
    '\\<!-- escaped, not a comment -->',
  ].join('\n');
  assert.deepEqual(contents(text, 'markdown'), [' one ', ' two\ncontinues ']);
  assert.deepEqual(contents('```\n<!-- no, unclosed fence -->', 'markdown'), []);
});

// ------------------------------------------------------------------ robustness

function pseudoRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s;
  };
}

test('1 MB of random bytes: every family returns without throwing', () => {
  const next = pseudoRandom(42);
  const codes = new Array<number>(1 << 20);
  for (let i = 0; i < codes.length; i++) codes[i] = next() & 0xff;
  const text = Buffer.from(codes).toString('latin1'); // bytes 0–255 as characters
  for (const f of ALL_FAMILIES) assertWellFormed(text, scanComments(text, f));
});

test('random mixes of syntax characters and lone surrogates do not break invariants', () => {
  const alphabet = '/*"\'`#-<!>[]{}()$@\\\nrRbf ax\r=\ud800\udc00';
  const next = pseudoRandom(7);
  for (let round = 0; round < 200; round++) {
    let text = '';
    const len = next() % 200;
    for (let i = 0; i < len; i++) text += alphabet[next() % alphabet.length];
    for (const f of ALL_FAMILIES) assertWellFormed(text, scanComments(text, f));
  }
});

test('hostile inputs stay linear (no hang)', () => {
  const big = 100_000;
  const inputs = [
    '(/['.repeat(big), // regex candidates that never close
    '`${'.repeat(big), // deeply nested templates
    '$'.repeat(big) + '"',
    '#'.repeat(big),
    "'".repeat(big),
    '"'.repeat(big),
    '/*'.repeat(big),
    '`'.repeat(big) + ' <!-- x',
    ' `` ` '.repeat(big),
    'f"{'.repeat(big),
    '"\\('.repeat(big),
    'r#'.repeat(big),
  ];
  for (const text of inputs) for (const f of ALL_FAMILIES) assertWellFormed(text, scanComments(text, f));
});

test('performance sanity: 5 MB of code', () => {
  const chunk = [
    '/**',
    ' * Locks the account after repeated failures.',
    ' * @implements SR-012 -- lockout',
    ' */',
    'export function lock(user: User, attempts: number): boolean {',
    '  const re = /^[a-z]+\\/\\d+$/i; // pattern',
    '  const msg = `user ${user.name} failed ${attempts} times // not a comment`;',
    '  const s = \'single // quoted\', t = "double /* quoted */";',
    '  return attempts / 2 > 5; /* block */',
    '}',
    '',
  ].join('\n');
  const text = chunk.repeat(Math.ceil((5 * 1024 * 1024) / chunk.length));
  const spans = scanComments(text, 'js');
  const copies = text.length / chunk.length;
  assert.equal(spans.length, copies * 3);
  for (const f of ALL_FAMILIES) assertWellFormed(text, f === 'js' ? spans : scanComments(text, f));
});
