import assert from 'node:assert/strict';
import { test } from 'node:test';
import ts from 'typescript';
import { FAULT_MARKER, injectFaults, THROWING_JS_RULE, THROWING_LEXICAL_RULE } from './faults';
import { Finding } from './findings';
import { indexWorkspace } from './indexer';
import { describeError, InternalErrorFinding, isInternalError } from './internalError';
import { MemoryWorkspace } from './memoryWorkspace';
import { scanComments } from './lexers/commentScanner';
import { runJsRules } from './rules/jsRuleRunner';
import { runLexicalRules } from './rules/lexicalRunner';
import { loadJsRules } from './rules/registry';
import { JsRule } from './rules/ruleTypes';
import { PatternRunner } from './rules/customRules';
import { engineFor, summarize } from '../testing/workspaces';
import { FILE_PARSERS } from './fileParsers';

const internal = (findings: Finding[]) => findings.filter(isInternalError);

/** Runs `body` with the faults on, and always turns them off again. */
async function withFaults<T>(faults: Parameters<typeof injectFaults>[0], body: () => Promise<T>): Promise<T> {
  const off = injectFaults(faults);
  try {
    return await body();
  } finally {
    off();
  }
}

test('describeError: name and message, at most 300 characters, control characters escaped', () => {
  assert.equal(describeError(new TypeError('x is undefined')), 'TypeError: x is undefined');
  assert.equal(describeError(new Error('a\nb\u001b[31m\u202e')), 'Error: a\\nb\\x1b[31m\\u202e');
  assert.equal(describeError('plain'), 'thrown string: plain');
  const long = describeError(new Error('y'.repeat(1000)));
  assert.equal(long.length, 300);
  assert.ok(long.endsWith('y…'));
  // A cut never leaves half a surrogate pair.
  const astral = describeError(new Error('😀'.repeat(400)));
  assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])/.test(astral.replace(/\\u[0-9a-f]{4}/g, '')), astral.slice(-5));
  assert.ok(!astral.includes('\\ud83d'), 'no escaped lone surrogate at the cut');
});

test('runJsRules: a throwing rule is a failure at the node it visited; the other rules and the rest of the walk go on', () => {
  const text = `eval(a);\nconst b = ${FAULT_MARKER} + ${FAULT_MARKER};\neval(c);\n`;
  const evalRule = loadJsRules().find((r) => r.id === 'js/eval-dynamic')!;
  const { hits, failures } = runJsRules('src/a.ts', text, [THROWING_JS_RULE, evalRule]);
  assert.deepEqual(
    hits.map((h) => `${h.ruleId}@${h.start}`),
    ['js/eval-dynamic@0', `js/eval-dynamic@${text.lastIndexOf('eval')}`],
  );
  assert.equal(failures.length, 1);
  const [f] = failures;
  assert.equal(f.component, 'test/throwing-js');
  assert.equal(f.start, text.indexOf(FAULT_MARKER));
  assert.equal(f.end, text.indexOf(FAULT_MARKER) + FAULT_MARKER.length);
  assert.equal(f.count, 2, 'it threw on both identifiers');
  assert.ok(f.error instanceof TypeError);
});

test('runJsRules: an exception in the walk itself (not a visitor) is a failure of the runner', () => {
  // A visitor for a kind whose handler replaces forEachChild on the node: the walk throws.
  const breaker: JsRule = {
    ...THROWING_JS_RULE,
    id: 'test/breaks-walk',
    visit: {
      [ts.SyntaxKind.Identifier]: (node) => {
        (node as { forEachChild: unknown }).forEachChild = () => {
          throw new Error('walk broken');
        };
      },
    },
  };
  const { failures } = runJsRules('src/a.ts', `const x = ${FAULT_MARKER};\n`, [breaker]);
  assert.deepEqual(
    failures.map((f) => f.component),
    ['js-rule-runner'],
  );
});

