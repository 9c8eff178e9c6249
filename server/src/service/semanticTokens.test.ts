import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SemanticTokens } from 'vscode-languageserver-types';
import { contextFor } from '../testing/serviceContext';
import { SEMANTIC_LEGEND, semanticTokens } from './semanticTokens';

/** Decodes the relative encoding back to `line:char text type[.modifier]` (0-based). */
function decode(tokens: SemanticTokens, text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  const out: string[] = [];
  let line = 0;
  let char = 0;
  assert.equal(tokens.data.length % 5, 0);
  for (let i = 0; i < tokens.data.length; i += 5) {
    const [deltaLine, deltaStart, length, type, modifiers] = tokens.data.slice(i, i + 5);
    line += deltaLine;
    char = deltaLine === 0 ? char + deltaStart : deltaStart;
    const mods = SEMANTIC_LEGEND.tokenModifiers.filter((_, bit) => modifiers & (1 << bit));
    const text = lines[line].slice(char, char + length);
    assert.ok(char + length <= lines[line].length, `token ${text} runs past its line`);
    out.push(`${line}:${char} ${text} ${[SEMANTIC_LEGEND.tokenTypes[type], ...mods].join('.')}`);
  }
  return out;
}

async function tokensOf(files: Record<string, string>, path: string): Promise<string[]> {
  const ctx = await contextFor(files);
  return decode(semanticTokens(ctx, path), files[path]);
}

const DOCS = {
  'docs/requirements.md': '# Requirements\n\n## SR-001: Lock accounts\nDerived-from: TH-001, SR-404\n',
  'docs/threats.md': '## TH-001: Credential stuffing\n',
};

test('the legend uses standard token types and modifiers', () => {
  assert.deepEqual(SEMANTIC_LEGEND, { tokenTypes: ['decorator', 'enumMember'], tokenModifiers: ['declaration'] });
});

test('annotation verbs and every ID of an annotation, sorted, with several IDs on one line', async () => {
  const src =
    'const s = "@implements SR-001";\n/**\n * Lock.\n * @implements SR-001, SR-404 -- counter\n */\nfunction f() {} // @mitigates TH-001\n';
  assert.deepEqual(await tokensOf({ ...DOCS, 'src/lock.ts': src }, 'src/lock.ts'), [
    '3:3 @implements decorator',
    '3:15 SR-001 enumMember',
    '3:23 SR-404 enumMember',
    '5:19 @mitigates decorator',
    '5:30 TH-001 enumMember',
  ]);
});

test('docstrings and hash comments; two annotations on one line', async () => {
  const py = '"""\n@verifies SR-001\n"""\n# @interface IF-1  @implements SR-001\n';
  assert.deepEqual(await tokensOf({ ...DOCS, 'test/test_lock.py': py }, 'test/test_lock.py'), [
    '1:0 @verifies decorator',
    '1:10 SR-001 enumMember',
    '3:2 @interface decorator',
    '3:13 IF-1 enumMember',
    '3:19 @implements decorator',
    '3:31 SR-001 enumMember',
  ]);
});

test('IDs in suppression justifications are tokens; the directive is not', async () => {
  const src = 'x = 1\n# seclife-ignore-line py/eval -- input is constant, see TH-001\n';
  assert.deepEqual(await tokensOf({ ...DOCS, 'src/e.py': src }, 'src/e.py'), ['1:56 TH-001 enumMember']);
});

test('documents: defining IDs are declarations, link attribute IDs are references', async () => {
  assert.deepEqual(await tokensOf(DOCS, 'docs/requirements.md'), [
    '2:3 SR-001 enumMember.declaration',
    '3:14 TH-001 enumMember',
    '3:22 SR-404 enumMember',
  ]);
});

test('table items and CRLF documents', async () => {
  const doc =
    '# Controls\r\n\r\n| ID | Title | Mitigates |\r\n|---|---|---|\r\n| RC-001 | Lockout | TH-001, TH-002 |\r\n\r\n## RC-002: Rate limit\r\nMitigates: TH-001\r\n';
  assert.deepEqual(await tokensOf({ ...DOCS, 'docs/controls.md': doc }, 'docs/controls.md'), [
    '4:2 RC-001 enumMember.declaration',
    '4:21 TH-001 enumMember',
    '4:29 TH-002 enumMember',
    '6:3 RC-002 enumMember.declaration',
    '7:11 TH-001 enumMember',
  ]);
  const src = '// @implements RC-001\r\nlet a = 1; // @verifies RC-002\r\n';
  assert.deepEqual(await tokensOf({ ...DOCS, 'src/a.ts': src }, 'src/a.ts'), [
    '0:3 @implements decorator',
    '0:15 RC-001 enumMember',
    '1:14 @verifies decorator',
    '1:24 RC-002 enumMember',
  ]);
});

test('no tokens for files without annotations or unknown to Seclife', async () => {
  const ctx = await contextFor({ ...DOCS, 'src/plain.ts': 'export const a = 1; // SR-001 in prose\n' });
  assert.deepEqual(semanticTokens(ctx, 'src/plain.ts'), { data: [] });
  assert.deepEqual(semanticTokens(ctx, 'image.png'), { data: [] });
});
