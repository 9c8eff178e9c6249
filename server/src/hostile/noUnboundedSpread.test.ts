/**
 * D8 (issue 11): spreading an array into call arguments (`xs.push(...ys)`, `Math.max(...ys)`,
 * `String.fromCharCode(...ys)`, `new Set(...)` with spread elements …) puts every element on
 * the stack; with input-sized arrays (130,000 dependencies, 120,000 items) that is a
 * `RangeError` — and one that was caught per file dropped every finding of that file. This
 * test parses every source file of the server and the client with the TypeScript compiler
 * and fails on any spread argument of a call or `new`, naming file:line. Spreads in array
 * and object literals are allowed only where they are not arguments (`[...a, ...b]` as a
 * call argument is a copy, but `f(...[...a])` is not).
 *
 * Use a loop or `pushAll` (core/arrays.ts) instead. The allow-list names spreads of arrays
 * that are provably small and fixed (a handful of constants), one line each, with why.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';

const REPO = path.resolve(__dirname, '../../..');
const ROOTS = ['server/src', 'client/src'];

/**
 * Spreads that are allowed, as `file: spread text` (not by line, so edits above them do not
 * break the list), each with why it is small and fixed. Every entry must still match a
 * spread (the list cannot go stale).
 */
const ALLOWED: Record<string, string> = {
  // Two constant word lists of about 20 words each, copied into Sets at module load.
  'server/src/core/rules/js/secretHelpers.ts: ...SECRET_TERMS': 'constant list',
  'server/src/core/rules/js/secretHelpers.ts: ...VALUE_SUFFIXES': 'constant list',
  // A fixed tuple of matchAll's three parameters (Parameters<typeof matchAll>).
  'server/src/node/patternRunner.test.ts: ...a': 'fixed tuple',
  // A constant list of six finding codes.
  'server/src/core/soup/soupCheck.test.ts: ...soupCodes': 'constant list',
  // The arguments VS Code passes to one of our own commands (a tree item, a URI).
  'client/src/commands.ts: ...args': 'command arguments',
  // The fuzzer's mutations: at most 500 copies of a line; one of eight byte sequences of 1–4 bytes.
  'server/src/fuzz/mutate.ts: ...Array.from({ length: rng.pick([1, 2, 50, 500]) }, () => lines[j])': 'at most 500',
  'server/src/fuzz/mutate.ts: ...rng.pick([[0xff], [0xc0, 0x80], [0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0xfe], [0xc3]])':
    'constant bytes',
};

function sources(dir: string, out: string[]): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (/\.(?:ts|mts|cts|tsx)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Every spread argument of a call or `new` expression, as `file:line`. */
/** The spread's text on one line, as the formatter would write it short: keys survive reformatting. */
function oneLine(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/([[(]) /g, '$1')
    .replace(/,? ([\])])/g, '$1');
}

function spreadArguments(file: string, text: string): Array<{ at: string; text: string }> {
  const sf = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: Array<{ at: string; text: string }> = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments) {
      for (const arg of node.arguments) {
        if (!ts.isSpreadElement(arg)) continue;
        const line = sf.getLineAndCharacterOfPosition(arg.getStart(sf)).line + 1;
        found.push({ at: `${file}:${line}`, text: oneLine(arg.getText(sf)) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

test('the spread detector finds spread arguments of calls and new, not spreads in literals', () => {
  const code = [
    'a.push(...b);',
    'Math.max(...xs.map((x) => x.n));',
    'const s = new Set([...a, ...b]);',
    'new Foo(...args);',
    'const c = [...a, ...b];',
    'const o = { ...p };',
    'f(g(...h));',
  ].join('\n');
  assert.deepEqual(
    spreadArguments('x.ts', code).map((s) => s.at),
    ['x.ts:1', 'x.ts:2', 'x.ts:4', 'x.ts:7'],
  );
});

test('no spread of an array into call arguments in server/src or client/src (D8)', () => {
  const offenders: string[] = [];
  const used = new Set<string>();
  for (const root of ROOTS) {
    for (const file of sources(path.join(REPO, root), [])) {
      const rel = path.relative(REPO, file).split(path.sep).join('/');
      for (const s of spreadArguments(rel, readFileSync(file, 'utf8'))) {
        const key = `${rel}: ${s.text}`;
        if (ALLOWED[key]) used.add(key);
        else offenders.push(`${s.at}: ${s.text}`);
      }
    }
  }
  assert.deepEqual(
    offenders,
    [],
    `spread arguments overflow the stack on large arrays; use a loop or pushAll (core/arrays.ts):\n${offenders.join('\n')}`,
  );
  assert.deepEqual(
    Object.keys(ALLOWED).filter((k) => !used.has(k)),
    [],
    'allow-list entries that no longer match a spread (remove them)',
  );
});
