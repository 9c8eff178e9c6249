import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskNonCode, scanComments, scanTokens, type CommentSpan, type StringSpan } from './commentScanner';
import type { CommentFamily } from './languages';

/** [whole literal, content] of each string span of `text`. */
function strs(text: string, family: CommentFamily): [string, string][] {
  return scanTokens(text, family).strings.map((s) => [
    text.slice(s.start, s.end),
    text.slice(s.contentStart, s.contentEnd),
  ]);
}

/** Contents only. */
function contents(text: string, family: CommentFamily): string[] {
  return strs(text, family).map(([, c]) => c);
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

/** Strings are ordered, disjoint, well-nested, and never overlap a comment; comments equal `scanComments`. */
function assertTokensWellFormed(text: string, family: CommentFamily): void {
  const { comments, strings } = scanTokens(text, family);
  assert.deepEqual(comments, scanComments(text, family), 'scanTokens reports the same comments as scanComments');
  const all: (CommentSpan | StringSpan)[] = [...comments, ...strings].sort((a, b) => a.start - b.start);
  let prev = 0;
  for (const s of all) {
    assert.ok(s.start >= prev, 'spans are ordered and disjoint');
    assert.ok(s.start <= s.contentStart && s.contentStart <= s.contentEnd && s.contentEnd <= s.end);
    assert.ok(s.end <= text.length);
    prev = s.end;
  }
  for (let i = 1; i < strings.length; i++) assert.ok(strings[i]!.start >= strings[i - 1]!.end);
}

/** `maskNonCode` keeps the length and every line break, and changes characters only to spaces. */
function assertMaskShape(text: string, family: CommentFamily): string {
  const m = maskNonCode(text, family);
  assert.equal(m.length, text.length);
  for (let i = 0; i < text.length; i++) {
    const a = text.charCodeAt(i),
      b = m.charCodeAt(i);
    if (a === 10 || a === 13) assert.equal(b, a, 'line breaks are kept');
    else if (a !== b) assert.equal(b, 32, 'only spaces are introduced');
  }
  return m;
}

// ------------------------------------------------------------------ spans

test('scanTokens: span offsets, whole literal and content', () => {
  const text = 'a = "xy"; // c';
  assert.deepEqual(scanTokens(text, 'js'), {
    comments: [{ start: 10, end: 14, contentStart: 12, contentEnd: 14, block: false }],
    strings: [{ start: 4, end: 8, contentStart: 5, contentEnd: 7 }],
  });
  assert.deepEqual(scanTokens('', 'js'), { comments: [], strings: [] });
  assert.deepEqual(strs('"open\nx', 'js'), [['"open', 'open']]); // unterminated: ends at its line
});

test('c: strings, char literals with prefixes, raw strings', () => {
  const text = "char c = 'x', e = '\\'', n = '\\n'; wchar_t w = L'w'; auto s = u8\"u\"; int k = 1'000;";
  assert.deepEqual(strs(text, 'c'), [
    ["'x'", 'x'],
    ["'\\''", "\\'"],
    ["'\\n'", '\\n'],
    ["L'w'", 'w'],
    ['u8"u"', 'u'],
  ]);
  assert.deepEqual(strs('auto r = R"d(a )" b)d"; const char *p = "a\\"b";', 'c'), [
    ['R"d(a )" b)d"', 'a )" b'],
    ['"a\\"b"', 'a\\"b'],
  ]);
  assert.deepEqual(strs('#include "a.h"\n#include <b.h>', 'c'), [['"a.h"', 'a.h']]);
});

test('rust: raw strings, byte strings and chars; lifetimes are not strings', () => {
  const text = 'let a = r"x\\"; let b = r#"say "hi""#; let c = br##"q"#"##; let d = b"y"; let e = b\'z\';';
  assert.deepEqual(strs(text, 'rust'), [
    ['r"x\\"', 'x\\'],
    ['r#"say "hi""#', 'say "hi"'],
    ['br##"q"#"##', 'q"#'],
    ['b"y"', 'y'],
    ["b'z'", 'z'],
  ]);
  assert.deepEqual(strs("fn f<'a>(x: &'a str) -> char { 'c' } 'l: loop {}", 'rust'), [["'c'", 'c']]);
  assert.deepEqual(strs('let r#type = "multi\nline";', 'rust'), [['"multi\nline"', 'multi\nline']]);
});

test('go: raw strings and runes', () => {
  assert.deepEqual(strs('s := `a\n\\b`; r := \'"\'; t := "c"', 'go'), [
    ['`a\n\\b`', 'a\n\\b'],
    ["'\"'", '"'],
    ['"c"', 'c'],
  ]);
});

test('csharp: verbatim, interpolated and raw strings', () => {
  assert.deepEqual(strs('var s = @"C:\\dir\\"; var q = @"say ""hi""";', 'csharp'), [
    ['@"C:\\dir\\"', 'C:\\dir\\'],
    ['@"say ""hi"""', 'say ""hi""'],
  ]);
  assert.deepEqual(strs('var i = $"a {x} b"; char c = \'"\';', 'csharp'), [
    ['$"a {', 'a '],
    ['} b"', ' b'],
    ["'\"'", '"'],
  ]);
  assert.deepEqual(strs('var r = """\n  "q"\n  """;', 'csharp'), [['"""\n  "q"\n  """', '\n  "q"\n  ']]);
  assert.deepEqual(contents('var r = $$"""{{{x}}}""";', 'csharp'), ['{', '}']); // `{{x}}` is the hole
});

test('java text blocks, kotlin and swift templates', () => {
  assert.deepEqual(strs('String s = """\n  a "b" \\"""\n  """; char c = \'c\';', 'java'), [
    ['"""\n  a "b" \\"""\n  """', '\n  a "b" \\"""\n  '],
    ["'c'", 'c'],
  ]);
  assert.deepEqual(contents('val s = "a ${f("b")} c" + """r"""";', 'kotlin'), ['a ', 'b', ' c', 'r"']);
  assert.deepEqual(strs('fun `name with "q"`() {}', 'kotlin'), []); // quoted identifier
  assert.deepEqual(strs('let s = "a \\(f("b")) c" + #"x"y"#', 'swift'), [
    ['"a \\(', 'a '],
    ['"b"', 'b'],
    [') c"', ' c'],
    ['#"x"y"#', 'x"y'],
  ]);
});

test('python: prefixes, triple quotes, f-string parts; docstrings stay comments', () => {
  const text = [
    '"""Module docstring."""',
    "x = rb'\\d' + B\"b\" + u'u' + '''t\n''' + \"\"\"d\"\"\"",
    'y = f"a {d["k"]!r:>{w}} b" + F\'{{c}}\'',
    'def f():',
    "    r'''Doc.'''",
  ].join('\n');
  assert.deepEqual(strs(text, 'python'), [
    ["rb'\\d'", '\\d'],
    ['B"b"', 'b'],
    ["u'u'", 'u'],
    ["'''t\n'''", 't\n'],
    ['"""d"""', 'd'],
    ['f"a {', 'a '],
    ['"k"', 'k'],
    ['} b"', ' b'],
    ["F'{{c}}'", '{{c}}'],
  ]);
  const comments = scanTokens(text, 'python').comments.map((c) => text.slice(c.contentStart, c.contentEnd));
  assert.deepEqual(comments, ['Module docstring.', 'Doc.']);
});

test('js: templates with nested ${…} are reported part by part; regex literals are not strings', () => {
  const text = 'x = `a ${ "x" + `y ${z}` } b`;';
  assert.deepEqual(strs(text, 'js'), [
    ['`a ${', 'a '],
    ['"x"', 'x'],
    ['`y ${', 'y '],
    ['}`', ''],
    ['} b`', ' b'],
  ]);
  assert.deepEqual(strs("const re = /\"[^']*\"/g, s = 'q'; a = b / c / d;", 'js'), [["'q'", 'q']]);
  assert.deepEqual(strs('x = `l1\n${ {a: "o"}.a }\nl3`', 'js'), [
    ['`l1\n${', 'l1\n'],
    ['"o"', 'o'],
    ['}\nl3`', '\nl3'],
  ]);
});

test('sql: doubled-quote escapes and prefixes; quoted identifiers are not strings', () => {
  const text = "SELECT 'it''s', N'n', U&'u', \"odd\"\"id\", `b` FROM t WHERE a = 'multi\nline' -- 'c'";
  assert.deepEqual(strs(text, 'sql'), [
    ["'it''s'", "it''s"],
    ["N'n'", 'n'],
    ["U&'u'", 'u'],
    ["'multi\nline'", 'multi\nline'],
  ]);
});

test('hash: quotes, triple quotes; apostrophes inside words are not strings', () => {
  const text = 'echo "a \\" b" \'c\' # "no"\nmsg: don\'t "x"\ns = """\nm\n"""';
  assert.deepEqual(strs(text, 'hash'), [
    ['"a \\" b"', 'a \\" b'],
    ["'c'", 'c'],
    ['"x"', 'x'],
    ['"""\nm\n"""', '\nm\n'],
  ]);
  assert.deepEqual(strs('<a href="x">\'y\'</a>', 'html'), []);
  assert.deepEqual(strs('Say "hi" `code`', 'markdown'), []);
});

// ------------------------------------------------------------------ masking

test('maskNonCode: same length, line breaks kept, quotes kept', () => {
  const text = 'a = "x\\ny"; /* b\r\n c */ s = `t\n${v}\r\n`; // d\nend';
  const m = assertMaskShape(text, 'js');
  assert.equal(m, 'a = "    ";     \r\n      s = ` \n${v}\r\n`;     \nend');
  assert.equal(maskNonCode('', 'js'), '');
  assert.equal(maskNonCode('plain code', 'c'), 'plain code');
});

test('maskNonCode hides eval( in comments and strings, keeps it in code', () => {
  const cases: [CommentFamily, string][] = [
    ['js', 'eval(a); // eval(b)\nconst s = "eval(c)"; t = `eval(d) ${eval(e)}`;'],
    ['python', 'eval(a)  # eval(b)\ns = "eval(c)" + f\'eval(d) {eval(e)}\'\n"""eval(f)"""'],
    ['c', 'eval(a); /* eval(b) */ s = "eval(c)"; t = R"(eval(d))" + eval(e);'],
    ['hash', 'eval(a) # eval(b)\necho "eval(c)" \'eval(d)\'; eval(e)'],
    ['rust', 'eval(a); /* /* eval(b) */ */ let s = r#"eval(c)"#; eval(e)'],
    ['csharp', 'eval(a); // eval(b)\nvar s = @"eval(c)" + $"eval(d) {eval(e)}";'],
    ['sql', "SELECT eval(a) -- eval(b)\n, 'eval(c)' /* eval(d) */, eval(e)"],
    ['html', 'eval(a) <!-- eval(b) -->'],
  ];
  for (const [family, text] of cases) {
    const m = assertMaskShape(text, family);
    assert.ok(m.includes('eval(a)'), `${family}: code kept`);
    for (const hidden of ['eval(b)', 'eval(c)', 'eval(d)', 'eval(f)']) {
      assert.ok(!m.includes(hidden), `${family}: ${hidden} hidden in ${JSON.stringify(m)}`);
    }
    if (family !== 'html')
      assert.ok(m.includes('eval(e)'), `${family}: code inside interpolation or after strings kept`);
  }
});

// ------------------------------------------------------------------ robustness

function pseudoRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s;
  };
}

