import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveConfig } from '../config';
import { IdGrammar } from '../ids';
import { parseLifecycleDocument } from './lifecycleDocument';

const config = resolveConfig();
const ctx = { grammar: new IdGrammar(Object.keys(config.kinds)), kinds: config.kinds };
const parse = (text: string) => parseLifecycleDocument('docs/doc.md', text, ctx);

test('heading items: ID then colon or whitespace, any level, exact ID range', () => {
  const doc = parse(
    '# SR-001: Lock accounts\n\n### TH-7 Replay of tokens\n\n## Not an item\n\n## SRX-1: other prefix\n',
  );
  assert.deepEqual(
    doc.items.map((i) => [i.id, i.kind, i.title, i.level]),
    [
      ['SR-001', 'SR', 'Lock accounts', 1],
      ['TH-7', 'TH', 'Replay of tokens', 3],
    ],
  );
  assert.deepEqual(doc.items[1].idRange, { line: 3, column: 5, endLine: 3, endColumn: 9 });
  assert.deepEqual(
    doc.sections.map((s) => s.title),
    ['Not an item', 'SRX-1: other prefix'],
  );
});

test('an ID glued to other text is not an item; a trailing dot is punctuation', () => {
  const doc = parse('## SR-1x: fine suffix\n\n## SR-2/3 split\n\n## SR-4.\n');
  assert.deepEqual(
    doc.items.map((i) => i.id),
    ['SR-1x', 'SR-4'],
  );
  // What starts like an ID of a known kind but is none is said at it, not dropped in silence.
  assert.deepEqual(
    doc.findings.map((f) => [f.code, f.line, f.column, f.message.split(':')[0]]),
    [
      [
        'malformed-item',
        3,
        4,
        "'SR-2/3' is not an ID (a prefix, '-', then letters, digits, '_' and '.'; no other '-')",
      ],
      ['malformed-item', 5, 4, 'SR-4 has no title'],
    ],
  );
});

test('an ID-table row whose ID cell is no ID is a malformed-item finding at the cell; other rows still count', () => {
  const doc = parse(
    [
      '| ID | Title | Version | Supplier | Class |',
      '|---|---|---|---|---|',
      '| SOUP-left-pad | left-pad | 1.3.0 | npm | maintained |',
      '| SOUP-express | Express | 4.21.2 | OpenJS | maintained |',
      '| — | a note row | | | |',
      '| JIRA-12 | not a kind | | | |',
      '',
    ].join('\n'),
  );
  assert.deepEqual(
    doc.items.map((i) => i.id),
    ['SOUP-express'],
  );
  assert.equal(doc.findings.length, 1);
  const [f] = doc.findings;
  assert.deepEqual([f.code, f.severity, f.line, f.column, f.endColumn], ['malformed-item', 'error', 3, 3, 16]);
  assert.match(f.message, /^'SOUP-left-pad' is not an ID .*this row is not read as an item; write 'SOUP-left_pad'$/);
});

test('inline Markdown in titles is stripped', () => {
  const doc = parse('## SR-010: Lock the **account** after `5` [failures](x.md)\n');
  assert.equal(doc.items[0].title, 'Lock the account after 5 failures');
});

test('setext headings define items', () => {
  const doc = parse('SR-020: Setext title\n------------------\n\nText.\n');
  assert.deepEqual(
    doc.items.map((i) => [i.id, i.title, i.level]),
    [['SR-020', 'Setext title', 2]],
  );
});

test('attribute paragraph: plain, **Key:** and **Key**: forms, case and separators normalized', () => {
  const doc = parse(
    '## TH-004: Stuffing\nCategory: Spoofing\n**Severity:** high\n**Accepted_by**: CISO\n\nDescription here.\n',
  );
  const item = doc.items[0];
  assert.deepEqual(
    item.attributes.map((a) => [a.key, a.name, a.value]),
    [
      ['Category', 'category', 'Spoofing'],
      ['Severity', 'severity', 'high'],
      ['Accepted_by', 'accepted-by', 'CISO'],
    ],
  );
  assert.deepEqual(item.attributes[1].valueRange, { line: 3, column: 15, endLine: 3, endColumn: 19 });
  assert.deepEqual(item.attributes[1].keyRange, { line: 3, column: 3, endLine: 3, endColumn: 11 });
  assert.equal(item.description, 'Description here.');
});

