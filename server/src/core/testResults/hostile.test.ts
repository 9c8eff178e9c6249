/**
 * Hostile test-result files at the parser level (docs/security-model.md: everything in the
 * workspace is untrusted input; server/src/hostile/testResults.test.ts is the engine level). Every bad input is a problem, never a throw, a hang, unbounded
 * memory, pollution of Object.prototype, or a file or network access. The engine skips files
 * over `maxFileSize` before parsing; these tests hand the parsers larger inputs on purpose.
 *
 * No timed assertions: work is measured with LineCounter.steps (model.ts) and memory with
 * heapUsed growth against the input's size.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import dns from 'node:dns';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, test } from 'node:test';
import v8 from 'node:v8';
import vm from 'node:vm';
import { parseCtrf } from './ctrf';
import { detectTestResultFormat, parseTestResultFile } from './detect';
import { parseJUnit } from './junit';
import { LIMITS, LineCounter, TestResultFile } from './model';
import { parseTap } from './tap';

// --- helpers ---------------------------------------------------------------------------

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Makes a string built by `repeat`/`+` flat (one allocation), so its cost is not counted as the parser's. */
function flat(s: string): string {
  s.indexOf('\u0001');
  return s;
}

/** heapUsed growth across `parse` (garbage included: no collection after it), with the result kept alive. */
function heapGrowth<T>(parse: () => T): { result: T; growth: number } {
  gc();
  const before = process.memoryUsage().heapUsed;
  const result = parse();
  return { result, growth: process.memoryUsage().heapUsed - before };
}

/** Retained heap of `parse`'s result (collected before and after). */
function retained<T>(parse: () => T): { result: T; bytes: number } {
  gc();
  const before = process.memoryUsage().heapUsed;
  const result = parse();
  gc();
  return { result, bytes: process.memoryUsage().heapUsed - before };
}

/** LineCounter work done by `fn` (steps of every counter it creates). */
function lineSteps<T>(fn: () => T): { result: T; steps: number } {
  const original = LineCounter.prototype.at;
  let steps = 0;
  LineCounter.prototype.at = function (this: LineCounter, offset: number) {
    const before = this.steps;
    const p = original.call(this, offset);
    steps += this.steps - before;
    return p;
  };
  try {
    const result = fn();
    return { result, steps };
  } finally {
    LineCounter.prototype.at = original;
  }
}

/** Counts file opens, socket connects and DNS lookups while `fn` runs (none expected). */
function ioDuring<T>(fn: () => T): { result: T; io: string[] } {
  const io: string[] = [];
  const saved = {
    openSync: fs.openSync,
    readFileSync: fs.readFileSync,
    open: fs.open,
    readFile: fs.readFile,
    connect: net.Socket.prototype.connect,
    lookup: dns.lookup,
  };
  const spy =
    (name: string) =>
    (...args: unknown[]): never => {
      io.push(`${name}(${String(args[0])})`);
      throw new Error(`${name} during a parse`);
    };
  Object.assign(fs, { openSync: spy('openSync'), readFileSync: spy('readFileSync') });
  Object.assign(fs, { open: spy('open'), readFile: spy('readFile') });
  net.Socket.prototype.connect = spy('connect') as never;
  Object.assign(dns, { lookup: spy('lookup') });
  try {
    return { result: fn(), io };
  } finally {
    Object.assign(fs, {
      openSync: saved.openSync,
      readFileSync: saved.readFileSync,
      open: saved.open,
      readFile: saved.readFile,
    });
    net.Socket.prototype.connect = saved.connect;
    Object.assign(dns, { lookup: saved.lookup });
  }
}

const OBJECT_PROTO = Object.getOwnPropertyNames(Object.prototype).sort();
const ARRAY_PROTO = Object.getOwnPropertyNames(Array.prototype).sort();

function assertNoPollution(r?: TestResultFile): void {
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), OBJECT_PROTO);
  assert.deepEqual(Object.getOwnPropertyNames(Array.prototype).sort(), ARRAY_PROTO);
  const probe = {} as Record<string, unknown>;
  for (const k of ['polluted', 'name', 'status', 'x', 'commit']) assert.equal(probe[k], undefined, k);
  for (const c of r?.cases ?? []) {
    assert.equal(Object.getPrototypeOf(c.properties), Object.prototype);
    assert.equal(Object.getPrototypeOf(c), Object.prototype);
  }
}

/** Offsets of line starts (computed after any memory measurement). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The offset a 1-based line/column names; asserts it is inside the text. */
function offsetOf(text: string, starts: number[], line: number, column = 1): number {
  assert.ok(Number.isInteger(line) && line >= 1 && line <= starts.length, `line ${line} of ${starts.length}`);
  const lineEnd = line < starts.length ? starts[line] - 1 : text.length;
  assert.ok(Number.isInteger(column) && column >= 1, `column ${column}`);
  const offset = starts[line - 1] + column - 1;
  assert.ok(offset <= lineEnd, `line ${line} column ${column} is past the line's end`);
  return offset;
}