test('1 MB of random bytes: scanTokens and maskNonCode never throw, for every family', () => {
  const next = pseudoRandom(1234);
  const codes = new Array<number>(1 << 20);
  for (let i = 0; i < codes.length; i++) codes[i] = next() & 0xff;
  const text = Buffer.from(codes).toString('latin1'); // bytes 0–255 as characters
  for (const f of ALL_FAMILIES) {
    assertTokensWellFormed(text, f);
    assert.equal(maskNonCode(text, f).length, text.length);
  }
});

test('random syntax soup: token invariants and mask shape hold, lone surrogates survive', () => {
  const alphabet = '/*"\'`#-<!>[]{}()$@\\\nrRbfuL8 ax\r=&\ud800\udc00';
  const next = pseudoRandom(99);
  for (let round = 0; round < 200; round++) {
    let text = '';
    const len = next() % 200;
    for (let i = 0; i < len; i++) text += alphabet[next() % alphabet.length];
    for (const f of ALL_FAMILIES) {
      assertTokensWellFormed(text, f);
      assertMaskShape(text, f);
    }
  }
});

test('hostile inputs stay linear for scanTokens and maskNonCode', () => {
  const big = 50_000;
  for (const text of [
    '`${'.repeat(big),
    'f"{'.repeat(big),
    '$$"""{{'.repeat(big),
    "L'".repeat(big),
    'b"'.repeat(big),
  ]) {
    for (const f of ALL_FAMILIES) assert.equal(maskNonCode(text, f).length, text.length);
  }
});
