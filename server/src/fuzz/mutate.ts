/**
 * Structure-aware mutations (issue 11, "Keep it fixed"): byte and character flips,
 * inserts of tokens the parsers treat specially, long runs (deep nesting, long lines,
 * long whitespace), line-ending changes, BOMs, splices of two seeds, and for JSON a
 * mutation of the parsed value. All randomness comes from the {@link Prng} passed in.
 */
import { Prng } from './prng';

export type SeedFormat = 'json' | 'toml' | 'markdown' | 'code' | 'lines';

/** The largest input the fuzzer makes (inputs over 64 KiB get a proportionally longer watchdog). */
export const MAX_INPUT = 256 * 1024;

/** Tokens the parsers give meaning to, or that broke parsers elsewhere. */
export const TOKENS: readonly string[] = [
  '@implements',
  '@verifies',
  '@mitigates',
  '@interface',
  '@implements SR-001',
  '@verifies SR-001, SR-002',
  ' -- ',
  'SR-001',
  'SR-1',
  'TH-001',
  'RC-001',
  'IF-001',
  'SOUP-001',
  'CS-001',
  'SR-0000000000000000000001',
  'sr-001',
  'SR-',
  '|',
  '||',
  '| SR-001 | title |',
  '\\|',
  '#',
  '## ',
  '###### ',
  '# SR-001 Title\n',
  '## TH-001 Threat\n',
  '/*',
  '*/',
  '/**',
  '//',
  '///',
  '<!--',
  '-->',
  '<!-- @implements SR-001 -->',
  '--',
  '#!',
  '"',
  "'",
  '`',
  '```',
  '~~~',
  '"""',
  "'''",
  '\\',
  '\\\\',
  '\\"',
  '${',
  '}',
  'r#"',
  '"#',
  'R"(',
  ')"',
  '@"',
  '$"',
  'b"',
  'f"',
  '/re/g',
  '\u0000',
  '\ud800',
  '\udc00',
  '\udbff\udfff',
  '\\ud800',
  '\\udc00x',
  '\\u0000',
  '\ufeff',
  '\u2028',
  '\u2029',
  '\u202e',
  '\u00a0',
  '\ufffd',
  '\ud83d\ude00',
  '[[[[',
  ']]]]',
  '{{{{',
  '}}}}',
  '((((',
  '<<<<',
  '> > > >',
  '- - - -',
  '\r',
  '\n',
  '\r\n',
  '\n\n',
  '\t',
  ' ',
  'seclife-ignore-line',
  'seclife-ignore-next-line js/eval-dynamic -- ok',
  'seclife-ignore-file',
  'js/eval-dynamic',
  'Mitigates: TH-001',
  'Derived-from: SR-001',
  'Version: 1.0.0',
  'Supplier: x',
  'Class: maintained',
  'Exposure: external',
  'Assets: x',
  'Status: accepted',
  'Rationale:',
  'Rule: js/eval-dynamic',
  'Dispositions: GHSA-xxxx-xxxx-xxxx not-affected -- x',
  '---\n',
  '---\nid: x\n---\n',
  '\n---\n',
  ':',
  '::',
  '=',
  '==',
  '>=',
  '<=',
  '~=',
  '!=',
  '===',
  '^',
  '~',
  '*',
  '**',
  '?',
  '!',
  '@',
  '@scope/',
  'npm:',
  'file:',
  'link:',
  'git+https://x/y.git',
  'workspace:*',
  '[extra]',
  '; python_version < "3"',
  '-e ',
  '-r ',
  '--hash=sha256:00',
  'pkg:npm/%40scope/name@1.0.0',
  'pkg:pypi/x@1',
  'pkg:',
  '%',
  '%zz',
  '%ff',
  '%ed%a0%80',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'eval(',
  'require(',
  'exec(',
  'innerHTML =',
  'password = "x"',
  'strcpy(',
  'memcpy(a, b, sizeof(a))',
  'char buf[',
  'os.system(',
  '9999999999999999999999999999',
  '1e999',
  '-1e999',
  '-0',
  '0x7fffffff',
  '9007199254740993',
  'NaN',
  'Infinity',
  '0.0000000000000000001',
  '1.0.0',
  '0.0.0-0',
  '1.2.3-alpha.1+build',
  '>=1 <2 || ^3',
  '1.0.0a1.post2.dev3+local',
  'v1',
  '*',
  'x',
  'latest',
];