/**
 * The invariants of every parse: problems bounded, each with a message and a position in
 * the file; case positions in the file; JSON-serialisable; no prototype pollution.
 */
function assertSane(text: string, r: TestResultFile): void {
  assert.ok(r.problems.length <= LIMITS.maxProblems + 1, `${r.problems.length} problems`);
  assert.ok(r.cases.length <= LIMITS.maxCases);
  const starts = lineStarts(text);
  for (const p of r.problems) {
    assert.equal(typeof p.message, 'string');
    assert.ok(p.message.length > 10 && p.message.length < 600, p.message);
    if (p.line !== undefined) offsetOf(text, starts, p.line, p.column);
  }
  const sample = r.cases.length <= 50 ? r.cases : [r.cases[0], r.cases[r.cases.length >> 1], r.cases.at(-1)];
  for (const c of sample) if (c) offsetOf(text, starts, c.at.line, c.at.column);
  for (const c of r.cases) {
    if (c.line !== undefined) assert.ok(Number.isSafeInteger(c.line) && c.line >= 0, String(c.line));
    if (c.durationMs !== undefined) assert.ok(Number.isFinite(c.durationMs));
    if (c.attempts !== undefined) assert.ok(Number.isSafeInteger(c.attempts));
  }
  if (r.durationMs !== undefined) assert.ok(Number.isFinite(r.durationMs));
  assert.doesNotThrow(() => JSON.stringify(r));
  assertNoPollution(r);
}

function messages(r: TestResultFile): string {
  return r.problems.map((p) => p.message).join('\n');
}

const suite = (inner: string) => `<testsuites><testsuite name="s">${inner}</testsuite></testsuites>`;

// --- JUnit: size ---------------------------------------------------------------------------