test('runLexicalRules: a throwing rule is a failure without a position; its hits so far and the other rules stay', () => {
  const failures: Parameters<typeof runLexicalRules>[4] = [];
  const reporting = {
    ...THROWING_LEXICAL_RULE,
    id: 'test/reports-then-throws',
    check(ctx: { report(s: number, e: number): void }) {
      ctx.report(0, 1);
      throw new Error('after one hit');
    },
  };
  const fine = {
    ...THROWING_LEXICAL_RULE,
    id: 'test/fine',
    check(ctx: { report(s: number, e: number): void }) {
      ctx.report(2, 3);
    },
  };
  const text = `x = ${FAULT_MARKER}\n`;
  const hits = runLexicalRules('a.py', text, () => text, [THROWING_LEXICAL_RULE, reporting, fine], failures);
  assert.deepEqual(
    hits.map((h) => h.ruleId),
    ['test/reports-then-throws', 'test/fine'],
  );
  assert.deepEqual(
    failures.map((f) => [f.component, f.start]),
    [
      ['test/throwing-lexical', undefined],
      ['test/reports-then-throws', undefined],
    ],
  );
});

test('engine: a throwing JS rule is an internal-error at its node (warning), naming rule and file, plus a located note', async () => {
  const engine = await withFaults(['rules'], () =>
    engineFor({
      'src/a.ts': `declare const x: string;\neval(x);\nconst y = ${FAULT_MARKER};\n`,
      'src/clean.ts': 'export const ok = 1;\n',
    }),
  );
  assert.deepEqual(summarize(engine.findings()), ['js/eval-dynamic src/a.ts:2', 'internal-error src/a.ts:3']);
  const f = engine.findings()[1] as InternalErrorFinding;
  assert.equal(f.severity, 'warning');
  assert.deepEqual([f.line, f.column, f.endLine, f.endColumn], [3, 11, 3, 11 + FAULT_MARKER.length]);
  assert.equal(
    f.message,
    'test/throwing-js failed on src/a.ts: TypeError: injected fault\\n\\x1b[31mred; its results for this file may be missing — please report this',
  );
  assert.deepEqual(f.failure, { component: 'test/throwing-js', error: 'TypeError: injected fault\\n\\x1b[31mred' });
  assert.deepEqual(engine.notes(), [
    {
      file: 'src/a.ts',
      message: 'internal error at line 3: test/throwing-js failed (TypeError: injected fault\\n\\x1b[31mred)',
    },
  ]);
});

test('engine: code nested deeper than the TypeScript parser can follow is a note naming what was not checked, not an internal-error', async () => {
  // 20,000 nested object literals (found by the fuzzer): the parser's recursion exhausts the stack.
  const deep = `eval(x);\nconst o = ${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)};\n`;
  const engine = await engineFor({ 'src/deep.ts': deep, 'src/a.ts': 'declare const x: string;\neval(x);\n' });
  assert.deepEqual(summarize(engine.findings()), ['js/eval-dynamic src/a.ts:2']);
  assert.deepEqual(engine.notes(), [
    {
      file: 'src/deep.ts',
      message:
        'not checked: the code nests deeper than the TypeScript parser can follow; no JS/TS secure-coding rule ran on this file',
    },
  ]);
});

