import assert from 'node:assert/strict';
import { test } from 'node:test';
import { statementMatches } from './vexCheck';
import { widenProductStatements } from './vexProductStatements';
import { VexStatement } from './vexStatement';

const statement = (products: string[]): VexStatement => ({
  vulnerability: 'GHSA-6rw7-vpxm-498p',
  aliases: [],
  products,
  status: 'not_affected',
  justification: 'vulnerable_code_not_in_execute_path',
  links: [],
  source: 'openvex',
  file: 'security/app.openvex.json',
  range: { line: 1, column: 1, endLine: 1, endColumn: 1 },
});
const PROJECT = { name: 'remote-monitoring-api', version: '1.4.0', ecosystem: 'npm' as const };
const QS = { id: 'GHSA-6rw7-vpxm-498p', aliases: [], package: 'qs', ecosystem: 'npm' as const, version: '6.13.0' };

test('a statement naming only the product (by purl or name) is about every package of it', () => {
  for (const product of [
    'pkg:npm/remote-monitoring-api@1.4.0',
    'pkg:npm/remote-monitoring-api',
    'remote-monitoring-api',
  ]) {
    const [widened] = widenProductStatements([statement([product])], [PROJECT]);
    assert.deepEqual(widened.products, [], product);
    assert.equal(statementMatches(widened, QS), true, product);
  }
});

test('a statement naming a package, a subcomponent, another version of the product or another product keeps its list', () => {
  const kept = [
    ['pkg:npm/remote-monitoring-api@1.4.0', 'pkg:npm/qs@6.13.0'],
    ['pkg:npm/qs@6.13.0'],
    ['pkg:npm/remote-monitoring-api@2.0.0'],
    ['pkg:pypi/remote-monitoring-api@1.4.0'],
    ['pkg:npm/other-product@1.4.0'],
  ];
  for (const products of kept)
    assert.deepEqual(widenProductStatements([statement(products)], [PROJECT])[0].products, products);
  // Without a known project nothing is widened.
  assert.deepEqual(widenProductStatements([statement(['remote-monitoring-api'])], [])[0].products, [
    'remote-monitoring-api',
  ]);
  assert.equal(statementMatches(statement(['pkg:npm/remote-monitoring-api@1.4.0']), QS), false);
});