describe('hostile JUnit: size', () => {
  test('100 MB of <testcase>s: stops at maxCases with a problem, soon, and memory stays under 3× the input', () => {
    // Built with repeat (a rope, flattened once): cheap to make. The parser reads it in 64 KiB
    // chunks and stops at the case limit, so the 100 MB costs only the first ~10 MB's work.
    const one = '<testcase classname="c" name="t" time="0.001"/>\n';
    const n = Math.ceil(100_000_000 / one.length);
    const xml = flat(`<testsuites><testsuite name="s">\n${one.repeat(n)}</testsuite></testsuites>`);
    assert.ok(xml.length >= 100_000_000 && n > LIMITS.maxCases);
    const { result: counted, growth } = heapGrowth(() => lineSteps(() => parseTestResultFile('big.xml', xml)));
    const r = counted.result;
    assert.ok(growth < 3 * xml.length, `heap grew ${growth} bytes for ${xml.length} characters`);
    assert.equal(r.cases.length, LIMITS.maxCases);
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].message, `more than ${LIMITS.maxCases} test cases: the rest of the file is not read`);
    // The problem is at the first case not kept (line 1 is the suites, line k + 1 case k).
    assert.equal(r.problems[0].line, LIMITS.maxCases + 2);
    // Work: positions counted once, up to where it stopped (plus one chunk), not the 100 MB.
    const stoppedAt = (LIMITS.maxCases + 1) * one.length + 64 * 1024;
    assert.ok(counted.steps <= stoppedAt, `${counted.steps} steps`);
    assertSane(xml, r);
  });

  test('one huge text node, CDATA and attribute: messages cut to 300 characters, memory under 3× the input', () => {
    // 4 MB each (the engine's default maxFileSize), not 100 MB: saxes reads ~25 MB/s and
    // these are read to their end (100 MB took 4 s each, with the same bounded result);
    // the limits that matter here (maxTextCapture, maxMessage) cut far sooner.
    const size = 4_000_000;
    const inputs = [
      suite(`<testcase name="t"><failure>${'A'.repeat(size)}\nsecond</failure></testcase>`),
      suite(`<testcase name="t"><error><![CDATA[${'B'.repeat(size)}]]></error></testcase>`),
      suite(`<testcase name="t"><failure message="${'C'.repeat(size)}"/></testcase>`),
      suite(`<testcase name="t"><failure/><system-out>${'line\n'.repeat(size / 5)}</system-out></testcase>`),
    ];
    for (const raw of inputs) {
      const xml = flat(raw);
      const { result: r, growth } = heapGrowth(() => parseTestResultFile('huge.xml', xml));
      assert.ok(growth < 3 * xml.length, `heap grew ${growth} for ${xml.length}`);
      assert.deepEqual(r.problems, []);
      assert.equal(r.cases.length, 1);
      assert.notEqual(r.cases[0].status, 'passed');
      const m = r.cases[0].message ?? '';
      assert.ok(m.length <= LIMITS.maxMessage, `${m.length}`);
      if (m !== 'line') assert.ok(m.endsWith('…'), m.slice(-5));
      assertSane(xml, r);
    }
  });

  test('a huge property value is cut to maxTextCapture, with a problem (it is data, not a message)', () => {
    const xml = suite(
      `<testcase name="t"><properties><property name="verifies">${'SR-1 '.repeat(200_000)}</property></properties></testcase>`,
    );
    const r = parseJUnit('p.xml', xml);
    assert.equal(r.cases[0].properties.verifies[0].length, LIMITS.maxTextCapture);
    assert.match(messages(r), /property 'verifies' is longer than 4096 characters: only its first 4096 are read/);
    assertSane(xml, r);
  });

  test('positions are one pass: LineCounter work is at most the text length, for n and 4n cases', () => {
    const make = (n: number) =>
      `<testsuites><testsuite name="s">${'<testcase name="t"><failure message="m"/></testcase>'.repeat(n)}</testsuite></testsuites>`;
    const small = make(5_000);
    const big = make(20_000);
    const a = lineSteps(() => parseJUnit('a.xml', small));
    const b = lineSteps(() => parseJUnit('b.xml', big));
    assert.equal(a.result.cases.length, 5_000);
    assert.equal(b.result.cases.length, 20_000);
    assert.ok(a.steps <= small.length && b.steps <= big.length, `${a.steps} ${b.steps}`);
    assert.ok(b.steps <= 4.1 * a.steps, `${a.steps} → ${b.steps}: not linear`);
  });

  test('regression: the suite path is shared by the cases of a suite, not copied per case', () => {
    // Was: a copy of the 250-name path per case, 440 MB retained for a 4 MB file.
    const n = 50_000;
    const deep = flat(
      `<testsuites>${'<testsuite name="s">'.repeat(250)}${'<testcase name="t"/>'.repeat(n)}${'</testsuite>'.repeat(250)}</testsuites>`,
    );
    const shallow = flat(
      `<testsuites><testsuite name="s">${'<testcase name="t"/>'.repeat(n)}</testsuite></testsuites>`,
    );
    const d = retained(() => parseJUnit('deep.xml', deep));
    const s = retained(() => parseJUnit('shallow.xml', shallow));
    assert.equal(d.result.cases.length, n);
    assert.equal(d.result.cases[0].suitePath.length, 250);
    assert.equal(d.result.cases[0].suitePath, d.result.cases[n - 1].suitePath);
    assert.ok(d.bytes < 2 * s.bytes + 1_000_000, `deep ${d.bytes} bytes, shallow ${s.bytes}`);
  });

  test('nesting beyond maxDepth and 200k+ cases are problems; the first problems are kept, then one "more"', () => {
    const levels = 100_000;
    const deep = `<testsuites>${'<testsuite name="s">'.repeat(levels)}${'</testsuite>'.repeat(levels)}</testsuites>`;
    const r = parseTestResultFile('deep.xml', deep);
    assert.equal(r.problems.length, 1);
    assert.equal(
      r.problems[0].message,
      `elements nested deeper than ${LIMITS.maxDepth}: the rest of the file is not read`,
    );
    assertSane(deep, r);
    // maxProblems: jest-junit todo problems, one per suite.
    const suites = `<testsuites name="jest tests">${'<testsuite name="s" tests="0"><testcase name="a" time="1"/></testsuite>'.repeat(500)}</testsuites>`;
    const many = parseJUnit('many.xml', suites);
    assert.equal(many.problems.length, LIMITS.maxProblems + 1);
    assert.equal(many.problems[LIMITS.maxProblems].message, 'more problems not shown');
    assertSane(suites, many);
  });
});

// --- JUnit: entities -----------------------------------------------------------------------