test('attribute bullet list, with continuation lines', () => {
  const doc = parse(
    '## TH-1: X\n- **Category:** Tampering\n- Status: accepted\n- Rationale: low impact,\n  reviewed by the board\n\nBody.\n',
  );
  assert.deepEqual(
    doc.items[0].attributes.map((a) => [a.name, a.value]),
    [
      ['category', 'Tampering'],
      ['status', 'accepted'],
      ['rationale', 'low impact, reviewed by the board'],
    ],
  );
  assert.deepEqual(doc.items[0].attributes[0].valueRange, { line: 2, column: 17, endLine: 2, endColumn: 26 });
});

test('a paragraph with one prose line is a description, not attributes', () => {
  const doc = parse('## SR-1: X\nPriority: high\nThis line is prose.\n');
  assert.deepEqual(doc.items[0].attributes, []);
  assert.match(doc.items[0].description, /prose/);
});

test('a URL is not a key', () => {
  const doc = parse('## SR-1: X\nhttps://example.org/spec\n');
  assert.deepEqual(doc.items[0].attributes, []);
});

test('only the first block after the heading holds attributes', () => {
  const doc = parse('## SR-1: X\n\nIntro.\n\nPriority: high\n');
  assert.deepEqual(doc.items[0].attributes, []);
});

test('description runs to the next heading of the same or a higher level', () => {
  const doc = parse('## SR-1: A\nPriority: high\n\nFirst.\n\n### Detail\nMore.\n\n## SR-2: B\n\nSecond.\n# Top\n');
  assert.equal(doc.items[0].description, 'First.\n\n### Detail\nMore.');
  assert.equal(doc.items[0].endLine, 8);
  assert.equal(doc.items[1].description, 'Second.');
});

test('table items: first header ID, Title column, other columns attributes with cell ranges', () => {
  const doc = parse(
    '| ID | Title | Exposure | Assets |\n|---|---|---|---|\n| IF-1 | REST \\| API | external | PHI |\n| | no id | x | y |\n| note | not an ID | x | y |\n',
  );
  assert.deepEqual(
    doc.items.map((i) => [i.id, i.title, i.level]),
    [['IF-1', 'REST | API', 0]],
  );
  const item = doc.items[0];
  assert.deepEqual(
    item.attributes.map((a) => [a.key, a.value]),
    [
      ['Exposure', 'external'],
      ['Assets', 'PHI'],
    ],
  );
  assert.deepEqual(item.attributes[0].valueRange, { line: 3, column: 24, endLine: 3, endColumn: 32 });
  assert.deepEqual(item.idRange, { line: 3, column: 3, endLine: 3, endColumn: 7 });
});

test('tables whose first header is not ID define nothing', () => {
  assert.deepEqual(parse('| Name | Title |\n|---|---|\n| SR-1 | x |\n').items, []);
});

test('link attributes produce references with exact ranges; other attributes do not', () => {
  const doc = parse('## RC-002: Lockout\nMitigates: TH-004, TH-005\nDerived-from: SR-012.\nNotes: see SR-099\n');
  assert.deepEqual(
    doc.refs.map((r) => [r.id, r.role, r.fromItem, r.attribute, r.range.column, r.range.endColumn]),
    [
      ['TH-004', 'link', 'RC-002', 'mitigates', 12, 18],
      ['TH-005', 'link', 'RC-002', 'mitigates', 20, 26],
      ['SR-012', 'link', 'RC-002', 'derived-from', 15, 21],
    ],
  );
});

test('table link cells produce references', () => {
  const doc = parse(
    '| ID | Title | Version | Supplier | Class | Requires |\n|-|-|-|-|-|-|\n| SOUP-x | X | 1 | Y | required | SR-001 |\n',
  );
  assert.deepEqual(
    doc.refs.map((r) => [r.id, r.fromItem, r.attribute]),
    [['SR-001', 'SOUP-x', 'requires']],
  );
});