test('engine: a throwing lexical rule is reported at the first line; its severity follows `rules`', async () => {
  const engine = await withFaults(['rules'], () =>
    engineFor({
      'seclife.json': JSON.stringify({ rules: { 'internal-error': 'error' } }),
      'src/a.py': `import os\n${FAULT_MARKER} = 1\n`,
      'src/b.c': `int ${FAULT_MARKER};\n`,
    }),
  );
  const found = internal(engine.findings());
  assert.deepEqual(
    found.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.failure.component}`),
    ['src/a.py:1:1 error test/throwing-lexical', 'src/b.c:1:1 error test/throwing-lexical'],
  );
  assert.match(
    found[0].message,
    /^test\/throwing-lexical failed on src\/a\.py: RangeError: injected fault; its results for this file may be missing — please report this$/,
  );
});

test('engine: internal-error turned off drops the finding; the note stays', async () => {
  const engine = await withFaults(['rules'], () =>
    engineFor({
      'seclife.json': JSON.stringify({ rules: { 'internal-error': 'off' } }),
      'src/a.py': `${FAULT_MARKER} = 1\n`,
    }),
  );
  assert.deepEqual(internal(engine.findings()), []);
  assert.equal(engine.notes().length, 1);
});

test('engine: a custom rule whose pattern runner throws is an internal-error naming the custom rule', async () => {
  const throwing: PatternRunner = {
    matchAll() {
      throw new Error('runner broke');
    },
  };
  const engine = await indexWorkspace(
    new MemoryWorkspace({
      'seclife.json': JSON.stringify({ customRules: [{ id: 'team/no-foo', message: 'no foo', pattern: 'foo' }] }),
      'src/a.ts': 'foo();\n',
    }),
    { patternRunner: throwing },
  );
  assert.deepEqual(
    internal(engine.findings()).map((f) => `${f.file}:${f.line} ${f.failure.component}: ${f.failure.error}`),
    ['src/a.ts:1 team/no-foo: Error: runner broke'],
  );
});

test('comment scanner: an exception keeps the comments before it and is one internal-error there, saying annotations are missing', async () => {
  const text = `// @implements SR-1\nconst a = 1;\n// ${FAULT_MARKER}\n// @implements SR-2\n`;
  await withFaults(['comment-scanner'], async () => {
    let failure: { scannedTo: number } | undefined;
    const spans = scanComments(text, 'js', (f) => (failure = f));
    assert.equal(spans.length, 1, 'the comment before the fault is kept');
    assert.equal(failure?.scannedTo, text.indexOf('\n'));
    const engine = await engineFor({
      'docs/req.md': '## SR-1: One\n\n## SR-2: Two\n',
      'src/a.ts': text,
      // a custom rule masks the text too: the scanner fails twice on the file, reported once
      'seclife.json': JSON.stringify({ customRules: [{ id: 'team/no-const', message: 'no const', pattern: 'const' }] }),
    });
    const found = internal(engine.findings());
    assert.deepEqual(
      found.map((f) => `${f.file}:${f.line}:${f.column} ${f.failure.component}`),
      ['src/a.ts:1:20 comment-scanner'],
    );
    assert.match(
      found[0].message,
      /^comment-scanner failed on src\/a\.ts: Error: injected scanner fault; the comments after this point were not read: annotations and suppressions there are missing/,
    );
    assert.equal(engine.item('SR-1')!.references.length, 1, 'the annotation before the fault is read');
    assert.equal(engine.item('SR-2')!.references.length, 0, 'the one after it is missing — and the finding says so');
    assert.deepEqual(
      engine.notes().map((n) => n.message),
      ['internal error at line 1: comment-scanner failed (Error: injected scanner fault)'],
    );
  });
});

/** Makes the document parser throw (a failure outside every per-rule guard) while `body` runs. */
async function withThrowingDocumentParser<T>(body: () => Promise<T>): Promise<T> {
  const parser = FILE_PARSERS.document as { parse: (...args: unknown[]) => unknown };
  const original = parser.parse;
  parser.parse = () => {
    throw new TypeError('injected parser fault');
  };
  try {
    return await body();
  } finally {
    parser.parse = original;
  }
}

test('engine: a whole file whose parser throws is an internal-error at its first line, an error by default (its items are missing)', async () => {
  const files = {
    'docs/requirements.md': '# Requirements\n\n## SR-001 Lockout\n',
    'src/a.ts': '// @implements SR-001\nexport const a = 1;\n',
  };
  const engine = await withThrowingDocumentParser(() => engineFor(files));
  const found = internal(engine.findings());
  assert.equal(found.length, 1);
  assert.deepEqual(
    [found[0].file, found[0].line, found[0].column, found[0].severity],
    ['docs/requirements.md', 1, 1, 'error'],
  );
  assert.equal(found[0].failure.component, 'document-parser');
  assert.match(
    found[0].message,
    /^document-parser failed on docs\/requirements\.md: TypeError: injected parser fault; its items, annotations and findings are missing/,
  );
  assert.ok(
    engine.notes().some((n) => n.file === 'docs/requirements.md' && n.message.includes('document-parser failed')),
  );
  // The annotation's target is gone with the file: the reference is reported, not silently fine.
  assert.ok(summarize(engine.findings()).includes('unknown-reference src/a.ts:1 SR-001'));
  // A severity from seclife.json applies to it too.
  const configured = await withThrowingDocumentParser(() =>
    engineFor({ ...files, 'seclife.json': JSON.stringify({ rules: { 'internal-error': 'warning' } }) }),
  );
  assert.deepEqual(
    internal(configured.findings()).map((f) => f.severity),
    ['warning'],
  );
});

test('no fault: no internal-error, no note (the seams are off by default)', async () => {
  const engine = await engineFor({ 'src/a.ts': `const y = ${FAULT_MARKER};\n`, 'src/a.py': `${FAULT_MARKER} = 1\n` });
  assert.deepEqual(engine.findings(), []);
  assert.deepEqual(engine.notes(), []);
});