describe('hostile JUnit: entities are never expanded or resolved', () => {
  const laughs = () => {
    const defs = ['<!ENTITY lol0 "lol">'];
    for (let i = 1; i <= 9; i++) defs.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
    return `<!DOCTYPE testsuites [\n${defs.join('\n')}\n]>`;
  };
  const passwd = (() => {
    try {
      return fs.readFileSync('/etc/passwd', 'utf8').split('\n')[0];
    } catch {
      return 'root:x:0:0:';
    }
  })();
  const cases: Array<[string, string, RegExp]> = [
    ['billion laughs in a name', `${laughs()}\n${suite('<testcase name="&lol9;"/>')}`, /undefined entity &lol9;/],
    [
      'billion laughs in text',
      `<?xml version="1.0"?>\n${laughs()}\n${suite('<testcase name="t"><failure>&lol9;</failure></testcase>')}`,
      /undefined entity &lol9;/,
    ],
    [
      'external file entity',
      `<!DOCTYPE testsuites [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n${suite('<testcase name="t"><failure message="&x;">&x;</failure></testcase>')}`,
      /undefined entity &x;/,
    ],
    [
      'external http entity',
      `<!DOCTYPE testsuites [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]>\n${suite('<testcase name="t"><failure>&x;</failure></testcase>')}`,
      /undefined entity &x;/,
    ],
    [
      'parameter entities',
      `<!DOCTYPE testsuites [<!ENTITY % p SYSTEM "http://127.0.0.1:9/evil.dtd"> %p; <!ENTITY % q "<!ENTITY r 'x'>"> %q;]>\n${suite('<testcase name="a&r;"/>')}`,
      /undefined entity &r;/,
    ],
  ];
  for (const [label, xml, expected] of cases) {
    test(`${label}: a problem naming the entity, no file or network access, a small output`, () => {
      const { result: r, io } = ioDuring(() => parseTestResultFile('x.xml', xml));
      assert.deepEqual(io, []);
      assert.equal(r.format, 'junit');
      assert.match(messages(r), expected);
      assert.match(messages(r), /entities a DOCTYPE declares are never expanded/);
      assert.match(messages(r), /internal subset; it is ignored/);
      const out = JSON.stringify(r);
      assert.ok(!out.includes('lollol') && !out.includes(passwd) && !out.includes('root:'), out);
      assert.ok(out.length < 2_000, `${out.length} characters of output`);
      // The entity problem points at the `&` of the reference.
      const p = r.problems.find((x) => /undefined entity/.test(x.message));
      assert.ok(p?.line !== undefined);
      assert.equal(xml[offsetOf(xml, lineStarts(xml), p.line, p.column)], '&');
      assertSane(xml, r);
    });
  }

  test('an external DTD (SYSTEM, PUBLIC) and XInclude are never read: the cases parse, nothing is opened', () => {
    for (const xml of [
      `<!DOCTYPE testsuites SYSTEM "http://127.0.0.1:9/x.dtd">\n${suite('<testcase name="a"/>')}`,
      `<!DOCTYPE testsuites PUBLIC "-//x//" "file:///etc/passwd">\n${suite('<testcase name="a"/>')}`,
      suite(
        '<testcase name="a"><failure><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" parse="text"/></failure></testcase>',
      ),
    ]) {
      const { result: r, io } = ioDuring(() => parseTestResultFile('x.xml', xml));
      assert.deepEqual(io, []);
      assert.equal(r.cases.length, 1);
      assert.ok(!JSON.stringify(r).includes('root:'));
      assertSane(xml, r);
    }
  });
});

// --- JUnit: invalid XML ----------------------------------------------------------------------

