// Deterministic synthetic workspace for `npm run bench`: 10,000 source files of about 3 KB in
// several languages with annotations, and 200 Markdown documents holding 5,000 items.
import { mkdirSync, rmSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SOURCE_FILES = 10_000;
export const DOCUMENTS = 200;
export const ITEMS = 5_000;
const VERSION = 'v2';

function rng(seed) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const LANGS = [
  {
    ext: 'ts',
    line: '//',
    fn: (n) =>
      `export function ${n}(input: string): number {\n  const value = input.length * 3;\n  return value > 10 ? value : 0;\n}\n`,
  },
  {
    ext: 'py',
    line: '#',
    fn: (n) => `def ${n}(value):\n    result = len(value) * 3\n    return result if result > 10 else 0\n\n`,
  },
  {
    ext: 'go',
    line: '//',
    fn: (n) => `func ${n}(input string) int {\n\tvalue := len(input) * 3\n\treturn value\n}\n\n`,
  },
  {
    ext: 'java',
    line: '//',
    fn: (n) =>
      `  public int ${n}(String input) {\n    int value = input.length() * 3;\n    return value > 10 ? value : 0;\n  }\n`,
  },
  {
    ext: 'c',
    line: '//',
    fn: (n) =>
      `int ${n}(const char *input) {\n  int value = (int)strlen(input) * 3;\n  return value > 10 ? value : 0;\n}\n`,
  },
  { ext: 'sh', line: '#', fn: (n) => `${n}() {\n  local value="$1"\n  echo "\${#value}"\n}\n` },
];
const KINDS = [
  ['SR', 0.4],
  ['TH', 0.2],
  ['RC', 0.25],
  ['IF', 0.15],
];

/** Item IDs in a fixed order: 2,000 SR, 1,000 TH, 1,250 RC, 750 IF. */
export function itemIds() {
  const ids = [];
  for (const [kind, share] of KINDS)
    for (let i = 1; i <= ITEMS * share; i++) ids.push(`${kind}-${String(i).padStart(4, '0')}`);
  return ids;
}

function documentText(d, ids, rand) {
  const per = ITEMS / DOCUMENTS;
  const lines = [`# Generated document ${d}`, ''];
  for (const id of ids.slice(d * per, (d + 1) * per)) {
    lines.push(`## ${id}: Generated item ${id.toLowerCase()}`);
    if (id.startsWith('TH')) lines.push('Category: Tampering', 'Severity: medium', 'Status: open');
    if (id.startsWith('RC')) lines.push(`Mitigates: TH-${String(1 + Math.floor(rand() * 1000)).padStart(4, '0')}`);
    if (id.startsWith('IF')) lines.push('Exposure: internal', 'Assets: telemetry');
    if (id.startsWith('SR')) lines.push(`Derived-from: TH-${String(1 + Math.floor(rand() * 1000)).padStart(4, '0')}`);
    lines.push('', `The system shall handle ${id} as described in the generated specification. `.repeat(2).trim(), '');
  }
  return lines.join('\n');
}

function sourceText(f, ids, rand, isTest) {
  const lang = LANGS[f % LANGS.length];
  let out = `${lang.line} Generated file ${f}\n\n`;
  let n = 0;
  while (out.length < 3000) {
    let id = ids[Math.floor(rand() * ids.length)];
    // Tests verify requirements, controls and interfaces (threats are mitigated, not verified).
    if (isTest && id.startsWith('TH')) id = ids[Math.floor(rand() * 2000)];
    const verb = isTest
      ? '@verifies'
      : id.startsWith('TH')
        ? '@mitigates'
        : id.startsWith('IF')
          ? '@interface'
          : '@implements';
    if (rand() < 0.5) out += `${lang.line} ${verb} ${id} -- generated\n`;
    out += `${lang.line} helper ${n} keeps "${id}" in a string-free comment\n`;
    out += lang.fn(`fn_${f}_${n++}`);
  }
  return out;
}

/** Writes the workspace once per generator version; returns its path. */
export function generate(root) {
  const stamp = join(root, '.generated');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === VERSION) return root;
  rmSync(root, { recursive: true, force: true });
  const rand = rng(42);
  const ids = itemIds();
  mkdirSync(join(root, 'docs'), { recursive: true });
  for (let d = 0; d < DOCUMENTS; d++)
    writeFileSync(join(root, 'docs', `doc-${String(d).padStart(3, '0')}.md`), documentText(d, ids, rand));
  for (let f = 0; f < SOURCE_FILES; f++) {
    const isTest = f % 5 === 0;
    const dir = join(root, isTest ? 'test' : 'src', `pkg${f % 100}`);
    mkdirSync(dir, { recursive: true });
    const lang = LANGS[f % LANGS.length];
    writeFileSync(join(dir, `file${f}.${lang.ext}`), sourceText(f, ids, rand, isTest));
  }
  writeFileSync(stamp, VERSION);
  return root;
}