test('malformed-item: heading with only an ID, missing required attributes, disallowed values', () => {
  const doc = parse('## SR-1\n\n## IF-2: Api\nExposure: public\n\n## TH-3: T\nSeverity: extreme\n');
  assert.deepEqual(
    doc.findings.map((f) => [f.code, f.itemId, f.line]),
    [
      ['malformed-item', 'SR-1', 1],
      ['malformed-item', 'IF-2', 3],
      ['malformed-item', 'IF-2', 4],
      ['malformed-item', 'TH-3', 7],
    ],
  );
  assert.match(doc.findings[1].message, /missing required attribute Assets/);
  assert.match(doc.findings[2].message, /Exposure 'public' is not allowed; expected one of external, internal/);
});

test('front matter is skipped and line numbers stay right', () => {
  const doc = parse('---\nkind: SR\nowner: security-team\n---\n## SR-5: After front matter\n');
  assert.equal(doc.items[0].idRange.line, 5);
});

test('CRLF and CR line endings', () => {
  const doc = parse('## SR-1: A\r\nPriority: high\r\n\r\n## RC-1: B\r\nMitigates: TH-1\r\n');
  assert.deepEqual(
    doc.items.map((i) => [i.id, i.title, i.idRange.line]),
    [
      ['SR-1', 'A', 1],
      ['RC-1', 'B', 4],
    ],
  );
  assert.deepEqual(doc.refs[0].range, { line: 5, column: 12, endLine: 5, endColumn: 16 });
  assert.equal(doc.items[0].attributes[0].value, 'high');
});

test('items inside fenced code are not items', () => {
  const doc = parse('```md\n## SR-1: in code\n```\n');
  assert.deepEqual(doc.items, []);
});

test('10,000-level nested list and 10,000 nested quotes parse without a stack overflow', () => {
  const list = '- '.repeat(10000) + 'deepest';
  const indented = Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i * 2)}- level ${i}`).join('\n');
  const quotes = '>'.repeat(10000) + ' deep\n';
  const doc = parse(`## SR-1: Deep\n\n${list}\n\n${indented}\n\n${quotes}\n## SR-2: After\n`);
  assert.deepEqual(
    doc.items.map((i) => i.id),
    ['SR-1', 'SR-2'],
  );
  assert.match(doc.notes[0], /lines nested deeper than 20 levels/);
});

test('link references have exact ranges in table cells and list continuation lines', () => {
  const doc = parse(
    [
      '| ID | Title | Version | Supplier | Class | Requires |',
      '|-|-|-|-|-|-|',
      '| SOUP-x | X | 1 | Y | required | **SR-001**, SR-002 |',
      '',
      '## RC-1: C',
      '- Mitigates: TH-1,',
      '  TH-2',
      '',
    ].join('\n'),
  );
  assert.deepEqual(
    doc.refs.map((r) => `${r.id} ${r.range.line}:${r.range.column}-${r.range.endColumn}`),
    ['SR-001 3:37-43', 'SR-002 3:47-53', 'TH-1 6:14-18', 'TH-2 7:3-7'],
  );
});

test('a dot after the ID in a heading is punctuation; empty values do not satisfy required attributes', () => {
  const doc = parse('## SR-012. Lock accounts\n\n## IF-1: Api\nExposure: internal\nAssets:\n');
  assert.equal(doc.items[0].title, 'Lock accounts');
  assert.match(
    doc.findings.map((f) => f.message).join('\n'),
    /IF-1 \(interface\) is missing required attribute Assets/,
  );
});

test('a table row whose cells do not line up with the header never links its own ID', () => {
  const doc = parse('| ID | Title | Requires |\n|-|-|-|\n| SOUP-x | X \\| y | SR-001 | extra | cells |\n');
  assert.deepEqual(
    doc.refs.map((r) => `${r.id} ${r.range.column}-${r.range.endColumn}`),
    ['SR-001 21-27'],
  );
});

test('underscores inside words are not emphasis (IDs and titles keep them)', () => {
  const doc = parse(
    '| ID | Title |\n|-|-|\n| SOUP-a_b_c | py_yaml _emphasis_ |\n\n## SR-1: Use __dunder__ and snake_case_name\n',
  );
  assert.deepEqual(
    doc.items.map((i) => [i.id, i.title]),
    [
      ['SOUP-a_b_c', 'py_yaml emphasis'],
      ['SR-1', 'Use dunder and snake_case_name'],
    ],
  );
});