describe('hostile JUnit: invalid XML is a problem at its position; the cases before it are kept', () => {
  const cases: Array<{ label: string; xml: string; problem: RegExp; cases: number; at?: string }> = [
    {
      label: 'unclosed tags',
      xml: '<testsuites><testsuite name="s"><testcase name="a">',
      problem: /unclosed tag/,
      cases: 0,
    },
    {
      label: 'mismatched tags',
      xml: '<testsuites><testsuite name="s"><testcase name="a"/><testcase name="b"></testsuite></testcase></testsuites>',
      problem: /unexpected close tag/,
      // saxes closes the open <testcase> before it reports the mismatch: b is read.
      cases: 2,
    },
    {
      label: 'garbage after the root',
      xml: `${suite('<testcase name="a"/>')}garbage`,
      problem: /outside of root/,
      cases: 1,
    },
    {
      label: 'a second root',
      xml: `${suite('<testcase name="a"/>')}<testsuites/>`,
      problem: /only one root/,
      cases: 1,
    },
    {
      label: 'a NUL byte in an attribute',
      xml: suite('<testcase name="ok"/><testcase name="a\u0000b"/>'),
      problem: /^invalid XML: disallowed character U\+0000$/,
      cases: 1,
      at: '\u0000',
    },
    {
      label: 'a NUL byte in text',
      xml: suite('<testcase name="a"><failure>x\u0000y</failure></testcase>'),
      problem: /disallowed character U\+0000/,
      cases: 0,
      at: '\u0000',
    },
    {
      label: 'a lone high surrogate (saxes alone would read it with the next character)',
      xml: suite('<testcase name="ok"/><testcase name="a\ud800b"/>'),
      problem: /lone UTF-16 surrogate U\+D800/,
      cases: 1,
      at: '\ud800',
    },
    {
      label: 'a lone low surrogate',
      xml: suite('<testcase name="a"><failure>\udc00</failure></testcase>'),
      problem: /lone UTF-16 surrogate U\+DC00/,
      cases: 0,
      at: '\udc00',
    },
    {
      label: 'a high surrogate last in the file',
      xml: `${suite('<testcase name="a"/>')}\ud83d`,
      problem: /lone UTF-16 surrogate U\+D83D/,
      cases: 1,
      at: '\ud83d',
    },
    {
      label: 'CDATA before the root',
      xml: `<![CDATA[x]]>${suite('<testcase name="a"/>')}`,
      problem: /outside of root/,
      cases: 0,
    },
    {
      label: 'CDATA in an attribute',
      xml: suite('<testcase name="<![CDATA[x]]>"/>'),
      problem: /disallowed character '<' in an attribute value/,
      cases: 0,
      at: '<',
    },
    {
      label: 'an unclosed CDATA',
      xml: suite('<testcase name="a"><failure><![CDATA[boom'),
      problem: /unclosed tag/,
      cases: 0,
    },
    {
      label: 'duplicate attributes',
      xml: suite('<testcase name="a" name="b"/>'),
      problem: /duplicate attribute: name/,
      cases: 0,
    },
    {
      label: 'a character reference to a surrogate',
      xml: suite('<testcase name="&#xD800;"/>'),
      problem: /malformed character entity/,
      cases: 0,
    },
    {
      label: 'an unterminated DOCTYPE',
      xml: '<?xml version="1.0"?>\n<!DOCTYPE testsuites [<!ENTITY x "y">',
      problem: /root element/,
      cases: 0,
    },
    {
      label: 'a non-JUnit root',
      xml: '<?xml version="1.0"?><html><body/></html>',
      problem: /root element is <html>/,
      cases: 0,
    },
  ];
  for (const c of cases) {
    test(c.label, () => {
      const r = parseTestResultFile('bad.xml', c.xml);
      assert.equal(r.format, 'junit');
      assert.equal(r.cases.length, c.cases);
      assert.equal(r.problems.length, 1, messages(r));
      assert.match(r.problems[0].message, c.problem);
      assertSane(c.xml, r);
      if (c.at !== undefined) {
        const p = r.problems[0];
        assert.equal(c.xml[offsetOf(c.xml, lineStarts(c.xml), p.line ?? 0, p.column)], c.at);
      }
    });
  }

  test('well-formed oddities are read without problems: a BOM, CDATA in a suite or failure, a BOM inside', () => {
    for (const xml of [
      `\ufeff${suite('<testcase name="a"><failure><![CDATA[boom\n]]></failure></testcase>')}`,
      suite('<![CDATA[junk]]><testcase name="a"><failure><![CDATA[boom]]></failure></testcase>'),
      suite('\ufeff<testcase name="a"><failure>boom</failure></testcase>'),
    ]) {
      const r = parseTestResultFile('ok.xml', xml);
      assert.deepEqual(r.problems, []);
      assert.equal(r.cases[0].message, 'boom');
      assert.equal(xml.slice(r.cases[0].at.column - 1, r.cases[0].at.column + 8), '<testcase');
      assertSane(xml, r);
    }
  });

  test('__proto__ and constructor as attributes and property names: own data, no pollution', () => {
    const xml =
      '<testsuites __proto__="x" constructor="y"><testsuite name="s" toString="z" hasOwnProperty="w">' +
      '<properties><property name="__proto__" value="suite"/><property name="constructor"><![CDATA[c]]></property></properties>' +
      '<testcase name="__proto__" classname="constructor" __proto__="p" valueOf="v"><properties>' +
      '<property name="__proto__" value="polluted"/><property name="__proto__">second</property>' +
      '<property name="constructor" value="c"/><property name="polluted" value="yes"/>' +
      '</properties></testcase></testsuite></testsuites>';
    const r = parseTestResultFile('p.xml', xml);
    assert.deepEqual(r.problems, []);
    const c = r.cases[0];
    assert.equal(c.name, '__proto__');
    assert.equal(c.classname, 'constructor');
    assert.deepEqual(Object.keys(c.properties), ['__proto__', 'constructor', 'polluted']);
    assert.deepEqual(Object.getOwnPropertyDescriptor(c.properties, '__proto__')?.value, ['polluted', 'second']);
    assert.deepEqual(Object.getOwnPropertyDescriptor(c.properties, 'constructor')?.value, ['c']);
    assertSane(xml, r);
  });

  test('huge numbers in attributes: no Infinity, no unsafe line numbers', () => {
    const big = '9'.repeat(400);
    const xml = suite(
      `<testcase name="t" line="${big}" time="${big}"/><testcase name="u" line="9007199254740993" time="1e400"/>`,
    );
    const r = parseTestResultFile('n.xml', xml.replace('<testsuite name="s"', `<testsuite name="s" time="${big}"`));
    assert.equal(r.cases.length, 2);
    for (const c of r.cases) {
      assert.equal(c.line, undefined);
      assert.equal(c.durationMs, undefined);
    }
    assert.equal(r.durationMs, undefined);
    // Each suite's time is finite; their sum is not.
    const two = `<testsuites>${'<testsuite name="s" time="1.7e305"><testcase name="t"/></testsuite>'.repeat(2)}</testsuites>`;
    assert.equal(parseJUnit('two.xml', two).durationMs, undefined);
  });
});

