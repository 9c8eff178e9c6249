import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DocumentLink } from 'vscode-languageserver-types';
import { contextFor, ROOT_URI } from '../testing/serviceContext';
import { documentLinks } from './documentLinks';

const DOCS = {
  'docs/requirements.md': '# Requirements\n\n## SR-001: Lock accounts\nDerived-from: TH-001, TH-404\n\n## SR-002\n',
  'docs/threats.md': '| ID | Title | Status |\n|---|---|---|\n| TH-001 | Credential stuffing | open |\n',
  'docs/controls.md': '## RC-001: Lockout\r\nMitigates: TH-001\r\nDerived-from: SR-001\r\n',
};

/** `line:start-end -> target (tooltip)` per link, 0-based. */
function show(links: DocumentLink[]): string[] {
  return links.map(
    (l) =>
      `${l.range.start.line}:${l.range.start.character}-${l.range.end.character} -> ${l.target?.slice(ROOT_URI.length + 1)} (${l.tooltip})`,
  );
}

test('annotation IDs link to the definition line, several on one line, unknown ones not at all', async () => {
  const ctx = await contextFor({
    ...DOCS,
    'src/lock.ts': 'const a = 1;\n/**\n * @implements SR-001, SR-404, RC-001 -- counter\n */\nfunction f() {}\n',
  });
  assert.deepEqual(show(documentLinks(ctx, 'src/lock.ts')), [
    '2:15-21 -> docs/requirements.md#L3 (SR-001: Lock accounts)',
    '2:31-37 -> docs/controls.md#L1 (RC-001: Lockout)',
  ]);
});

test('link attributes in documents link to headings and table rows; CRLF keeps columns', async () => {
  const ctx = await contextFor(DOCS);
  assert.deepEqual(show(documentLinks(ctx, 'docs/requirements.md')), [
    '3:14-20 -> docs/threats.md#L3 (TH-001: Credential stuffing)',
  ]);
  assert.deepEqual(show(documentLinks(ctx, 'docs/controls.md')), [
    '1:11-17 -> docs/threats.md#L3 (TH-001: Credential stuffing)',
    '2:14-20 -> docs/requirements.md#L3 (SR-001: Lock accounts)',
  ]);
});

test('IDs in suppression justifications link; items without a title show the ID as tooltip', async () => {
  const ctx = await contextFor({
    ...DOCS,
    'src/q.py':
      '# seclife-ignore-next-line py/sql-concat -- table name from allow-list, see TH-001 and SR-002\nq = 1\n',
  });
  assert.deepEqual(show(documentLinks(ctx, 'src/q.py')), [
    '0:76-82 -> docs/threats.md#L3 (TH-001: Credential stuffing)',
    '0:87-93 -> docs/requirements.md#L6 (SR-002)',
  ]);
});

test('files without references or unknown to Seclife have no links', async () => {
  const ctx = await contextFor(DOCS);
  assert.deepEqual(documentLinks(ctx, 'docs/threats.md'), []);
  assert.deepEqual(documentLinks(ctx, 'nowhere.bin'), []);
});