/** Runs repeated many times: deep nesting, long lines, long whitespace (backtracking regexes). */
const RUNS: readonly string[] = [
  '[',
  '{',
  '(',
  '{"a":',
  '[{',
  '>',
  '> ',
  '- ',
  '  ',
  '* ',
  '1. ',
  '#',
  '|',
  '| a ',
  '/*',
  '*/',
  '//',
  '<!--',
  '`',
  '"',
  '\\',
  ' ',
  '\t',
  '\n',
  '\r',
  '\r\n',
  'a',
  'SR-1 ',
  'SR-001, ',
  '@implements ',
  '@implements SR-1\n',
  '# SR-001 x\n',
  '| SR-001 | x |\n',
  '-',
  '=',
  '.',
  '0',
  '9',
  'é',
  '\u00a0',
  '\ud800',
  '\ufeff',
  '<',
  '<a>',
  '<!---->',
  'x = 1\n',
  '"a": "b", ',
  '[[a]]\n',
  ' --',
  '%',
  'a ',
];

const RUN_LENGTHS: ReadonlyArray<readonly [number, number]> = [
  [8, 10],
  [6, 100],
  [4, 1000],
  [2, 10000],
  [1, 40000],
];

/** JSON values that broke JSON consumers elsewhere. */
function interestingJson(rng: Prng, depth = 0): unknown {
  switch (rng.int(22)) {
    case 0:
      return null;
    case 1:
      return true;
    case 2:
      return 0;
    case 3:
      return -1;
    case 4:
      return 1e308;
    case 5:
      return Number.MAX_SAFE_INTEGER + 2;
    case 6:
      return '';
    case 7:
      return rng.pick(TOKENS);
    case 8:
      return '\ud800';
    case 9:
      return 'x'.repeat(rng.pick([100, 1000, 10000, 70000]));
    case 10:
      return [];
    case 11:
      return {};
    case 12:
      return depth < 3 ? [interestingJson(rng, depth + 1), interestingJson(rng, depth + 1)] : 1;
    case 13:
      return depth < 3 ? { [rng.pick(JSON_KEYS)]: interestingJson(rng, depth + 1) } : 'x';
    case 14: {
      let v: unknown = 1;
      for (let i = rng.pick([10, 100, 1000]); i > 0; i--) v = [v];
      return v;
    }
    case 15:
      return Array.from({ length: rng.pick([10, 1000, 5000]) }, (_, i) => `x${i}`);
    case 16:
      return '1.0.0';
    case 17:
      return '>=1.0.0 <2.0.0';
    case 18:
      return 'pkg:npm/x@1.0.0';
    case 19:
      return 'GHSA-aaaa-bbbb-cccc';
    case 20:
      return JSON.parse('{"__proto__": {"x": 1}, "constructor": "x", "hasOwnProperty": 1}') as unknown;
    default:
      return Object.fromEntries(Array.from({ length: rng.pick([10, 1000, 5000]) }, (_, i) => [`k${i}`, `${i}.0.0`]));
  }
}

const JSON_KEYS: readonly string[] = [
  'name',
  'version',
  'dependencies',
  'devDependencies',
  'optionalDependencies',
  'peerDependencies',
  'packages',
  'workspaces',
  'lockfileVersion',
  'requires',
  'resolved',
  'link',
  'dev',
  'bomFormat',
  'specVersion',
  'components',
  'purl',
  'type',
  'group',
  'vulnerabilities',
  'advisories',
  'id',
  'aliases',
  'affected',
  'ranges',
  'events',
  'introduced',
  'fixed',
  'last_affected',
  'ecosystem',
  'package',
  'results',
  'vulns',
  'severity',
  'via',
  'range',
  'items',
  'hash',
  'links',
  'documents',
  'sources',
  'tests',
  'exclude',
  'kinds',
  'rules',
  'overrides',
  'customRules',
  'pattern',
  'files',
  'languages',
  'message',
  'gate',
  'failOn',
  'coverage',
  'maxFindings',
  'maxFileSize',
  'manifests',
  '__proto__',
  'constructor',
  '',
  'SR',
  'needs',
  'required',
  'allowed',
];