// --- TAP ------------------------------------------------------------------------------------

describe('hostile TAP', () => {
  test('a 10 MB single line: one pass, the name kept, memory under 3× the input (backslashes too)', () => {
    for (const fill of ['x', '\\', 'x #', ' ', '\\#']) {
      const text = flat(`TAP version 13\nok 1 - ${fill.repeat(10_000_000 / fill.length)}\n1..1\n`);
      const { result: r, growth } = heapGrowth(() => parseTestResultFile('long.tap', text));
      assert.ok(growth < 3 * text.length, `${JSON.stringify(fill)}: heap grew ${growth} for ${text.length}`);
      assert.equal(r.format, 'tap');
      assert.equal(r.cases.length, 1);
      assert.deepEqual(r.problems, []);
      assertSane(text, r);
    }
    const escaped = parseTap('e.tap', `1..1\nok 1 - ${'a\\\\b\\#c\\d'.repeat(3)} # skip why\n`);
    assert.equal(escaped.cases[0].name, 'a\\b#c\\d'.repeat(3));
    assert.equal(escaped.cases[0].status, 'skipped');
  });

  test('regression: a 10 MB line of backslashes parses within a 64 MB heap (was: over 160 MB)', () => {
    // heapUsed after a parse misses what a collection during it freed: a heap limit is the
    // deterministic bound. The `\\`/`\#` unescaping was a regex replace, one entry per match.
    const tap = JSON.stringify(path.join(__dirname, 'tap.js'));
    const code = `const { parseTap } = require(${tap});
      const nl = String.fromCharCode(10);
      const text = 'TAP version 13' + nl + 'ok 1 - ' + String.fromCharCode(92).repeat(10_000_000) + nl + '1..1' + nl;
      process.stdout.write(String(parseTap('l.tap', text).cases[0].name.length));`;
    const child = spawnSync(process.execPath, ['--max-old-space-size=64', '-e', code], { encoding: 'utf8' });
    assert.equal(child.status, 0, child.stderr.slice(0, 300));
    assert.equal(child.stdout, '5000000');
  });

  test('subtests nested beyond maxDepth: a problem in both shapes (plan first, and children before their parent)', () => {
    // TAP 14 / node-tap: the plan opens each level.
    let planFirst = 'TAP version 14\n';
    for (let i = 0; i < 1000; i++) planFirst += `${' '.repeat(4 * i)}# Subtest: s${i}\n${' '.repeat(4 * i)}1..1\n`;
    planFirst += `${' '.repeat(4000)}ok 1 - leaf\n`;
    // node:test: a leaf first, then each parent's test point, one level up at a time. Was:
    // no limit (a 12,000-deep stream ran the case flattening out of stack).
    const parts = ['TAP version 13\n', `${' '.repeat(4 * 1000)}ok 1 - leaf\n`];
    for (let i = 999; i >= 0; i--)
      parts.push(`${' '.repeat(4 * i)}# Subtest: s${i}\n${' '.repeat(4 * i)}ok 1 - s${i}\n`);
    const childrenFirst = parts.join('');
    for (const text of [planFirst, childrenFirst]) {
      const r = parseTestResultFile('deep.tap', text);
      assert.equal(
        r.problems[0].message,
        `subtests nested deeper than ${LIMITS.maxDepth}: the rest of the file is not read`,
      );
      for (const c of r.cases) assert.ok(c.suitePath.length <= LIMITS.maxDepth);
      assertSane(text, r);
    }
    // Within the limit, the children-first shape keeps every level.
    const ok = ['1..1\n', `${' '.repeat(4 * 200)}ok 1 - leaf\n`];
    for (let i = 199; i >= 0; i--) ok.push(`${' '.repeat(4 * i)}ok 1 - s${i}\n`);
    const within = parseTap('ok.tap', ok.join(''));
    assert.deepEqual(within.problems, []);
    assert.equal(within.cases[0].suitePath.length, 200);
  });

  test('a YAML block that never ends: a problem at its `---`, the later lines read as YAML only', () => {
    const text = `TAP version 13\n1..2\nnot ok 1 - a\n  ---\n  error: boom\n${'  x: y\n'.repeat(100_000)}ok 2 - b\n`;
    const r = parseTestResultFile('y.tap', text);
    assert.equal(r.cases.length, 1);
    assert.equal(r.cases[0].message, 'boom');
    const p = r.problems.find((x) => /YAML block is not closed/.test(x.message));
    assert.equal(p?.message, 'a YAML block is not closed by `...`: the rest of the file was read as its content');
    assert.deepEqual([p?.line, p?.column], [4, 3]);
    assertSane(text, r);
  });

  test('plans: 1..999999999 and a 10 MB count are problems with the count as written (cut)', () => {
    const huge = parseTestResultFile('p.tap', 'TAP version 13\n1..999999999\nok 1 - a\n');
    assert.equal(huge.problems[0].message, 'the plan says 1..999999999 but there are 1 test points');
    const text = flat(`TAP version 13\n1..${'9'.repeat(10_000_000)}\nok 1 - a\n`);
    const r = parseTestResultFile('p.tap', text);
    assert.equal(r.problems[0].message, `the plan says 1..${'9'.repeat(20)}… but there are 1 test points`);
    assertSane(text, r);
  });

  test('problems are bounded: the first maxProblems, then one "more problems not shown"', () => {
    let text = 'TAP version 13\n';
    for (let i = 0; i < 1000; i++) text += '    1..5\n    ok 1 - c\nok - s\n';
    const r = parseTap('m.tap', text);
    assert.equal(r.problems.length, LIMITS.maxProblems + 1);
    assert.equal(r.problems.at(-1)?.message, 'more problems not shown');
    assertSane(text, r);
  });

  test('hostile names and YAML keys: __proto__, NUL, lone surrogates, huge location numbers', () => {
    const text = [
      'TAP version 13',
      'not ok 1 - __proto__',
      '  ---',
      '  __proto__: polluted',
      '  constructor: y',
      '  error: e',
      `  location: '/a.js:${'9'.repeat(400)}:1'`,
      '  at:',
      '    __proto__: z',
      '  ...',
      'ok 2 - a\u0000b\ud800',
      'not ok 3 - c',
      '  ---',
      '  at:',
      '    fileName: f.js',
      '    lineNumber: 9007199254740993',
      '  ...',
      '1..3',
    ].join('\n');
    const r = parseTestResultFile('h.tap', text);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(
      r.cases.map((c) => c.name),
      ['__proto__', 'a\u0000b\ud800', 'c'],
    );
    assert.equal(r.cases[0].message, 'e');
    assert.equal(r.cases[0].line, undefined);
    assert.equal(r.cases[2].line, undefined);
    assertSane(text, r);
  });
});

