import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import { contextFor, ROOT_URI } from '../testing/serviceContext';
import { documentSymbols, matchScore, MAX_WORKSPACE_SYMBOLS, workspaceSymbols } from './symbols';

/** `name [kind] start-end` per symbol, children indented, 0-based lines. */
function outline(symbols: DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [
    `${'  '.repeat(depth)}${s.name} [${s.kind === SymbolKind.Key ? s.detail : 'section'}] ${s.range.start.line}-${s.range.end.line}`,
    ...outline(s.children ?? [], depth + 1),
  ]);
}

const REQUIREMENTS = [
  '# Requirements', // 0
  '', //
  '## Accounts', // 2
  '', //
  '### SR-001: Lock accounts', // 4
  'Derived-from: TH-001', //
  '', //
  '#### Notes', // 7
  'Some notes.', //
  '', //
  '### SR-002: Audit access', // 10
  '', //
  '| ID | Title |', // 12
  '|---|---|', //
  '| SR-003 | Table item |', // 14
  '', //
  '## Data', // 16
  '', //
  '| ID | Title |', // 18
  '|---|---|', //
  '| SR-004 | Encrypt at rest |', // 20
].join('\n');

test('document symbols nest sections, heading items and table rows by heading level', async () => {
  const ctx = await contextFor({ 'docs/requirements.md': REQUIREMENTS });
  assert.deepEqual(outline(documentSymbols(ctx, 'docs/requirements.md')), [
    'Requirements [section] 0-20',
    '  Accounts [section] 2-15',
    '    SR-001: Lock accounts [Security requirement] 4-9',
    '      Notes [section] 7-9',
    '    SR-002: Audit access [Security requirement] 10-15',
    '      SR-003: Table item [Security requirement] 14-14',
    '  Data [section] 16-20',
    '    SR-004: Encrypt at rest [Security requirement] 20-20',
  ]);
});

test('ranges cover the section; selection ranges are the ID or the heading line', async () => {
  const ctx = await contextFor({ 'docs/requirements.md': REQUIREMENTS });
  const [root] = documentSymbols(ctx, 'docs/requirements.md');
  assert.deepEqual(root.range, { start: { line: 0, character: 0 }, end: { line: 20, character: 28 } });
  assert.deepEqual(root.selectionRange, { start: { line: 0, character: 0 }, end: { line: 0, character: 14 } });
  const sr1 = root.children![0].children![0];
  assert.deepEqual(sr1.selectionRange, { start: { line: 4, character: 4 }, end: { line: 4, character: 10 } });
  assert.deepEqual(sr1.range, { start: { line: 4, character: 0 }, end: { line: 9, character: 0 } });
  const row = root.children![0].children![1].children![0];
  assert.deepEqual(row.range, { start: { line: 14, character: 0 }, end: { line: 14, character: 23 } });
  assert.deepEqual(row.selectionRange, { start: { line: 14, character: 2 }, end: { line: 14, character: 8 } });
});

test('CRLF documents, a table before any heading, and items without a title', async () => {
  const doc = '| ID | Title |\r\n|---|---|\r\n| TH-001 | Replay |\r\n\r\n## TH-002\r\nStatus: open\r\n## Other\r\n';
  const ctx = await contextFor({ 'docs/threats.md': doc });
  const symbols = documentSymbols(ctx, 'docs/threats.md');
  assert.deepEqual(outline(symbols), ['TH-001: Replay [Threat] 2-2', 'TH-002 [Threat] 4-5', 'Other [section] 6-7']);
  assert.deepEqual(symbols[1].range.end, { line: 5, character: 12 });
  assert.deepEqual(symbols[2].selectionRange.end, { line: 6, character: 8 });
});

test('source files have no document symbols', async () => {
  const ctx = await contextFor({ 'docs/r.md': '## SR-001: A\n', 'src/a.ts': '// @implements SR-001\n' });
  assert.deepEqual(documentSymbols(ctx, 'src/a.ts'), []);
  assert.deepEqual(documentSymbols(ctx, 'nowhere.md'), []);
});

const WORKSPACE = {
  'docs/requirements.md': '## SR-001: Lock accounts\n\n## SR-002: Audit access\n\n## SR-010: Account recovery\n',
  'docs/threats.md': '## TH-001: Credential stuffing\n',
  'docs/dup.md': '## SR-002: Audit access again\n',
};

test('workspace symbols: empty query lists every item, duplicates included, sorted by ID', async () => {
  const ctx = await contextFor(WORKSPACE);
  const all = workspaceSymbols(ctx, '');
  assert.deepEqual(
    all.map((s) => s.name),
    [
      'SR-001: Lock accounts',
      'SR-002: Audit access again',
      'SR-002: Audit access',
      'SR-010: Account recovery',
      'TH-001: Credential stuffing',
    ],
  );
  const th = all[4];
  assert.equal(th.containerName, 'Threat');
  assert.equal(th.kind, SymbolKind.Key);
  assert.deepEqual(th.location, {
    uri: `${ROOT_URI}/docs/threats.md`,
    range: { start: { line: 0, character: 3 }, end: { line: 0, character: 9 } },
  });
});

test('workspace symbols match ID or title case-insensitively and fuzzily, best match first', async () => {
  const ctx = await contextFor(WORKSPACE);
  const names = (q: string) => workspaceSymbols(ctx, q).map((s) => s.name.split(':')[0]);
  assert.deepEqual(names('sr-002'), ['SR-002', 'SR-002']);
  assert.deepEqual(names('SR-00'), ['SR-001', 'SR-002', 'SR-002', 'SR-010']); // prefixes first, then the subsequence
  assert.deepEqual(names('account'), ['SR-010', 'SR-001']);
  assert.deepEqual(names('cred stuff'), ['TH-001']);
  assert.deepEqual(names('lkacc'), ['SR-001']);
  assert.deepEqual(names('zzz'), []);
});

test('match scores: exact ID > ID prefix > substring > subsequence', () => {
  const score = (q: string) => matchScore(q, 'SR-012', 'SR-012: Lock the account')!;
  assert.ok(score('sr-012') > score('sr-01'));
  assert.ok(score('sr-01') > score('lock'));
  assert.ok(score('lock') > score('account'));
  assert.ok(score('account') > score('ltacc'));
  assert.equal(matchScore('xyz', 'SR-012', 'SR-012: Lock the account'), undefined);
});

test('workspace symbols are capped', async () => {
  const rows = Array.from({ length: MAX_WORKSPACE_SYMBOLS + 5 }, (_, i) => `| SR-${i} | Item ${i} |`).join('\n');
  const ctx = await contextFor({ 'docs/many.md': `| ID | Title |\n|---|---|\n${rows}\n` });
  const all = workspaceSymbols(ctx, '');
  assert.equal(all.length, MAX_WORKSPACE_SYMBOLS);
  assert.deepEqual(
    all.slice(0, 3).map((s) => s.name),
    ['SR-0: Item 0', 'SR-1: Item 1', 'SR-2: Item 2'],
  );
});