/** Sets an own property (also `__proto__`, which plain assignment would treat as the prototype). */
function setOwn(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Replaces, deletes or adds one value somewhere in a parsed JSON value. */
function mutateJsonValue(rng: Prng, root: unknown): unknown {
  const containers: Array<unknown[] | Record<string, unknown>> = [];
  const visit = (v: unknown, depth: number) => {
    if (containers.length > 5000 || depth > 50 || typeof v !== 'object' || v === null) return;
    containers.push(v as unknown[] | Record<string, unknown>);
    for (const c of Object.values(v)) visit(c, depth + 1);
  };
  visit(root, 0);
  if (containers.length === 0 || rng.chance(0.05)) return interestingJson(rng);
  const target = rng.pick(containers);
  if (Array.isArray(target)) {
    const i = rng.int(target.length + 1);
    const op = rng.int(4);
    if (op === 0 && target.length > 0) target.splice(rng.int(target.length), 1);
    else if (op === 1 && target.length > 0) {
      // copies, not shared references: repeated duplication of shared values would grow exponentially
      const copy = JSON.stringify(target[rng.int(target.length)]) ?? 'null';
      for (let k = Math.min(rng.pick([2, 10, 100]), Math.floor(MAX_INPUT / (copy.length + 1))); k > 0; k--)
        target.push(JSON.parse(copy));
    } else target.splice(i, op === 2 ? 1 : 0, interestingJson(rng));
    return root;
  }
  const keys = Object.keys(target);
  const op = rng.int(5);
  if (op === 0 && keys.length > 0) delete target[rng.pick(keys)];
  else if (op === 1 && keys.length > 0) {
    // rename a key (to an interesting one, or with a lone surrogate)
    const k = rng.pick(keys);
    const v = target[k];
    delete target[k];
    setOwn(
      target,
      rng.chance(0.5) ? rng.pick(JSON_KEYS) : `${k}${rng.pick(['\ud800', '/', '', '@', ' ', '\u0000'])}`,
      v,
    );
  } else if (op === 2 || keys.length === 0) setOwn(target, rng.pick(JSON_KEYS), interestingJson(rng));
  else setOwn(target, rng.pick(keys), interestingJson(rng));
  return root;
}

function mutateJsonText(rng: Prng, text: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return undefined;
  }
  for (let n = rng.range(1, 3); n > 0; n--) value = mutateJsonValue(rng, value);
  let out: string;
  try {
    out = JSON.stringify(value, null, rng.pick([0, 2, 2, '\t']));
  } catch {
    return undefined; // too long for a string
  }
  // duplicate keys: JSON.stringify cannot make them, so write one in by text
  if (rng.chance(0.1))
    out = out.replace(/\{/, `{"${rng.pick(JSON_KEYS)}": ${JSON.stringify(interestingJson(rng)) ?? 'null'}, `);
  return out;
}

/** One text-level mutation. */
function mutateOnce(rng: Prng, text: string, format: SeedFormat, corpus: readonly string[]): string {
  const pos = () => biasedPosition(rng, text);
  switch (
    rng.weighted<number>([
      [10, 0],
      [14, 1],
      [6, 2],
      [6, 3],
      [5, 4],
      [8, 5],
      [3, 6],
      [2, 7],
      [3, 8],
      [6, 9],
      [format === 'json' ? 14 : 1, 10],
      [4, 11],
      [4, 12],
      [format === 'markdown' ? 6 : 2, 13],
      [3, 14],
    ])
  ) {
    case 0: {
      // replace one character (any UTF-16 code unit, or a special one)
      if (text.length === 0) return rng.pick(TOKENS);
      const i = rng.int(text.length);
      const c = rng.chance(0.5)
        ? String.fromCharCode(rng.int(0x10000))
        : rng.pick([
            '\u0000',
            '\ud800',
            '\udc00',
            '\r',
            '\n',
            '"',
            '\\',
            '|',
            '#',
            '*',
            '/',
            '-',
            ' ',
            '\t',
            '\u2028',
            '\ufeff',
            'é',
          ]);
      return text.slice(0, i) + c + text.slice(i + 1);
    }
    case 1: {
      // insert a token
      const i = pos();
      return text.slice(0, i) + rng.pick(TOKENS) + text.slice(i);
    }
    case 2: {
      // delete a range
      if (text.length === 0) return text;
      const i = rng.int(text.length);
      return text.slice(0, i) + text.slice(i + rng.range(1, Math.min(text.length - i, rng.pick([1, 8, 64, 1024]))));
    }
    case 3: {
      // duplicate a range somewhere else (duplicate IDs, repeated sections)
      if (text.length === 0) return text;
      const i = rng.int(text.length);
      const chunk = text.slice(i, i + rng.range(1, rng.pick([16, 256, 4096])));
      const j = pos();
      return text.slice(0, j) + chunk.repeat(rng.pick([1, 1, 2, 10, 100])) + text.slice(j);
    }
    case 4: {
      // line operations
      const lines = text.split('\n');
      const i = rng.int(lines.length);
      const j = rng.int(lines.length);
      const op = rng.int(4);
      if (op === 0) [lines[i], lines[j]] = [lines[j], lines[i]];
      else if (op === 1) lines.splice(i, 1);
      else if (op === 2) lines.splice(i, 0, ...Array.from({ length: rng.pick([1, 2, 50, 500]) }, () => lines[j]));
      else lines[i] = rng.pick(rng.pick(corpus).split('\n'));
      return lines.join('\n');
    }
    case 5: {
      // a long run: deep nesting, long line, long whitespace
      const i = pos();
      const unit = rng.chance(0.8) ? rng.pick(RUNS) : rng.pick(TOKENS);
      const n = rng.weighted(RUN_LENGTHS);
      return (
        text.slice(0, i) +
        unit.repeat(Math.max(1, Math.min(n, Math.floor(MAX_INPUT / 2 / Math.max(1, unit.length))))) +
        text.slice(i)
      );
    }
    case 6: // line endings
      return rng.pick([
        () => text.replace(/\r?\n/g, '\r\n'),
        () => text.replace(/\r?\n/g, '\r'),
        () => text.replace(/\r\n?/g, '\n'),
        () => text.replace(/\n/g, () => rng.pick(['\n', '\r\n', '\r', '\n\r'])),
        () => text.replace(/\n/g, '\u2028'),
      ])();
    case 7: // a BOM, or two
      return rng.pick(['\ufeff', '\ufeff\ufeff', '\ufffe', '\u0000']) + text;
    case 8: {
      // truncate
      return text.slice(0, rng.int(text.length + 1));
    }
    case 9: {
      // splice two seeds
      const other = rng.pick(corpus);
      return text.slice(0, rng.int(text.length + 1)) + other.slice(rng.int(other.length + 1));
    }
    case 10: // JSON-aware
      return mutateJsonText(rng, text) ?? text;
    case 11: {
      // a number somewhere becomes a huge or odd one
      const numbers = [...text.matchAll(/\d+/g)].slice(0, 2000);
      if (numbers.length === 0) return text;
      const m = rng.pick(numbers);
      const repl = rng.pick([
        '9'.repeat(rng.pick([20, 400, 5000])),
        '1e999',
        '-1',
        '0',
        '00',
        '1.5',
        '0x10',
        'NaN',
        '4294967296',
        '',
      ]);
      return text.slice(0, m.index) + repl + text.slice(m.index! + m[0].length);
    }
    case 12: {
      // an ID becomes another one
      const ids = [...text.matchAll(/\b[A-Z]{2,}-\d+\b/g)].slice(0, 2000);
      if (ids.length === 0) return text;
      const m = rng.pick(ids);
      const repl = rng.chance(0.5)
        ? rng.pick(ids)[0]
        : rng.pick([
            'SR-001',
            'TH-001',
            'XX-001',
            'SR-',
            'SR-0',
            `SR-${'1'.repeat(rng.pick([5, 50, 500]))}`,
            'SR-001\u0000',
            'SR\u2011001',
            'SR-00١',
          ]);
      return text.slice(0, m.index) + repl + text.slice(m.index! + m[0].length);
    }
    case 13: {
      // Markdown structure: a heading, a table, an attribute block, front matter, a fence
      const i = lineStart(text, pos());
      const snippet = rng.pick([
        `## ${rng.pick(['SR', 'TH', 'RC', 'IF', 'SOUP', 'CS', 'XX'])}-${rng.range(0, 999).toString().padStart(3, '0')} ${rng.pick(['Title', '', '|', '`x`', '<b>'])}\n`,
        '| ID | Title | Mitigates |\n|---|---|---|\n| RC-001 | x | TH-001 |\n',
        '|---|---|\n',
        '| SR-001 |\n',
        'Mitigates: TH-001, TH-002\nStatus: accepted\n',
        '```\n',
        '```ts\n// @implements SR-001\n```\n',
        '---\ntitle: x\n---\n',
        '<!-- seclife-ignore-next-line -->\n',
        '> ## SR-009 quoted\n',
        '- ## SR-010 in a list\n',
        '    ## SR-011 indented\n',
        'Setext SR-012\n===\n',
        '<details>\n\n## SR-013 x\n\n</details>\n',
      ]);
      return text.slice(0, i) + snippet + text.slice(i);
    }
    default: {
      // replace a token-ish word with another token
      const words = [...text.matchAll(/[A-Za-z_@][\w-]*/g)].slice(0, 2000);
      if (words.length === 0) return text;
      const m = rng.pick(words);
      return text.slice(0, m.index) + rng.pick(TOKENS) + text.slice(m.index! + m[0].length);
    }
  }
}

/** A position, more often at a line start or next to punctuation than uniformly. */
function biasedPosition(rng: Prng, text: string): number {
  const i = rng.int(text.length + 1);
  if (rng.chance(0.5)) return i;
  if (rng.chance(0.5)) return lineStart(text, i);
  const j = text.slice(i, i + 200).search(/[^\w\s]/);
  return j < 0 ? i : i + j + rng.int(2);
}

function lineStart(text: string, i: number): number {
  const nl = text.lastIndexOf('\n', i - 1);
  return nl < 0 ? 0 : nl + 1;
}

/** A mutated text: 1–8 stacked mutations of one seed. */
export function mutateText(rng: Prng, seed: string, format: SeedFormat, corpus: readonly string[]): string {
  let text = seed;
  const n = rng.weighted<number>([
    [8, 1],
    [6, 2],
    [4, 3],
    [2, 5],
    [1, 8],
  ]);
  for (let k = 0; k < n; k++) {
    text = mutateOnce(rng, text, format, corpus);
    if (text.length > MAX_INPUT) text = text.slice(0, MAX_INPUT);
  }
  return text;
}

const encoder = new TextEncoder();

/** UTF-8 of a text with byte-level damage: flipped bits, invalid sequences, overlong forms, UTF-16 BOMs. */
export function mutateBytes(rng: Prng, text: string): Uint8Array {
  let bytes = Array.from(encoder.encode(text));
  for (let n = rng.range(1, 4); n > 0; n--) {
    const i = rng.int(bytes.length + 1);
    switch (rng.int(6)) {
      case 0:
        if (bytes.length) bytes[Math.min(i, bytes.length - 1)] ^= 1 << rng.int(8);
        break;
      case 1:
        bytes.splice(
          i,
          0,
          ...rng.pick([
            [0xff],
            [0xc0, 0x80],
            [0x80],
            [0xed, 0xa0, 0x80],
            [0xf4, 0x90, 0x80, 0x80],
            [0xe2, 0x82],
            [0xfe],
            [0xc3],
          ]),
        );
        break;
      case 2:
        bytes = [
          ...rng.pick([
            [0xff, 0xfe],
            [0xfe, 0xff],
            [0xef, 0xbb, 0xbf],
          ]),
          ...bytes,
        ];
        break;
      case 3:
        if (bytes.length) bytes.splice(i, 1);
        break;
      case 4:
        bytes.splice(i, 0, rng.int(256));
        break;
      default:
        if (rng.chance(0.2)) bytes.splice(i, 0, 0);
        break; // NUL: the file counts as binary when early
    }
  }
  return Uint8Array.from(bytes);
}