// --- CTRF -----------------------------------------------------------------------------------

describe('hostile CTRF', () => {
  test('regression: 100k nested [ or { is a problem, not a stack overflow (was: RangeError from the JSON visitor)', () => {
    const n = 100_000;
    for (const text of [
      '['.repeat(n),
      '['.repeat(n) + ']'.repeat(n),
      `{"results":{"tests":[${'['.repeat(n)}`,
      `{"results":{"tests":[{"name":"t","status":"passed","extra":{"x":${'['.repeat(n)}${']'.repeat(n)}}}]}}`,
      `{"results":{"tests":[{"name":"t","status":"passed","extra":${'{"a":'.repeat(n)}1${'}'.repeat(n)}}]}}`,
    ]) {
      const r = parseCtrf('deep.json', text);
      assert.equal(r.cases.length, 0);
      assert.equal(r.problems.length, 1);
      assert.equal(
        r.problems[0].message,
        `JSON nested deeper than ${LIMITS.maxDepth} arrays/objects: the file is not read`,
      );
      assert.match(text[offsetOf(text, lineStarts(text), r.problems[0].line ?? 0, r.problems[0].column)], /[[{]/);
      assertSane(text, r);
    }
    // Brackets inside strings are not nesting; 256 levels are allowed.
    const ok = `{"results":{"tests":[{"name":"${'['.repeat(1000)}","status":"passed","extra":{"x":${'['.repeat(250)}${']'.repeat(250)}}}]}}`;
    assert.deepEqual(parseCtrf('ok.json', ok).problems, []);
    // Invalid JSON whose brackets the visitor's recovery skips: a problem, never a throw.
    for (const text of ['[}'.repeat(n), `{"results":{"tests":[${'[}'.repeat(n)}`]) {
      assert.match(messages(parseCtrf('bad.json', text)), /^invalid JSON/);
    }
  });

  test('huge numbers: no Infinity durations, no unsafe line numbers or attempts', () => {
    const text = `{"results":{"tests":[{"name":"t","status":"passed","duration":1e400,"line":1e308,"retries":1e308},{"name":"u","status":"failed","duration":${'9'.repeat(100_000)},"line":9007199254740993}],"summary":{"start":1e308,"stop":1e400}}}`;
    const r = parseTestResultFile('n.json', text);
    assert.equal(r.format, 'ctrf');
    assert.deepEqual(r.problems, []);
    for (const c of r.cases) {
      assert.equal(c.line, undefined);
      assert.equal(c.durationMs, undefined);
      assert.equal(c.attempts, undefined);
    }
    assert.equal(r.durationMs, undefined);
    assert.equal(r.timestamp, undefined);
    assertSane(text, r);
  });

  test('results.tests not an array, results not an object: one clear problem', () => {
    for (const tests of ['"x"', 'null', '{}', '1', 'true']) {
      const r = parseTestResultFile('t.json', `{"results":{"tests":${tests}}}`);
      assert.deepEqual(
        r.problems.map((p) => p.message),
        ['not a CTRF report: `results.tests` is not an array'],
      );
    }
    assert.deepEqual(
      parseCtrf('r.json', '{"results":[1]}').problems.map((p) => p.message),
      ['not a CTRF report: no `results` object'],
    );
  });

  test('tests with non-string names are problems at their position; the named ones are kept', () => {
    const text =
      '{"results":{"tests":[\n{"name":1,"status":"passed"},\n{"name":null},\n{"name":["a"]},\n{"name":{"toString":"x"}},\n"s",\n{"name":"ok","status":"passed"}]}}';
    const r = parseTestResultFile('n.json', text);
    assert.deepEqual(
      r.cases.map((c) => [c.name, c.at.line]),
      [['ok', 7]],
    );
    assert.deepEqual(
      r.problems.map((p) => [p.message, p.line]),
      [
        ['results.tests[0] has no name', 2],
        ['results.tests[1] has no name', 3],
        ['results.tests[2] has no name', 4],
        ['results.tests[3] has no name', 5],
        // Was: at 1:1, and the entries after it took the positions of the ones before.
        ['results.tests[4] is not an object', 6],
      ],
    );
    assertSane(text, r);
  });

  test('__proto__ keys at every level: own data or ignored, never the prototype', () => {
    const text =
      '{"__proto__":{"polluted":1},"results":{"__proto__":{"polluted":2},"tests":[' +
      '{"__proto__":{"name":"inherited","status":"passed"}},' +
      '{"name":"t","status":"passed","__proto__":{"polluted":3},"labels":{"__proto__":{"polluted":4},"constructor":{"prototype":{"polluted":5}}},' +
      '"extra":{"__proto__":"x","prototype":"y","constructor":["a","b"]},"suite":{"__proto__":["a"]}}],' +
      '"environment":{"__proto__":{"commit":"abc"}},"tool":{"__proto__":{"name":"evil"}}}}';
    const r = parseTestResultFile('p.json', text);
    assert.deepEqual(
      r.cases.map((c) => c.name),
      ['t'],
    );
    assert.match(messages(r), /results\.tests\[0\] has no name/);
    const props = r.cases[0].properties;
    assert.deepEqual(Object.keys(props).sort(), ['__proto__', 'constructor', 'prototype']);
    assert.deepEqual(Object.getOwnPropertyDescriptor(props, '__proto__')?.value, ['x']);
    assert.deepEqual(r.cases[0].suitePath, []);
    assert.equal(r.commit, undefined);
    assert.equal(r.dialect, undefined);
    assertSane(text, r);
  });

  test('200k+ tests stop at maxCases with a problem; bad tests give at most maxProblems + 1 problems', () => {
    const text = flat(
      `{"results":{"tests":[${Array(LIMITS.maxCases + 5)
        .fill('{"name":"t","status":"passed"}')
        .join(',')}]}}`,
    );
    const r = parseCtrf('many.json', text);
    assert.equal(r.cases.length, LIMITS.maxCases);
    assert.equal(r.problems[0].message, `more than ${LIMITS.maxCases} tests: the rest are not read`);
    assertSane(text, r);
    const bad = `{"results":{"tests":[${Array(1000).fill('1').join(',')}]}}`;
    const b = parseCtrf('bad.json', bad);
    assert.equal(b.problems.length, LIMITS.maxProblems + 1);
    assert.equal(b.problems.at(-1)?.message, 'more problems not shown');
  });
});

// --- detect ---------------------------------------------------------------------------------

describe('hostile content that sniffs as nothing', () => {
  test('one clear problem at 1:1, no cases, whatever the content', () => {
    const one =
      'not a test-result file Seclife reads: expected JUnit XML (<testsuites>/<testsuite>), TAP (TAP version, ok/not ok, 1..N) or CTRF JSON (results.tests)';
    for (const text of [
      '',
      '   \n\n ',
      '\ufeff',
      '\u0000\u0001\u0002PK\u0003\u0004',
      '\ud800\udfff\ud800',
      '<html><body/></html>',
      '{"a":1}',
      '[]',
      'just text\nokay\n',
      flat('x'.repeat(10_000_000)),
      flat(`${' '.repeat(5_000_000)}<`),
    ]) {
      assert.equal(detectTestResultFormat(text), undefined, text.slice(0, 20));
      const r = parseTestResultFile('unknown.out', text);
      assert.deepEqual(r.cases, []);
      assert.deepEqual(r.problems, [{ message: one, line: 1, column: 1 }]);
      assertNoPollution(r);
    }
    // The format it was probably meant to be comes from the name (the model needs one).
    assert.equal(parseTestResultFile('r.json', 'nope').format, 'ctrf');
    assert.equal(parseTestResultFile('r.tap', 'nope').format, 'tap');
  });
});
