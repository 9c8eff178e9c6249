import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ItemDef } from '../model';
import { dispositionStatements, signature, statementFromDisposition } from './vexFromDispositions';

const item = (value: string, column = 40): Pick<ItemDef, 'file' | 'attributes'> => ({
  file: 'docs/soup.md',
  attributes: [
    {
      key: 'Vulnerabilities',
      name: 'vulnerabilities',
      value,
      keyRange: { line: 7, column: 1, endLine: 7, endColumn: 10 },
      valueRange: { line: 7, column, endLine: 7, endColumn: column + value.length },
    },
  ],
});

describe('dispositions as VEX', () => {
  it('maps every status', () => {
    const map = (status: string, justification?: string) =>
      statementFromDisposition({ id: 'CVE-1', status: status as never, justification });
    assert.deepEqual(
      [map('not-affected', 'never called'), map('mitigated', 'RC-004 validates input')].map((s) => [
        s.status,
        s.justification,
        s.impactStatement,
      ]),
      [
        ['not_affected', undefined, 'never called'],
        ['not_affected', 'inline_mitigations_already_exist', 'RC-004 validates input'],
      ],
    );
    assert.deepEqual(map('mitigated', 'RC-004 validates input').links, ['RC-004']);
    assert.equal(map('affected', 'upgrade in 1.5').actionStatement, 'upgrade in 1.5');
    assert.equal(map('accepted', 'low exposure, TH-3').actionStatement, 'risk accepted: low exposure, TH-3');
    assert.equal(map('accepted', 'low exposure, TH-3').status, 'affected');
    assert.equal(map('fixed', 'upgraded').status, 'fixed');
    assert.equal(map('fixed', 'upgraded').statusNotes, 'upgraded');
    assert.equal(map('under-investigation').status, 'under_investigation');
    assert.equal(map('under-investigation').statusNotes, undefined);
    assert.ok([map('fixed')].every((s) => s.source === 'soup'));
  });

  it('reads a leading justification label, written with _, - or spaces', () => {
    for (const text of [
      'vulnerable_code_not_in_execute_path: we never call res.redirect',
      'Vulnerable code not in execute path -- we never call res.redirect',
      'vulnerable-code-not-in-execute-path, we never call res.redirect',
    ]) {
      const s = statementFromDisposition({ id: 'CVE-1', status: 'not-affected', justification: text });
      assert.equal(s.justification, 'vulnerable_code_not_in_execute_path', text);
      assert.equal(s.impactStatement, 'we never call res.redirect', text);
    }
    const only = statementFromDisposition({
      id: 'CVE-1',
      status: 'not-affected',
      justification: 'component_not_present',
    });
    assert.equal(only.justification, 'component_not_present');
    assert.equal(only.impactStatement, undefined);
    const prose = statementFromDisposition({
      id: 'CVE-1',
      status: 'not-affected',
      justification: 'component_not_presently used',
    });
    assert.equal(prose.justification, undefined, 'a label must end at a word boundary');
  });

  it('reads the author and date suffix and leaves other brackets alone', () => {
    assert.deepEqual(signature('never called (by Ada Lovelace, 2024-03-05)'), {
      text: 'never called',
      author: 'Ada Lovelace',
      timestamp: '2024-03-05T00:00:00Z',
    });
    assert.deepEqual(signature('never called [ada, 2024-03-05]'), {
      text: 'never called',
      author: 'ada',
      timestamp: '2024-03-05T00:00:00Z',
    });
    for (const text of [
      'see RC-004 (input validation, 2024-03-05)',
      'see [the advisory](https://example.com/a)',
      'bad date (by ada, 2024-02-30)',
      'not at the end (by ada, 2024-03-05) really',
    ])
      assert.deepEqual(signature(text), { text }, text);
  });

  it('gives each disposition of an item its range in the attribute value and the item products', () => {
    const value =
      'GHSA-rv95-896h-c2vc not-affected -- never called (by ada, 2024-03-05); CVE-2024-1 fixed; CVE-2024-1 affected';
    const statements = dispositionStatements(item(value), ['pkg:npm/express@4.18.2']);
    assert.equal(statements.length, 2, 'the first disposition of an ID counts');
    assert.deepEqual(statements[0].range, { line: 7, column: 40, endLine: 7, endColumn: 40 + value.indexOf(';') });
    assert.equal(statements[0].author, 'ada');
    assert.equal(statements[0].impactStatement, 'never called');
    assert.deepEqual(statements[1].products, ['pkg:npm/express@4.18.2']);
    assert.equal(statements[1].file, 'docs/soup.md');
    assert.deepEqual(dispositionStatements({ file: 'x.md', attributes: [] }), []);
  });
});
